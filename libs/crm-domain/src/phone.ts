import { type CountryCode, getCountries, parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type { CountryCode };
export type PhoneKind = 'e164' | 'extension' | 'invalid';

export interface NormalizedPhone {
  /** As typed or as Zoom sent it, trimmed. */
  raw: string;
  e164: string | null;
  extension: string | null;
  kind: PhoneKind;
}

const COUNTRIES = new Set<string>(getCountries());
/** Internal extensions: a few digits, no plus, nothing else (Zoom Phone extensions are 2 to 6 digits). */
const EXTENSION_ONLY = /^\d{2,6}$/;
/** Only characters people really use when writing a number (digits, spaces, punctuation, extension marks). */
const PHONE_CHARACTERS = /^[\d\s+().\-/]*(?:(?:x|ext\.?|extension|#)\s*\d+)?$/i;

export function isValidRegion(code: string): code is CountryCode {
  return COUNTRIES.has(code);
}

/**
 * Reads a phone number in whatever format it arrives. The "max" metadata is used so that region detection is
 * exact; `isPossible` (length rules) rather than `isValid` decides, because fictional 555-01xx numbers and
 * freshly allocated ranges must still match.
 */
export function normalizePhone(input: string, defaultRegion: CountryCode = 'US'): NormalizedPhone {
  const raw = (input ?? '').trim();
  const invalid: NormalizedPhone = { raw, e164: null, extension: null, kind: 'invalid' };
  if (!raw || !PHONE_CHARACTERS.test(raw)) return invalid;
  if (EXTENSION_ONLY.test(raw)) return { raw, e164: null, extension: raw, kind: 'extension' };
  // "00" is the international prefix nearly everywhere outside North America; read it as "+" even with a US default.
  const text = raw.replace(/^\s*00(?=\s*[1-9])/, '+');
  const parsed = parsePhoneNumberFromString(text, defaultRegion);
  if (!parsed || !parsed.isPossible()) return invalid;
  return { raw, e164: parsed.number, extension: parsed.ext ?? null, kind: 'e164' };
}

/** Keys a number is looked up by: its E.164 form, or the bare extension for internal extensions. */
export function phoneLookupKeys(raw: string, defaultRegion: CountryCode = 'US'): string[] {
  const phone = normalizePhone(raw, defaultRegion);
  if (phone.kind === 'e164' && phone.e164) return [phone.e164];
  if (phone.kind === 'extension' && phone.extension) return [phone.extension];
  return [];
}

/** A free-text search that is mostly a phone number: at least three digits and only phone punctuation. */
export function looksLikePhoneQuery(text: string): boolean {
  const trimmed = text.trim();
  return (trimmed.match(/\d/g)?.length ?? 0) >= 3 && PHONE_CHARACTERS.test(trimmed);
}
