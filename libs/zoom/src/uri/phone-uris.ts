// Click-to-call hand-off to the Zoom client (or whatever handles tel:/callto:). Numbers go into a URI that
// the browser hands to another program, so only a strict E.164 shape is accepted: no letters, no `;`/`?`
// parameters an attacker could smuggle in through a contact's phone field. What remains (`+` and digits) is
// literal in every one of these schemes, so nothing needs percent-encoding.

const E164 = /^\+[1-9]\d{6,14}$/;

export class InvalidPhoneNumberError extends Error {
  constructor() {
    super('Expected an E.164 phone number such as +14155550123');
    this.name = 'InvalidPhoneNumberError';
  }
}

/** Accepts E.164 with common separators (spaces, dashes, dots, parentheses) and returns the bare `+digits`. */
export function toE164(number: string): string {
  const compact = number.trim().replace(/[\s\-().]/g, '');
  if (!E164.test(compact)) throw new InvalidPhoneNumberError();
  return compact;
}

export function isE164(number: string): boolean {
  return E164.test(number);
}

/** An extension goes into a URI as digits only, so it cannot smuggle parameters in either. */
const EXTENSION = /^\d{1,10}$/;

/** RFC 3966's `;ext=` for an extension, nothing without one. */
function extensionParameter(extension: string | null | undefined): string {
  if (!extension) return '';
  if (!EXTENSION.test(extension)) throw new InvalidPhoneNumberError();
  return `;ext=${extension}`;
}

/**
 * `zoomphonecall://+14155550123`: opens Zoom Phone's dialer with the number. Zoom documents this scheme with the
 * number and `?callerid=` only, no extension; it documents `tel:` as a scheme its client handles too, and `tel:`
 * carries an extension (RFC 3966). So a number with an extension is dialled as `tel:+16505550141;ext=51` rather
 * than have the extension dropped, or appended in a form Zoom never said it reads.
 */
export function zoomPhoneCallUri(e164: string, extension?: string | null): string {
  return extension ? telUri(e164, extension) : `zoomphonecall://${toE164(e164)}`;
}

/** `zoomphonesms://+14155550123`: opens a Zoom Phone SMS thread. */
export function zoomPhoneSmsUri(e164: string): string {
  return `zoomphonesms://${toE164(e164)}`;
}

/** RFC 3966 `tel:+14155550123`, or `tel:+16505550141;ext=51` with an extension. */
export function telUri(e164: string, extension?: string | null): string {
  return `tel:${toE164(e164)}${extensionParameter(extension)}`;
}

export function calltoUri(e164: string): string {
  return `callto:${toE164(e164)}`;
}
