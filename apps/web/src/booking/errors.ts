import { CombinedGraphQLErrors } from '@apollo/client';
import { errorCode, errorField, errorMessage } from '../apollo';

/** Whether the api's BAD_USER_INPUT names `field`, or an item of it ("weeklyHours.2.end"). */
export function isFieldError(error: unknown, field: string): boolean {
  const named = errorCode(error) === 'BAD_USER_INPUT' ? errorField(error) : undefined;
  return named !== undefined && (named === field || named.startsWith(`${field}.`) || named.startsWith(`${field}[`));
}

/** How long a RATE_LIMITED answer asks to wait, when it says (Zoom's daily limit says try another day instead). */
function retryAfterSeconds(error: unknown): number | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const seconds = error.errors[0]?.extensions?.retryAfterSeconds;
  return typeof seconds === 'number' ? seconds : null;
}

/** A failed booking action's message for the prospect; too many tries get a calm sentence with the wait. */
export function bookingErrorMessage(error: unknown): string {
  const seconds = errorCode(error) === 'RATE_LIMITED' ? retryAfterSeconds(error) : null;
  if (seconds === null) return errorMessage(error);
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return `Lots of requests came from your network just now. Nothing was changed; please try again in ${wait}.`;
}

/** The next free slots a SLOT_UNAVAILABLE answer offers instead of the one that went. */
export function nextFreeSlots(error: unknown): string[] {
  if (!CombinedGraphQLErrors.is(error)) return [];
  const slots = error.errors[0]?.extensions?.nextSlots;
  return Array.isArray(slots) ? slots.filter((slot): slot is string => typeof slot === 'string') : [];
}
