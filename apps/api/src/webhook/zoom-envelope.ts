import { createHash } from 'node:crypto';
import { z } from 'zod';

/** The envelope every Zoom event shares; the payload itself is validated by the module that owns the event. */
export const zoomEnvelopeSchema = z.object({
  event: z.string().min(1).max(200),
  event_ts: z.number().int().nonnegative(),
  payload: z.record(z.string(), z.unknown()).default({}),
});
export type ZoomEnvelope = z.infer<typeof zoomEnvelopeSchema>;

const IDENTITY_FIELDS = ['id', 'uuid', 'call_id', 'call_history_uuid', 'user_id'] as const;
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

/** The Zoom user an event concerns, where the envelope says: the owner module decides what it means. */
export function zoomUserOf(envelope: ZoomEnvelope): string | null {
  const object = envelope.payload.object as Record<string, unknown> | undefined;
  const candidates = [envelope.payload.user_id, object?.user_id, object?.host_id];
  const found = candidates.find((value) => typeof value === 'string' && value.length > 0);
  return (found as string | undefined) ?? null;
}
