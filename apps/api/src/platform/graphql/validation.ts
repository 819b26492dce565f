import { normalizeEmail } from '@switchboard/crm-domain';
import { badInput } from './errors';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else can name no row, and must not reach PostgreSQL as a cast error. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

export function normaliseEmail(raw: string, field = 'emails'): string {
  const email = normalizeEmail(raw);
  if (!email) throw badInput(`"${raw}" is not a valid email address`, field);
  return email;
}

/** Trimmed text within a length, or null when blank and optional. */
export function cleanText(raw: string | null | undefined, field: string, options: { required?: boolean; max: number }): string | null {
  const text = raw?.trim() ?? '';
  if (!text) {
    if (options.required) throw badInput(`${field} must not be empty`, field);
    return null;
  }
  if (text.length > options.max) throw badInput(`${field} must be at most ${options.max} characters`, field);
  return text;
}

/**
 * PostgreSQL text cannot hold U+0000. In free text (a note, an agenda) a NUL is an invisible paste artefact and is
 * dropped; in anything that names or finds something (names, emails, numbers, searches, ids) it is refused.
 */
export function withoutNul(raw: string, field: string, options: { freeText: boolean }): string {
  if (!raw.includes('\u0000')) return raw;
  if (options.freeText) return raw.replaceAll('\u0000', '');
  throw badInput(`${field} must not contain NUL characters (U+0000)`, field);
}
