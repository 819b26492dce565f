import { badInput } from './errors';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** Ids are UUIDs; anything else can name no row, and must not reach PostgreSQL as a cast error. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

export function normaliseEmail(raw: string, field = 'emails'): string {
  const email = raw.trim().toLowerCase();
  if (!EMAIL_PATTERN.test(email) || email.length > 254) throw badInput(`"${raw}" is not a valid email address`, field);
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
