import type { SimState } from './state';

const CALL = 'phone:read:call';
const CALL_LOG = 'phone:read:call_log';
const SMS_MESSAGE = 'phone:read:sms_message';
const MEETING = 'meeting:read:meeting';
const CLOUD_RECORDING = 'cloud_recording:read:recording';

/**
 * The scope Zoom holds an app to before it delivers each event: for phone events, the user-level granular scope
 * Zoom's Phone webhooks spec names in each event's description (the `:admin` and `:master` forms it lists beside
 * it are for account-level apps). For meeting and cloud-recording events, the scopes the Marketplace shows for
 * them (unconfirmed: Zoom's Meetings webhooks spec was not available to check). Events not listed need none.
 */
const SCOPE_OF_EVENT: Record<string, string> = {
  // A call in progress, from the caller's or the callee's leg.
  'phone.caller_ringing': CALL,
  'phone.callee_ringing': CALL,
  'phone.caller_connected': CALL,
  'phone.callee_answered': CALL,
  'phone.callee_missed': CALL,
  'phone.callee_rejected': CALL,
  'phone.caller_ended': CALL,
  'phone.callee_ended': CALL,
  // The v3 call elements: the spec gives the two sides different scopes.
  'phone.callee_call_element_completed': CALL,
  'phone.caller_call_element_completed': CALL_LOG,
  // The v2 call history and the legacy call log.
  'phone.caller_call_history_completed': CALL_LOG,
  'phone.callee_call_history_completed': CALL_LOG,
  'phone.caller_call_log_completed': CALL_LOG,
  'phone.callee_call_log_completed': CALL_LOG,
  'phone.voicemail_received': 'phone:read:voicemail',
  'phone.recording_completed': 'phone:read:call_recording',
  'phone.sms_sent': SMS_MESSAGE,
  'phone.sms_received': SMS_MESSAGE,
  'phone.sms_sent_failed': SMS_MESSAGE,
  'meeting.created': MEETING,
  'meeting.updated': MEETING,
  'meeting.deleted': MEETING,
  'meeting.started': MEETING,
  'meeting.ended': MEETING,
  'meeting.summary_completed': 'meeting:read:summary',
  'recording.completed': CLOUD_RECORDING,
  'recording.transcript_completed': CLOUD_RECORDING,
};

const field = (value: unknown, key: string): unknown => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined);

/**
 * The Zoom user an event is about, read where Zoom's payloads name them: the owner of a completed call record,
 * the user's own leg of a call in progress (the event name says caller or callee), the voicemail box, the
 * recording's or SMS's owner, the meeting's host (a summary names it meeting_host_id; meeting.updated names only
 * who changed it).
 */
function eventSubjectId(event: string, payload: unknown): string | undefined {
  const object = field(payload, 'object');
  const leg = /^phone\.(caller|callee)_/.exec(event)?.[1];
  const candidates = [
    field(object, 'user_id'),
    leg && field(field(object, leg), 'user_id'),
    field(object, 'callee_user_id'),
    field(field(field(object, 'recordings'), '0'), 'user_id'),
    field(field(object, 'owner'), 'id'),
    field(object, 'host_id'),
    field(object, 'meeting_host_id'),
    field(payload, 'operator_id'),
  ];
  return candidates.find((candidate): candidate is string => typeof candidate === 'string' && candidate !== '');
}

/**
 * The scope an event needs that its user's active grant lacks: Zoom does not deliver the event then. A user with
 * no active grant is not held to scopes, so tests can still show the app ignoring accounts it no longer holds.
 */
export function missingEventScope(state: SimState, event: string, payload: unknown): string | undefined {
  const scope = SCOPE_OF_EVENT[event];
  const subjectId = scope ? eventSubjectId(event, payload) : undefined;
  const grant = subjectId ? state.activeGrantOf(subjectId) : undefined;
  return grant && !grant.scopes.includes(scope) ? scope : undefined;
}
