import { createHash } from 'node:crypto';
import { z } from 'zod';

/** The envelope every Zoom event shares; the payload itself is validated by the module that owns the event. */
export const zoomEnvelopeSchema = z.object({
  event: z.string().min(1).max(200),
  event_ts: z.number().int().nonnegative(),
  payload: z.record(z.string(), z.unknown()).default({}),
});
export type ZoomEnvelope = z.infer<typeof zoomEnvelopeSchema>;

const IDENTITY_FIELDS = ['id', 'uuid', 'call_id', 'call_history_uuid', 'user_id', 'message_id'] as const;
const NESTED_LISTS = ['call_logs', 'recordings', 'recording_files'] as const;

function identityOf(record: unknown): string[] {
  if (typeof record !== 'object' || record === null) return [];
  const fields = record as Record<string, unknown>;
  return IDENTITY_FIELDS.filter((field) => fields[field] !== undefined && fields[field] !== null).map((field) => `${field}=${String(fields[field])}`);
}

/**
 * Zoom sends no event id. An event is the same event when its name, its timestamp and the ids of the objects it
 * carries are the same: that is what a Zoom retry or a duplicate delivery looks like.
 */
export function webhookDedupeKey(envelope: ZoomEnvelope): string {
  const payload = envelope.payload;
  const object = payload.object as Record<string, unknown> | undefined;
  const parts = [envelope.event, String(envelope.event_ts), `account=${String(payload.account_id ?? '')}`, ...identityOf(payload), ...identityOf(object)];
  for (const list of NESTED_LISTS) {
    const items = object?.[list];
    if (Array.isArray(items)) parts.push(...items.flatMap((item) => identityOf(item).map((id) => `${list}.${id}`)));
  }
  return createHash('sha256').update(parts.join('|')).digest('hex');
}

const field = (value: unknown, key: string): unknown => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined);

/**
 * The Zoom user an event is about, read where Zoom's payloads name them and the owner modules look: the user who
 * removed the app; the owner of a call record (the object's `user_id`, else its first record's); the user's own leg
 * of a call in progress (the event name says caller or callee); the voicemail box; the phone recording's or the
 * SMS's owner (for a call queue's text, the member who sent it); the meeting's host (a summary names it `meeting_host_id`; meeting.updated may name only who changed
 * it). The inbox row is attributed to that user, and so to the organisation that connected them; an event that
 * names nobody (null) is no organisation's.
 */
export function zoomUserOf(envelope: ZoomEnvelope): string | null {
  const { payload } = envelope;
  const object = payload.object;
  const leg = /^phone\.(caller|callee)_/.exec(envelope.event)?.[1];
  const firstRecording = field(field(object, 'recordings'), '0');
  const candidates = [
    payload.user_id,
    field(object, 'user_id'),
    field(field(field(object, 'call_logs'), '0'), 'user_id'),
    leg && field(field(object, leg), 'user_id'),
    field(object, 'callee_user_id'),
    field(object, 'callee_id'),
    field(field(firstRecording, 'owner'), 'id'),
    field(firstRecording, 'user_id'),
    field(field(object, 'owner'), 'sms_sender_user_id'),
    field(field(object, 'owner'), 'id'),
    field(object, 'host_id'),
    field(object, 'meeting_host_id'),
    payload.operator_id,
  ];
  return candidates.find((candidate): candidate is string => typeof candidate === 'string' && candidate !== '') ?? null;
}
