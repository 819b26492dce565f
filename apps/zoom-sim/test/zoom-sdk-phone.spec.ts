import type {
  CallLogsGetUsersCallHistoryResponse,
  CallLogsGetUsersCallLogsResponse,
  PhoneCalleeAnsweredEvent,
  PhoneCalleeCallHistoryCompletedEvent,
  PhoneCalleeEndedEvent,
  PhoneCalleeMissedEvent,
  PhoneCalleeRejectedEvent,
  PhoneCalleeRingingEvent,
  PhoneCallerCallHistoryCompletedEvent,
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
import type { AssertAssignable, AssertNone, UndeclaredFields } from '../../../testing/type-conformance';
import type {
  calleeAnswered,
  calleeEnded,
  calleeMissed,
  calleeRejected,
  calleeRinging,
  callerConnected,
  callerEnded,
  callerRinging,
  callHistoryCompleted,
  callHistoryRecords,
  HISTORY_RESULT,
  legacyCallLog,
  phoneRecordingListItem,
  recordingCompleted,
  voicemailDetail,
  voicemailListItem,
  voicemailReceived,
} from '../src/phone-calls';
import type { smsReceived, smsSent } from '../src/phone-sms';
import type { zoomPhoneUserResource } from '../src/users';
import { SimHarness } from './support/harness';

// Zoom Phone against Zoom's SDK (@zoom/rivet/phone, 0.4.0), as zoom-sdk.spec.ts does for meetings: what the
// simulator's phone builders return must be assignable to the SDK's type and carry no field the SDK does not
// declare, unless a line below says why. Where the SDK lags Zoom's published Phone spec (api-evangelist/zoom-phone,
// openapi/zoom-phone-webhooks-openapi.json and openapi/zoom-phone-api-openapi.json), the spec decides: those
// fields are named below, and the table further down checks them, and the events the SDK lacks, at run time.

/** The body Zoom posts for an event the simulator builds (webhooks.ts puts `event_ts` beside the payload). */
type Delivered<Event extends { event: string; payload: object }> = { event: Event['event']; event_ts: number; payload: Event['payload'] };
type Built<Builder extends (...args: never[]) => unknown> = ReturnType<Builder>;
type Item<List> = NonNullable<List> extends ReadonlyArray<infer Element> ? Element : never;

/**
 * A scenario may name any `result` (Zoom adds values, and the client must keep such a call), so the builders' type
 * is string; the simulator's own values are checked against the SDK's enum instead.
 */
type WithOwnResult<Record> = Omit<Record, 'result'> & { result: (typeof HISTORY_RESULT)[keyof typeof HISTORY_RESULT] };
type HistoryRecord = WithOwnResult<Item<Built<typeof callHistoryRecords>>>;
type CallHistoryEvent<Side extends 'caller' | 'callee', Built extends Delivered<ReturnType<typeof callHistoryCompleted<Side>>> = Delivered<ReturnType<typeof callHistoryCompleted<Side>>>> = Omit<Built, 'payload'> & {
  payload: Omit<Built['payload'], 'object'> & { object: Omit<Built['payload']['object'], 'call_logs'> & { call_logs: HistoryRecord[] } };
};

/** In the spec's call history (REST and *_call_history_completed), not in the SDK 0.4.0. */
type HistoryAccountCodes = 'caller_account_code' | 'callee_account_code';
/** In the spec's real-time call events (every party may carry its account code), not in the SDK 0.4.0. */
type PartyAccountCodes = 'payload.object.caller.account_code' | 'payload.object.callee.account_code';
/** In the spec's voicemails and phone recordings (REST and events), not in the SDK 0.4.0. */
type RecordAccountCodes = 'caller_account_code' | 'callee_account_code';
type CallElementId = 'call_element_id';

type ListedHistory = Item<CallLogsGetUsersCallHistoryResponse['call_logs']>;
type ListedCallLog = Item<CallLogsGetUsersCallLogsResponse['call_logs']>;
type ListedVoicemail = Item<VoicemailsGetUsersVoicemailsResponse['voice_mails']>;
type ListedRecording = Item<RecordingsGetUsersRecordingsResponse['recordings']>;
type Prefixed<Prefix extends string, Paths extends string> = `${Prefix}${Paths}`;

export type SimulatorPhoneEventsConformToZoomSdk = [
  AssertAssignable<Delivered<Built<typeof callerRinging>>, PhoneCallerRingingEvent>,
  AssertNone<UndeclaredFields<Delivered<Built<typeof callerRinging>>, PhoneCallerRingingEvent, PartyAccountCodes>>,
  AssertAssignable<Delivered<Built<typeof calleeRinging>>, PhoneCalleeRingingEvent>,
  AssertNone<UndeclaredFields<Delivered<Built<typeof calleeRinging>>, PhoneCalleeRingingEvent, PartyAccountCodes>>,
  AssertAssignable<Delivered<Built<typeof calleeAnswered>>, PhoneCalleeAnsweredEvent>,
  AssertNone<UndeclaredFields<Delivered<Built<typeof calleeAnswered>>, PhoneCalleeAnsweredEvent>>,
  AssertAssignable<Delivered<Built<typeof callerConnected>>, PhoneCallerConnectedEvent>,
  AssertNone<UndeclaredFields<Delivered<Built<typeof callerConnected>>, PhoneCallerConnectedEvent, PartyAccountCodes>>,
  AssertAssignable<Delivered<Built<typeof calleeMissed>>, PhoneCalleeMissedEvent>,
  AssertNone<UndeclaredFields<Delivered<Built<typeof calleeMissed>>, PhoneCalleeMissedEvent, PartyAccountCodes>>,
  AssertAssignable<Delivered<Built<typeof calleeRejected>>, PhoneCalleeRejectedEvent>,
  AssertNone<UndeclaredFields<Delivered<Built<typeof calleeRejected>>, PhoneCalleeRejectedEvent, PartyAccountCodes>>,
  AssertAssignable<Delivered<Built<typeof callerEnded>>, PhoneCallerEndedEvent>,
  AssertNone<UndeclaredFields<Delivered<Built<typeof callerEnded>>, PhoneCallerEndedEvent, PartyAccountCodes>>,
  AssertAssignable<Delivered<Built<typeof calleeEnded>>, PhoneCalleeEndedEvent>,
  AssertNone<UndeclaredFields<Delivered<Built<typeof calleeEnded>>, PhoneCalleeEndedEvent>>,
  AssertAssignable<CallHistoryEvent<'caller'>, PhoneCallerCallHistoryCompletedEvent>,
  AssertNone<UndeclaredFields<CallHistoryEvent<'caller'>, PhoneCallerCallHistoryCompletedEvent, Prefixed<'payload.object.call_logs[].', HistoryAccountCodes>>>,
  AssertAssignable<CallHistoryEvent<'callee'>, PhoneCalleeCallHistoryCompletedEvent>,
  AssertNone<UndeclaredFields<CallHistoryEvent<'callee'>, PhoneCalleeCallHistoryCompletedEvent, Prefixed<'payload.object.call_logs[].', HistoryAccountCodes>>>,
  AssertAssignable<Delivered<Built<typeof voicemailReceived>>, PhoneVoicemailReceivedEvent>,
  AssertNone<UndeclaredFields<Delivered<Built<typeof voicemailReceived>>, PhoneVoicemailReceivedEvent, Prefixed<'payload.object.', RecordAccountCodes | CallElementId>>>,
  AssertAssignable<Delivered<Built<typeof recordingCompleted>>, PhoneRecordingCompletedEvent>,
  AssertNone<UndeclaredFields<Delivered<Built<typeof recordingCompleted>>, PhoneRecordingCompletedEvent, Prefixed<'payload.object.recordings[].', RecordAccountCodes | CallElementId>>>,
  AssertAssignable<Delivered<Built<typeof smsSent>>, PhoneSmsSentEvent>,
  AssertNone<UndeclaredFields<Delivered<Built<typeof smsSent>>, PhoneSmsSentEvent>>,
  AssertAssignable<Delivered<Built<typeof smsReceived>>, PhoneSmsReceivedEvent>,
  AssertNone<UndeclaredFields<Delivered<Built<typeof smsReceived>>, PhoneSmsReceivedEvent>>,
];

export type SimulatorPhoneResponsesConformToZoomSdk = [
  AssertAssignable<HistoryRecord, ListedHistory>,
  AssertNone<UndeclaredFields<HistoryRecord, ListedHistory, HistoryAccountCodes>>,
  AssertAssignable<Built<typeof legacyCallLog>, ListedCallLog>,
  AssertNone<UndeclaredFields<Built<typeof legacyCallLog>, ListedCallLog>>,
  AssertAssignable<Built<typeof voicemailListItem>, ListedVoicemail>,
  AssertNone<UndeclaredFields<Built<typeof voicemailListItem>, ListedVoicemail, RecordAccountCodes | CallElementId>>,
  AssertAssignable<Built<typeof voicemailDetail>, VoicemailsGetVoicemailDetailsResponse>,
  AssertNone<UndeclaredFields<Built<typeof voicemailDetail>, VoicemailsGetVoicemailDetailsResponse, RecordAccountCodes | CallElementId>>,
  AssertAssignable<Built<typeof phoneRecordingListItem>, ListedRecording>,
  AssertNone<UndeclaredFields<Built<typeof phoneRecordingListItem>, ListedRecording, RecordAccountCodes | CallElementId>>,
  AssertAssignable<Built<typeof zoomPhoneUserResource>, UsersGetUsersProfileResponse>,
  AssertNone<UndeclaredFields<Built<typeof zoomPhoneUserResource>, UsersGetUsersProfileResponse>>,
];

/**
 * What Zoom's Phone webhooks spec (openapi/zoom-phone-webhooks-openapi.json, webhooks → phone.{caller,callee}_call_element_completed
 * → requestBody schema) requires of the v3 call element events, which the SDK 0.4.0 lacks, with each field's type;
 * and fields the spec has beyond the SDK (phone.voicemail_received and phone.recording_completed: call_element_id).
 */
const SPEC_REQUIRED: Record<string, Record<string, 'string' | 'number'>> = {
  'phone.callee_call_element_completed': {
    'payload.account_id': 'string',
    'payload.object.user_id': 'string',
    'payload.object.call_elements[].call_element_id': 'string',
    'payload.object.call_elements[].call_history_uuid': 'string',
    'payload.object.call_elements[].call_id': 'string',
    'payload.object.call_elements[].start_time': 'string',
    'payload.object.call_elements[].result': 'string',
  },
  'phone.voicemail_received': { 'payload.object.call_element_id': 'string' },
  'phone.recording_completed': { 'payload.object.recordings[].call_element_id': 'string' },
};

/** The values at a path in the notation of testing/type-conformance.ts ("a.b", "a[].b"). */
const valuesAt = (value: unknown, path: string): unknown[] =>
  path.split('.').reduce<unknown[]>((values, step) => {
    const list = step.endsWith('[]');
    const key = list ? step.slice(0, -2) : step;
    const next = values.map((each) => (each as Record<string, unknown> | undefined)?.[key]);
    return list ? next.flatMap((each) => (Array.isArray(each) ? each : [undefined])) : next;
  }, [value]);

describe("zoom-sim Zoom Phone events against Zoom's Phone spec", () => {
  const harness = new SimHarness();
  beforeAll(() => harness.start());
  beforeEach(async () => {
    await harness.reset();
    await harness.connect('agent@demo.test');
  });
  afterAll(() => harness.stop());
  const call = (body: Record<string, unknown>) => harness.control('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', direction: 'inbound', ...body });

  it('sends every field the spec requires of the events the SDK lacks, with its type', async () => {
    await call({ counterpartNumber: '+14155550187', outcome: 'answered', withRecording: true });
    await call({ counterpartNumber: '+14155550142', outcome: 'voicemail' });
    await harness.receiver.waitFor(11);
    for (const [event, fields] of Object.entries(SPEC_REQUIRED)) {
      const [received] = harness.receiver.named(event);
      for (const [path, type] of Object.entries(fields)) {
        expect({ event, path, types: valuesAt(received.body, path).map((value) => typeof value) }).toEqual({ event, path, types: [type] });
      }
    }
  });

  it('lets a caller withhold their number: "Anonymous" where Zoom requires a number, none in call history', async () => {
    await call({ anonymousCaller: true, outcome: 'voicemail' });
    await harness.receiver.waitFor(5);
    const [ringing] = harness.receiver.named('phone.callee_ringing');
    expect(ringing.body.payload.object.caller).toMatchObject({ phone_number: 'Anonymous', name: 'Anonymous' });
    const [voicemail] = harness.receiver.named('phone.voicemail_received');
    expect(voicemail.body.payload.object).toMatchObject({ caller_number: 'Anonymous', caller_number_type: 2 });
    expect(voicemail.body.payload.object).not.toHaveProperty('caller_did_number');
    const [history] = harness.receiver.named('phone.callee_call_history_completed');
    expect(history.body.payload.object.call_logs[0]).toMatchObject({ caller_number_type: 'anonymous_number', caller_name: 'Anonymous' });
    expect(history.body.payload.object.call_logs[0]).not.toHaveProperty('caller_did_number');
  });

  it('transfers an answered call: two paths of one call, answered by two users', async () => {
    const { callId } = await call({ counterpartNumber: '+14155550187', outcome: 'answered', durationSeconds: 120, transferTo: 'admin@demo.test', transferAfterSeconds: 30 });
    await harness.receiver.waitFor(7);
    const histories = harness.receiver.named('phone.callee_call_history_completed').map((received) => received.body.payload.object);
    expect(histories).toHaveLength(2);
    const [first, second] = histories.map((object) => object.call_logs[0]);
    expect(first).toMatchObject({ call_id: callId, event: 'incoming', result: 'answered', talk_time: 30 });
    expect(second).toMatchObject({ call_id: callId, event: 'direct_transfer', result: 'answered', talk_time: 90, operator_ext_type: 'user', callee_email: 'admin@demo.test' });
    expect(second.call_path_id).not.toBe(first.call_path_id);
    expect(histories[1].user_id).not.toBe(histories[0].user_id);
  });
});
