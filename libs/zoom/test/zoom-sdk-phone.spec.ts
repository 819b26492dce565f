import type {
  CallLogsGetUsersCallHistoryResponse,
  CallLogsGetUsersCallLogsResponse,
  PhoneCalleeAnsweredEvent,
  PhoneCalleeCallHistoryCompletedEvent,
  PhoneCalleeCallLogCompletedEvent,
  PhoneCalleeEndedEvent,
  PhoneCalleeMissedEvent,
  PhoneCalleeRejectedEvent,
  PhoneCalleeRingingEvent,
  PhoneCallerCallHistoryCompletedEvent,
  PhoneCallerCallLogCompletedEvent,
  PhoneCallerConnectedEvent,
  PhoneCallerEndedEvent,
  PhoneCallerRingingEvent,
  PhoneRecordingCompletedEvent,
  PhoneSmsReceivedEvent,
  PhoneSmsSentEvent,
  PhoneVoicemailReceivedEvent,
  RecordingsGetUsersRecordingsResponse,
  UsersGetUsersProfileResponse,
  VoicemailsGetUsersVoicemailsResponse,
  VoicemailsGetVoicemailDetailsResponse,
} from '@zoom/rivet/phone' with { 'resolution-mode': 'require' };
import type { z } from 'zod';
import type { AssertAssignable, AssertNone, DeepPartial, OverRequiredFields, UndeclaredFields } from '../../../testing/type-conformance';
import {
  callElementCompletedEventSchema,
  callHistoryCompletedEventSchema,
  legacyCallLogCompletedEventSchema,
  parseZoomEvent,
  phoneRecordingCompletedEventSchema,
  realtimeCallEventSchema,
  smsEventSchema,
  voicemailReceivedEventSchema,
  ZOOM_KNOWN_EVENTS,
  zoomCallElementSchema,
  zoomCallHistoryRecordSchema,
  zoomLegacyCallLogSchema,
  zoomPhoneRecordingSchema,
  zoomPhoneUserSchema,
  zoomVoicemailSchema,
} from '../src';
import type { zoomPageFields } from '../src/schemas/common';

// libs/zoom's Zoom Phone schemas against Zoom's SDK (@zoom/rivet/phone, 0.4.0), both ways, as zoom-sdk.spec.ts does
// for meetings: what the SDK says Zoom sends parses under our schema, every field we require the SDK requires too,
// and every field we read the SDK declares. Where the SDK lags Zoom's published Phone spec (api-evangelist/zoom-phone,
// openapi/zoom-phone-webhooks-openapi.json and openapi/zoom-phone-api-openapi.json) the spec decides: its facts are
// written below in our words (the spec is not read here), and each exception names the field and why.

type Ours<Schema extends z.ZodType> = z.input<Schema>;
type Item<List> = NonNullable<List> extends ReadonlyArray<infer Element> ? Element : never;

type HistoryEvents = PhoneCallerCallHistoryCompletedEvent | PhoneCalleeCallHistoryCompletedEvent;
type HistoryItem = Item<HistoryEvents['payload']['object']['call_logs']>;

/**
 * The v3 call element, which the SDK 0.4.0 lacks. The spec's `phone.{caller,callee}_call_element_completed` element
 * has the fields and enums of a call history item, less `id` and `call_path_id` (and the account codes), plus two
 * required ids: `call_element_id` and `call_history_uuid`. It requires `call_element_id`, `call_history_uuid`,
 * `call_id`, `result` and `start_time`; the object requires `user_id` and `call_elements`.
 */
type SpecCallElement = Omit<HistoryItem, 'id' | 'call_path_id'> & { call_element_id: string; call_history_uuid: string };
type SpecCallElementCompletedEvent = {
  event: 'phone.caller_call_element_completed' | 'phone.callee_call_element_completed';
  event_ts: number;
  payload: { account_id: string; object: { user_id: string; call_elements: SpecCallElement[] } };
};

type RealtimeCallEvents =
  | PhoneCallerRingingEvent
  | PhoneCalleeRingingEvent
  | PhoneCallerConnectedEvent
  | PhoneCalleeAnsweredEvent
  | PhoneCalleeMissedEvent
  | PhoneCalleeRejectedEvent
  | PhoneCallerEndedEvent
  | PhoneCalleeEndedEvent;
type LegacyCallLogEvents = PhoneCallerCallLogCompletedEvent | PhoneCalleeCallLogCompletedEvent;
type SmsEvents = PhoneSmsSentEvent | PhoneSmsReceivedEvent;

type ListedHistory = Item<CallLogsGetUsersCallHistoryResponse['call_logs']>;
type HistoryItems = ListedHistory | HistoryItem;
type ListedCallLog = Item<CallLogsGetUsersCallLogsResponse['call_logs']>;
type LegacyCallLogs = ListedCallLog | Item<LegacyCallLogEvents['payload']['object']['call_logs']>;
type ListedVoicemail = Item<VoicemailsGetUsersVoicemailsResponse['voice_mails']>;
type Voicemails = ListedVoicemail | VoicemailsGetVoicemailDetailsResponse | PhoneVoicemailReceivedEvent['payload']['object'];
type ListedRecording = Item<RecordingsGetUsersRecordingsResponse['recordings']>;
type PhoneRecordings = ListedRecording | Item<PhoneRecordingCompletedEvent['payload']['object']['recordings']>;
type PhoneListResponses = CallLogsGetUsersCallHistoryResponse | CallLogsGetUsersCallLogsResponse | VoicemailsGetUsersVoicemailsResponse | RecordingsGetUsersRecordingsResponse;
type PageFields = Ours<z.ZodObject<typeof zoomPageFields>>;

/**
 * The REST call history list declares no required field at all; without the ids, `result` and `start_time` that
 * the spec's history events require of the same item, no call can be logged, so the list is held to the events.
 */
type HistoryEssentials = 'id' | 'call_id' | 'call_path_id' | 'result' | 'start_time';
/** The legacy REST call log declares no required field; its `id` and `date_time` are what the events require. */
type LegacyCallLogEssentials = 'id' | 'date_time';
/** The voicemail and recording lists declare no required field; the events require the id, the time and the file. */
type PhoneRecordEssentials = 'id' | 'date_time' | 'download_url';
/** The phone profile declares no required field: its `id` says whose profile it is; a listed number is nothing without its `number`. */
type PhoneUserEssentials = 'id' | 'phone_numbers[].number';
/** In the spec's voicemails and phone recordings (REST and events), not in the SDK 0.4.0: the v3 element of the call. */
type RecordCallElementId = 'call_element_id';

/**
 * One schema parses a voicemail or recording wherever Zoom sends it, and may read a field only some of those shapes
 * have (a REST voicemail's `status`): the fields of an event carrying one are those of the event around any of them.
 */
type CarryingAnyOf<Event extends { payload: { object: object } }, Object> = Omit<Event, 'payload'> & { payload: Omit<Event['payload'], 'object'> & { object: Object } };

export type PhoneRestSchemasConformToZoomSdk = [
  AssertAssignable<ListedHistory, DeepPartial<Ours<typeof zoomCallHistoryRecordSchema>>>,
  AssertNone<OverRequiredFields<Ours<typeof zoomCallHistoryRecordSchema>, ListedHistory, HistoryEssentials>>,
  AssertNone<UndeclaredFields<Ours<typeof zoomCallHistoryRecordSchema>, HistoryItems>>,
  AssertAssignable<LegacyCallLogs, DeepPartial<Ours<typeof zoomLegacyCallLogSchema>>>,
  AssertNone<OverRequiredFields<Ours<typeof zoomLegacyCallLogSchema>, LegacyCallLogs, LegacyCallLogEssentials>>,
  AssertNone<UndeclaredFields<Ours<typeof zoomLegacyCallLogSchema>, LegacyCallLogs>>,
  AssertAssignable<Voicemails, DeepPartial<Ours<typeof zoomVoicemailSchema>>>,
  AssertNone<OverRequiredFields<Ours<typeof zoomVoicemailSchema>, Voicemails, PhoneRecordEssentials>>,
  AssertNone<UndeclaredFields<Ours<typeof zoomVoicemailSchema>, Voicemails, RecordCallElementId>>,
  AssertAssignable<PhoneRecordings, DeepPartial<Ours<typeof zoomPhoneRecordingSchema>>>,
  AssertNone<OverRequiredFields<Ours<typeof zoomPhoneRecordingSchema>, PhoneRecordings, PhoneRecordEssentials>>,
  AssertNone<UndeclaredFields<Ours<typeof zoomPhoneRecordingSchema>, PhoneRecordings, RecordCallElementId>>,
  AssertAssignable<UsersGetUsersProfileResponse, DeepPartial<Ours<typeof zoomPhoneUserSchema>>>,
  AssertNone<OverRequiredFields<Ours<typeof zoomPhoneUserSchema>, UsersGetUsersProfileResponse, PhoneUserEssentials>>,
  AssertNone<UndeclaredFields<Ours<typeof zoomPhoneUserSchema>, UsersGetUsersProfileResponse>>,
  AssertAssignable<PhoneListResponses, DeepPartial<PageFields>>,
  AssertNone<UndeclaredFields<PageFields, PhoneListResponses>>,
];

export type PhoneEventSchemasConformToZoomSdk = [
  AssertAssignable<HistoryEvents, DeepPartial<Ours<typeof callHistoryCompletedEventSchema>>>,
  AssertNone<OverRequiredFields<Ours<typeof callHistoryCompletedEventSchema>, HistoryEvents>>,
  AssertNone<UndeclaredFields<Ours<typeof callHistoryCompletedEventSchema>, HistoryEvents>>,
  AssertAssignable<SpecCallElementCompletedEvent, DeepPartial<Ours<typeof callElementCompletedEventSchema>>>,
  AssertNone<OverRequiredFields<Ours<typeof callElementCompletedEventSchema>, SpecCallElementCompletedEvent>>,
  AssertNone<UndeclaredFields<Ours<typeof callElementCompletedEventSchema>, SpecCallElementCompletedEvent>>,
  AssertAssignable<SpecCallElement, DeepPartial<Ours<typeof zoomCallElementSchema>>>,
  AssertNone<OverRequiredFields<Ours<typeof zoomCallElementSchema>, SpecCallElement>>,
  AssertNone<UndeclaredFields<Ours<typeof zoomCallElementSchema>, SpecCallElement>>,
  AssertAssignable<LegacyCallLogEvents, DeepPartial<Ours<typeof legacyCallLogCompletedEventSchema>>>,
  AssertNone<OverRequiredFields<Ours<typeof legacyCallLogCompletedEventSchema>, LegacyCallLogEvents>>,
  AssertNone<UndeclaredFields<Ours<typeof legacyCallLogCompletedEventSchema>, LegacyCallLogEvents>>,
  AssertAssignable<RealtimeCallEvents, DeepPartial<Ours<typeof realtimeCallEventSchema>>>,
  AssertNone<OverRequiredFields<Ours<typeof realtimeCallEventSchema>, RealtimeCallEvents>>,
  AssertNone<UndeclaredFields<Ours<typeof realtimeCallEventSchema>, RealtimeCallEvents>>,
  AssertAssignable<PhoneVoicemailReceivedEvent, DeepPartial<Ours<typeof voicemailReceivedEventSchema>>>,
  AssertNone<OverRequiredFields<Ours<typeof voicemailReceivedEventSchema>, PhoneVoicemailReceivedEvent>>,
  AssertNone<UndeclaredFields<Ours<typeof voicemailReceivedEventSchema>, CarryingAnyOf<PhoneVoicemailReceivedEvent, Voicemails>, `payload.object.${RecordCallElementId}`>>,
  AssertAssignable<PhoneRecordingCompletedEvent, DeepPartial<Ours<typeof phoneRecordingCompletedEventSchema>>>,
  AssertNone<OverRequiredFields<Ours<typeof phoneRecordingCompletedEventSchema>, PhoneRecordingCompletedEvent>>,
  AssertNone<UndeclaredFields<Ours<typeof phoneRecordingCompletedEventSchema>, CarryingAnyOf<PhoneRecordingCompletedEvent, { recordings: PhoneRecordings[] }>, `payload.object.recordings[].${RecordCallElementId}`>>,
  AssertAssignable<SmsEvents, DeepPartial<Ours<typeof smsEventSchema>>>,
  AssertNone<OverRequiredFields<Ours<typeof smsEventSchema>, SmsEvents>>,
  AssertNone<UndeclaredFields<Ours<typeof smsEventSchema>, SmsEvents>>,
];

// The least Zoom's SDK (or, for the v3 call elements, the spec) lets Zoom send, plus the fields we insist on above,
// checked at run time too: zod's refinements (non-empty ids, readable times) are not in the types above.
const account_id = 'acct-1';
const user_id = 'user-1';
const start_time = '2026-11-24T14:02:11Z';
const callPath = { call_id: '7441063528719044321', result: 'answered' as const, start_time };
const historyItem = { ...callPath, id: 'hist-1', call_path_id: 'path-1' } satisfies HistoryItem;
const callElement = { ...callPath, call_element_id: 'element-1', call_history_uuid: historyItem.id } satisfies SpecCallElement;
const externalNumber = '+14155550187';
const legacyCallLog = {
  id: 'log-1',
  call_id: callPath.call_id,
  caller_number: externalNumber,
  caller_number_type: 2,
  callee_number: '1031',
  callee_number_type: 1,
  direction: 'inbound',
  duration: 95,
  result: 'Call connected',
  date_time: start_time,
  path: 'pstn',
  has_voicemail: false,
  call_type: 'pstn',
} satisfies Item<LegacyCallLogEvents['payload']['object']['call_logs']>;
const recordParties = { caller_number: externalNumber, caller_number_type: 2 as const, callee_number: '1031', callee_number_type: 1 as const, callee_name: 'Alex Agent' };
const phoneRecord = { id: 'record-1', date_time: start_time, download_url: 'https://zoom.us/v2/phone/recording/download/record-1', duration: 95 };
const realtimeCall = { call_id: callPath.call_id, caller: { phone_number: externalNumber }, callee: { phone_number: '+14155550100' }, ringing_start_time: start_time };
const ended = { ...realtimeCall, call_end_time: '2026-11-24T14:03:46Z' };
const sms = {
  sender: { phone_number: externalNumber },
  to_members: [{ phone_number: '+14155550100' }],
  owner: {},
  message: 'On my way',
  attachments: [],
  session_id: 'session-1',
  message_id: 'message-1',
  message_type: 1,
  date_time: start_time,
};

const delivered = <Name extends string, Payload>(event: Name, payload: Payload) => ({ event, event_ts: 1, payload: { account_id, ...payload } });

const leastZoomSends: Record<string, unknown> = {
  'phone.caller_call_history_completed': delivered('phone.caller_call_history_completed', { object: { user_id, call_logs: [historyItem] } }) satisfies PhoneCallerCallHistoryCompletedEvent,
  'phone.callee_call_history_completed': delivered('phone.callee_call_history_completed', { object: { user_id, call_logs: [historyItem] } }) satisfies PhoneCalleeCallHistoryCompletedEvent,
  'phone.caller_call_element_completed': delivered('phone.caller_call_element_completed', { object: { user_id, call_elements: [callElement] } }) satisfies SpecCallElementCompletedEvent,
  'phone.callee_call_element_completed': delivered('phone.callee_call_element_completed', { object: { user_id, call_elements: [callElement] } }) satisfies SpecCallElementCompletedEvent,
  'phone.caller_call_log_completed': delivered('phone.caller_call_log_completed', { object: { user_id, call_logs: [legacyCallLog] } }) satisfies PhoneCallerCallLogCompletedEvent,
  'phone.callee_call_log_completed': delivered('phone.callee_call_log_completed', { object: { user_id, call_logs: [legacyCallLog] } }) satisfies PhoneCalleeCallLogCompletedEvent,
  'phone.caller_ringing': delivered('phone.caller_ringing', { object: realtimeCall }) satisfies PhoneCallerRingingEvent,
  'phone.callee_ringing': delivered('phone.callee_ringing', { object: realtimeCall }) satisfies PhoneCalleeRingingEvent,
  'phone.caller_connected': delivered('phone.caller_connected', { object: { ...realtimeCall, connected_start_time: start_time } }) satisfies PhoneCallerConnectedEvent,
  'phone.callee_answered': delivered('phone.callee_answered', { object: { ...realtimeCall, answer_start_time: start_time } }) satisfies PhoneCalleeAnsweredEvent,
  'phone.callee_missed': delivered('phone.callee_missed', { object: ended }) satisfies PhoneCalleeMissedEvent,
  'phone.callee_rejected': delivered('phone.callee_rejected', { object: ended }) satisfies PhoneCalleeRejectedEvent,
  'phone.caller_ended': delivered('phone.caller_ended', { object: ended }) satisfies PhoneCallerEndedEvent,
  'phone.callee_ended': delivered('phone.callee_ended', { object: ended }) satisfies PhoneCalleeEndedEvent,
  'phone.voicemail_received': delivered('phone.voicemail_received', {
    object: { ...phoneRecord, ...recordParties, caller_name: 'JORDAN LEE', callee_extension_type: 'user' as const, callee_id: 'ext-1' },
  }) satisfies PhoneVoicemailReceivedEvent,
  'phone.recording_completed': delivered('phone.recording_completed', { object: { recordings: [{ ...phoneRecord, ...recordParties, direction: 'inbound' as const }] } }) satisfies PhoneRecordingCompletedEvent,
  'phone.sms_sent': delivered('phone.sms_sent', { object: sms }) satisfies PhoneSmsSentEvent,
  'phone.sms_received': delivered('phone.sms_received', { object: sms }) satisfies PhoneSmsReceivedEvent,
};

const leastZoomAnswers: Array<[string, z.ZodType, unknown]> = [
  ['call history item (the events’ required fields)', zoomCallHistoryRecordSchema, historyItem satisfies ListedHistory],
  ['call log item (id and time)', zoomLegacyCallLogSchema, { id: legacyCallLog.id, date_time: start_time } satisfies ListedCallLog],
  ['voicemails item (id, time and file)', zoomVoicemailSchema, { id: phoneRecord.id, date_time: start_time, download_url: phoneRecord.download_url } satisfies ListedVoicemail],
  ['voicemail', zoomVoicemailSchema, { id: phoneRecord.id, date_time: start_time, download_url: phoneRecord.download_url } satisfies VoicemailsGetVoicemailDetailsResponse],
  ['recordings item (id, time and file)', zoomPhoneRecordingSchema, { id: phoneRecord.id, date_time: start_time, download_url: phoneRecord.download_url } satisfies ListedRecording],
  ['phone user (id only)', zoomPhoneUserSchema, { id: user_id } satisfies UsersGetUsersProfileResponse],
];

describe("libs/zoom parses the least Zoom's Phone SDK and spec let Zoom send", () => {
  it('for every phone event libs/zoom knows', () => {
    expect(Object.keys(leastZoomSends).sort()).toEqual(ZOOM_KNOWN_EVENTS.filter((event) => event.startsWith('phone.')).sort());
  });

  it.each(Object.entries(leastZoomSends))('the event %s', (event, body) => {
    expect(parseZoomEvent(body)).toMatchObject({ known: true, event });
  });

  it.each(leastZoomAnswers)('the answer to %s', (_call, schema, body) => {
    expect(schema.safeParse(body).success).toBe(true);
  });
});
