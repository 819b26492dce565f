import type { SoftphoneCallInput, SoftphoneSmsInput } from './queries';

/**
 * Zoom Phone Smart Embed's postMessage vocabulary (/work/shared/zoom README §7). Zoom confirms the message types but
 * few payload fields, and public integrations show variants (`phoneNumber` or `phoneNumbers`, `query` or
 * `searchString`, parties as `{ phoneNumber }` or plain strings), so every reader here takes what it finds and
 * gives null for anything it cannot use, never throws.
 */
export type SentType = 'zp-init-config' | 'zp-make-call' | 'zp-input-sms' | 'zp-contact-match-response' | 'zp-contact-search-response';

export type ReceivedType =
  | 'zp-call-ringing-event'
  | 'zp-call-connected-event'
  | 'zp-call-ended-event'
  | 'zp-call-log-completed-event'
  | 'zp-save-log-event'
  | 'zp-notes-save-event'
  | 'zp-call-recording-completed-event'
  | 'zp-call-voicemail-received-event'
  | 'zp-ai-call-summary-event'
  | 'zp-sms-log-event'
  | 'zp-contact-match-event'
  | 'zp-contact-search-event';

export type Payload = Record<string, unknown>;

export interface SmartEmbedMessage {
  type: string;
  data: Payload;
}

const isObject = (value: unknown): value is Payload => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** `{ type, data }`, as every Smart Embed message is; null for anything else a window may post. */
export function readMessage(value: unknown): SmartEmbedMessage | null {
  if (!isObject(value) || typeof value.type !== 'string') return null;
  return { type: value.type, data: isObject(value.data) ? value.data : {} };
}

/** A party's number: `{ phoneNumber }` (or `{ number }`) in Zoom's events, a plain string in some integrations. */
export function numberOf(party: unknown): string | undefined {
  if (isObject(party)) return text(party.phoneNumber) ?? text(party.number);
  return text(party);
}

/** The numbers a contact match asks about. */
export function numbersToMatch(data: Payload): string[] {
  const listed = Array.isArray(data.phoneNumbers) ? data.phoneNumbers : [];
  return [...new Set([data.phoneNumber, ...listed].map(numberOf).filter((number): number is string => Boolean(number)))];
}

/** What a contact search typed. */
export function searchTextOf(data: Payload): string | undefined {
  return text(data.query) ?? text(data.searchString) ?? text(data.keyword);
}

/** Whose number the call is with: the caller of an inbound call, the callee of an outbound one. */
export function counterpartOf(data: Payload): string | undefined {
  return numberOf(direction(data) === 'inbound' ? data.caller : data.callee);
}

function direction(data: Payload): string | undefined {
  return text(data.direction)?.toLowerCase();
}

function instant(value: unknown): string | undefined {
  const parsed = typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed.toISOString() : undefined;
}

function seconds(value: unknown): number | undefined {
  const parsed = typeof value === 'string' ? Number(value) : value;
  return typeof parsed === 'number' && Number.isFinite(parsed) && parsed >= 0 ? Math.round(parsed) : undefined;
}

/**
 * A call log, a saved log or saved notes as the activity's fields. An empty outcome or note is left out rather than
 * sent: a later event without them (the completed log after the notes, say) must not wipe what the agent wrote.
 */
export function callLogOf(data: Payload): SoftphoneCallInput | null {
  const callId = text(data.callId);
  if (!callId) return null;
  return {
    callId,
    direction: direction(data),
    counterpartNumber: counterpartOf(data),
    occurredAt: instant(data.dateTime),
    durationSeconds: seconds(data.duration),
    disposition: text(data.disposition),
    notes: text(data.notes),
  };
}

/** A text the softphone sent or received; null without the fields an SMS activity needs. */
export function smsLogOf(data: Payload): SoftphoneSmsInput | null {
  const messageId = text(data.messageId);
  const way = direction(data);
  const counterpartNumber = numberOf(way === 'inbound' ? data.from : data.to);
  const body = typeof data.message === 'string' ? data.message : undefined;
  if (!messageId || !way || !counterpartNumber || body === undefined) return null;
  return { messageId, direction: way, counterpartNumber, body, occurredAt: instant(data.dateTime) };
}
