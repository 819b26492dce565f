import { z } from 'zod';
import { ZoomResponseError } from '../errors';
import { optionalNumber, optionalString, zoomDateTime, zoomId } from '../schemas/common';
import {
  zoomCallElementSchema,
  zoomCallHistoryRecordSchema,
  zoomCallPartySchema,
  zoomLegacyCallLogSchema,
  zoomPhoneRecordingSchema,
  zoomSmsMemberSchema,
  zoomSmsRecipientSchema,
  zoomVoicemailSchema,
} from '../schemas/phone';
import { zoomMeetingSummarySchema } from '../schemas/meetings';
import { zoomRecordingMeetingSchema } from '../schemas/recordings';
import { parseZoomItems, parseZoomResponse, type ZoomRejectedItem } from '../validation';

// Zoom's envelope: { event, event_ts (ms), payload: { account_id, object, ...extras } }. Every schema is loose:
// Zoom adds fields without notice and an extra field must never make us drop an event.

function envelope<const E extends readonly [string, ...string[]], P extends z.ZodType>(events: E, payload: P) {
  return z.looseObject({ event: z.enum(events), event_ts: z.number(), payload });
}

function accountPayload<O extends z.ZodType>(object: O) {
  return z.looseObject({ account_id: z.string().min(1), object });
}

const withUser = <S extends z.ZodRawShape>(shape: S) => z.looseObject({ user_id: optionalString, ...shape });

export const callHistoryCompletedEventSchema = envelope(
  ['phone.caller_call_history_completed', 'phone.callee_call_history_completed'],
  accountPayload(withUser({ call_logs: z.array(zoomCallHistoryRecordSchema) })),
);

export const callElementCompletedEventSchema = envelope(
  ['phone.caller_call_element_completed', 'phone.callee_call_element_completed'],
  accountPayload(withUser({ call_elements: z.array(zoomCallElementSchema) })),
);

export const legacyCallLogCompletedEventSchema = envelope(
  ['phone.caller_call_log_completed', 'phone.callee_call_log_completed'],
  accountPayload(withUser({ call_logs: z.array(zoomLegacyCallLogSchema) })),
);

/** Who forwarded the call; Zoom's Phone spec gives a number only for a redirect. */
const forwardedBySchema = z.looseObject({ name: optionalString, extension_number: optionalString, extension_type: optionalString }).nullish();
const redirectForwardedBySchema = z
  .looseObject({ name: optionalString, extension_number: optionalString, phone_number: optionalString, extension_type: optionalString })
  .nullish();

export const ZOOM_REALTIME_CALL_EVENTS = [
  'phone.caller_ringing',
  'phone.callee_ringing',
  'phone.caller_connected',
  'phone.callee_answered',
  'phone.callee_missed',
  'phone.callee_rejected',
  'phone.caller_ended',
  'phone.callee_ended',
] as const;

export const realtimeCallEventSchema = envelope(
  ZOOM_REALTIME_CALL_EVENTS,
  accountPayload(
    z.looseObject({
      call_id: z.string().min(1),
      caller: zoomCallPartySchema,
      callee: zoomCallPartySchema,
      ringing_start_time: optionalString,
      answer_start_time: optionalString,
      connected_start_time: optionalString,
      call_end_time: optionalString,
      handup_result: optionalString,
      forwarded_by: forwardedBySchema,
      redirect_forwarded_by: redirectForwardedBySchema,
    }),
  ),
);

export const voicemailReceivedEventSchema = envelope(['phone.voicemail_received'], accountPayload(zoomVoicemailSchema));

/** Unlike the call record events, the object holds only the recordings: each names its owner (`owner`, `user_id`). */
export const phoneRecordingCompletedEventSchema = envelope(
  ['phone.recording_completed'],
  accountPayload(z.looseObject({ recordings: z.array(zoomPhoneRecordingSchema) })),
);

/**
 * phone.sms_sent and phone.sms_received: one message each. Its owner is a user, or a call queue or auto receptionist
 * (then `owner.sms_sender_user_id` names the member who sent it, and a recipient `is_message_owner`).
 */
export const smsEventSchema = envelope(
  ['phone.sms_sent', 'phone.sms_received'],
  accountPayload(
    z.looseObject({
      message_id: z.string().min(1),
      session_id: optionalString,
      message: z.string().nullish(),
      date_time: zoomDateTime,
      message_type: optionalNumber,
      failure_reason: optionalString,
      sender: zoomSmsMemberSchema,
      to_members: z.array(zoomSmsRecipientSchema).default([]),
      owner: z.looseObject({ type: optionalString, id: optionalString, sms_sender_user_id: optionalString, team_id: optionalString }).nullish(),
      attachments: z
        .array(z.looseObject({ id: optionalString, name: optionalString, type: optionalString, size: optionalNumber, download_url: optionalString }))
        .default([]),
    }),
  ),
);
export type ZoomSmsEvent = z.output<typeof smsEventSchema>;

const operatorFields = { operator: optionalString, operator_id: optionalString };

/** meeting.created / started / ended / deleted carry the meeting: ended adds end_time, and deleted may lack the topic. */
export const meetingEventSchema = envelope(
  ['meeting.created', 'meeting.started', 'meeting.ended', 'meeting.deleted'],
  z.looseObject({
    account_id: z.string().min(1),
    ...operatorFields,
    operation: optionalString,
    object: z.looseObject({
      id: zoomId,
      uuid: z.string().min(1),
      host_id: optionalString,
      topic: optionalString,
      type: z.number(),
      start_time: optionalString,
      duration: optionalNumber,
      timezone: optionalString,
      end_time: optionalString,
      join_url: optionalString,
      password: optionalString,
    }),
  }),
);

/** meeting.updated carries only the changed fields (plus id/uuid) in `object` and their previous values in `old_object`. */
const meetingChangeSchema = z.looseObject({
  id: zoomId,
  uuid: optionalString,
  host_id: optionalString,
  topic: optionalString,
  start_time: optionalString,
  duration: optionalNumber,
  timezone: optionalString,
  agenda: optionalString,
  join_url: optionalString,
});

export const meetingUpdatedEventSchema = envelope(
  ['meeting.updated'],
  z.looseObject({
    account_id: z.string().min(1),
    ...operatorFields,
    scope: optionalString,
    time_stamp: optionalNumber,
    object: meetingChangeSchema,
    old_object: meetingChangeSchema.partial().nullish(),
  }),
);

/** recording.completed / recording.transcript_completed; `download_token` (top level) authorises downloads for about 24 h. */
export const recordingEventSchema = z.looseObject({
  event: z.enum(['recording.completed', 'recording.transcript_completed']),
  event_ts: z.number(),
  download_token: optionalString,
  // The events carry the host's email; the REST-only download_access_token is the top-level download_token here.
  payload: accountPayload(zoomRecordingMeetingSchema.omit({ download_access_token: true }).extend({ host_email: optionalString })),
});

/**
 * meeting.summary_completed: the AI Companion summary of a meeting instance is ready; it carries the overview and
 * next steps itself. Only the instance and its host are required (the rest may be absent on an empty summary).
 */
export const meetingSummaryCompletedEventSchema = envelope(
  ['meeting.summary_completed'],
  accountPayload(
    zoomMeetingSummarySchema.extend({
      meeting_uuid: z.string().min(1),
      meeting_host_id: z.string().min(1),
      meeting_host_email: optionalString,
      meeting_start_time: optionalString,
      meeting_end_time: optionalString,
      summary_created_time: optionalString,
      summary_last_modified_time: optionalString,
      summary_content: optionalString,
      summary_doc_url: optionalString,
    }),
  ),
);

export const appDeauthorizedEventSchema = envelope(
  ['app_deauthorized'],
  z.looseObject({
    account_id: z.string().min(1),
    user_id: z.string().min(1),
    signature: optionalString,
    deauthorization_time: optionalString,
    client_id: optionalString,
  }),
);

export const urlValidationEventSchema = envelope(
  ['endpoint.url_validation'],
  z.looseObject({ plainToken: z.string().min(1) }),
);

/** The events that carry a list of records: where the list is, and the schema of one record. */
const RECORD_LISTS = new Map<z.ZodType, { key: string; record: z.ZodType }>([
  [callHistoryCompletedEventSchema, { key: 'call_logs', record: zoomCallHistoryRecordSchema }],
  [callElementCompletedEventSchema, { key: 'call_elements', record: zoomCallElementSchema }],
  [legacyCallLogCompletedEventSchema, { key: 'call_logs', record: zoomLegacyCallLogSchema }],
  [phoneRecordingCompletedEventSchema, { key: 'recordings', record: zoomPhoneRecordingSchema }],
]);
type ListEventSchema =
  | typeof callHistoryCompletedEventSchema
  | typeof callElementCompletedEventSchema
  | typeof legacyCallLogCompletedEventSchema
  | typeof phoneRecordingCompletedEventSchema;

/** A list event with only its valid records in the list, and the records left out. */
export interface ZoomListEvent<E> {
  event: E;
  rejected: ZoomRejectedItem[];
}

type Envelope = { event?: unknown; payload?: { object?: Record<string, unknown> } };

/**
 * Validates a list event (call history, call elements, legacy call logs, phone recordings) record by record: the
 * envelope must be valid (else ZoomResponseError, as in parseZoomEvent), then each record is validated on its own,
 * so one malformed record does not sink the others of its event, as `schema.parse` would.
 */
export function parseZoomListEvent<S extends ListEventSchema>(schema: S, body: unknown): ZoomListEvent<z.output<S>> {
  const { key, record } = RECORD_LISTS.get(schema)!;
  const envelope = (body ?? {}) as Envelope;
  const where = `webhook ${String(envelope.event)}`;
  const records = envelope.payload?.object?.[key];
  if (!Array.isArray(records)) return { event: parseZoomResponse(schema as z.ZodType, body, where) as z.output<S>, rejected: [] };
  const withoutRecords = { ...envelope, payload: { ...envelope.payload, object: { ...envelope.payload!.object, [key]: [] } } };
  const event = parseZoomResponse(schema as z.ZodType, withoutRecords, where) as Required<Envelope>;
  const { items, rejected } = parseZoomItems(record, records, `payload.object.${key}`);
  return { event: { ...event, payload: { ...event.payload, object: { ...event.payload.object, [key]: items } } } as z.output<S>, rejected };
}

const ZOOM_EVENT_SCHEMAS = [
  callHistoryCompletedEventSchema,
  callElementCompletedEventSchema,
  legacyCallLogCompletedEventSchema,
  realtimeCallEventSchema,
  voicemailReceivedEventSchema,
  phoneRecordingCompletedEventSchema,
  smsEventSchema,
  meetingEventSchema,
  meetingUpdatedEventSchema,
  recordingEventSchema,
  meetingSummaryCompletedEventSchema,
  appDeauthorizedEventSchema,
  urlValidationEventSchema,
] as const;

type KnownEventSchema = (typeof ZOOM_EVENT_SCHEMAS)[number];

/** Every event this library understands, discriminated by `event`; `known: true` separates them from the rest. */
export type KnownZoomEvent = z.output<KnownEventSchema> & { known: true };
export interface UnknownZoomEvent {
  event: string;
  known: false;
  body: unknown;
}
export type ZoomEvent = KnownZoomEvent | UnknownZoomEvent;
export type ZoomEventName = KnownZoomEvent['event'];
export type ZoomEventOf<N extends ZoomEventName> = Extract<KnownZoomEvent, { event: N }>;

const schemaByEvent = new Map<string, KnownEventSchema>(
  ZOOM_EVENT_SCHEMAS.flatMap((schema) => schema.shape.event.options.map((name: string) => [name, schema] as const)),
);

export const ZOOM_KNOWN_EVENTS: readonly ZoomEventName[] = [...schemaByEvent.keys()] as ZoomEventName[];

/**
 * Validates a webhook body (already verified) against the schema of its `event`. Unknown events come back as
 * `{ known: false }` so the caller can store and acknowledge them; a known event with a bad shape throws
 * ZoomResponseError (kind `invalid_response`) naming the failing fields.
 */
export function parseZoomEvent(body: unknown): ZoomEvent {
  const json = typeof body === 'string' || Buffer.isBuffer(body) ? parseJson(body) : body;
  const event = json !== null && typeof json === 'object' ? (json as { event?: unknown }).event : undefined;
  if (typeof event !== 'string' || event === '') {
    throw new ZoomResponseError('invalid_response', 'Zoom webhook: body has no `event` name');
  }
  const schema = schemaByEvent.get(event);
  if (!schema) return { event, known: false, body: json };
  const parsed = parseZoomResponse(schema, json, `webhook ${event}`);
  return { ...parsed, known: true } as KnownZoomEvent;
}

function parseJson(raw: string | Buffer): unknown {
  try {
    return JSON.parse(raw.toString());
  } catch {
    throw new ZoomResponseError('invalid_response', 'Zoom webhook: body is not JSON');
  }
}
