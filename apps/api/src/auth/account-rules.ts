import { QueryFailedError } from 'typeorm';
import { badInput } from '../platform/graphql/errors';
import { normaliseEmail } from '../platform/graphql/validation';

export const PASSWORD_MIN_LENGTH = 8;
/** scrypt reads every byte: a bound keeps a single request from buying seconds of CPU. */
const PASSWORD_MAX_LENGTH = 256;
const NAME_MAX_LENGTH = 100;

/** The rules every new account follows, wherever it is made (first-run page, invite). */
export function accountEmail(raw: string): string {
  return normaliseEmail(raw, 'email');
}

export function checkNewPassword(password: string): string {
  if (password.length < PASSWORD_MIN_LENGTH) throw badInput(`Choose a password of at least ${PASSWORD_MIN_LENGTH} characters`, 'password');
  if (password.length > PASSWORD_MAX_LENGTH) throw badInput(`Choose a password of at most ${PASSWORD_MAX_LENGTH} characters`, 'password');
  return password;
}

/** A trimmed name of 1 to 100 characters; `what` says whose name it is in the message. */
export function requiredName(raw: string, field: string, what: string): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (!name) throw badInput(`Enter ${what}`, field);
  if (name.length > NAME_MAX_LENGTH) throw badInput(`Keep ${what} to ${NAME_MAX_LENGTH} characters or fewer`, field);
  return name;
}

/** Emails are unique across Switchboard (one login per person), so the race between two sign-ups ends here. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';
}

export const emailTaken = (email: string) => badInput(`${email} already has a Switchboard account: sign in instead`, 'email');
