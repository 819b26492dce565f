import { ActivityDirection } from '@switchboard/crm-domain';
import { badInput } from '../platform/graphql/errors';
import { cleanText } from '../platform/graphql/validation';

// How the phone module reads what agents and the softphone send: each bad value is BAD_USER_INPUT naming its field.

/** A call's notes: long enough for a whole conversation's worth, short enough to stay a note. */
export const CALL_NOTES_MAX_LENGTH = 10_000;
/** A text: Zoom's MMS carry longer texts than an SMS's 160 characters, never a document's worth. */
export const SMS_BODY_MAX_LENGTH = 10_000;
/** A call logged by hand, or by the softphone, lasted less than a day. */
const MAX_CALL_SECONDS = 86_400;
/** A client's clock may run a little ahead of ours. */
const CLOCK_SKEW_MS = 5 * 60_000;
const EARLIEST_TIME = Date.UTC(2000, 0, 1);
const ZOOM_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Digits with the separators people and Zoom write them with; an extension is digits alone. */
const PHONE_NUMBER = /^\+?[\d\s().-]*\d[\d\s().-]*$/;
const MAX_PHONE_NUMBER_LENGTH = 40;

/** Zoom's id of a call or a message (digits, a UUID): required, and never free text. */
export function zoomIdInput(raw: string, field: string): string {
  const id = raw.trim();
  if (!ZOOM_ID.test(id)) throw badInput(`${field} must be Zoom's id: 1 to 128 letters, digits, dots, dashes, colons or underscores`, field);
  return id;
}

/** The softphone's "inbound" / "outbound" (any case); null when optional and not given. */
export function softphoneDirection(raw: string | null | undefined, field: string, options: { required: boolean }): ActivityDirection | null {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === 'inbound') return ActivityDirection.INBOUND;
  if (value === 'outbound') return ActivityDirection.OUTBOUND;
  if (!value && !options.required) return null;
  throw badInput(`${field} must be "inbound" or "outbound"`, field);
}

/** A call or text's other end as dialled; null when blank and optional (a withheld number). */
export function phoneNumberInput(raw: string | null | undefined, field: string, options: { required: boolean }): string | null {
  const number = raw?.trim() ?? '';
  if (!number) {
    if (options.required) throw badInput(`${field} must not be empty`, field);
    return null;
  }
  if (number.length > MAX_PHONE_NUMBER_LENGTH || !PHONE_NUMBER.test(number)) throw badInput(`${field} must be a phone number or an extension`, field);
  return number;
}

/** When a call or text happened: now when not given; never in the future. */
export function pastTimeInput(value: Date | null | undefined, field: string): Date {
  if (value === null || value === undefined) return new Date();
  const time = value.getTime();
  if (Number.isNaN(time) || time < EARLIEST_TIME) throw badInput(`${field} must be a date-time after 2000`, field);
  if (time > Date.now() + CLOCK_SKEW_MS) throw badInput(`${field} must not be in the future`, field);
  return value;
}

/** A call's length in whole seconds, up to a day; null when not given. */
export function callSecondsInput(value: number | null | undefined, field: string): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 0 || value > MAX_CALL_SECONDS) throw badInput(`${field} must be a whole number of seconds from 0 to ${MAX_CALL_SECONDS}`, field);
  return value;
}

/** A call's notes, trimmed; null when blank. */
export const callNotesInput = (raw: string | null | undefined, field = 'notes') => cleanText(raw, field, { max: CALL_NOTES_MAX_LENGTH });
