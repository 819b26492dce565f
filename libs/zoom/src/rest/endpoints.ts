// The one place that says which Zoom calls we make and which granular scope each needs. ZoomApiClient builds
// every request from this table, so the scopes we request (requiredZoomScopes) cannot drift from the calls.

export type ZoomRateLimitCategory = 'light' | 'medium' | 'heavy';
export type ZoomHttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface ZoomEndpoint {
  name: string;
  method: ZoomHttpMethod;
  /** Relative to ZOOM_API_BASE for REST calls; the path shape of Zoom's download URLs for downloads. */
  path: string;
  scopes: readonly string[];
  /** The "Rate Limit Label" Zoom's API reference gives the call; absent where Zoom publishes none. */
  rateLimit?: ZoomRateLimitCategory;
  /** Lists that page with `next_page_token`. */
  paginated?: boolean;
  /** Lists whose `from`/`to` Zoom caps at about one month. */
  monthCappedRange?: boolean;
  /** Calls to an absolute download_url (zoom.us), not to ZOOM_API_BASE. */
  download?: boolean;
}

const endpoint = <const E extends ZoomEndpoint>(definition: E): E => definition;

export const ZOOM_ENDPOINTS = {
  getMe: endpoint({ name: 'getMe', method: 'GET', path: '/users/me', scopes: ['user:read:user'], rateLimit: 'light' }),
  getPhoneUser: endpoint({
    name: 'getPhoneUser',
    method: 'GET',
    path: '/phone/users/{userId}',
    scopes: ['phone:read:user'],
    rateLimit: 'light',
  }),
  listCallHistory: endpoint({
    name: 'listCallHistory',
    method: 'GET',
    path: '/phone/users/{userId}/call_history',
    scopes: ['phone:read:list_call_logs'],
    rateLimit: 'medium',
    paginated: true,
    monthCappedRange: true,
  }),
  listCallLogs: endpoint({
    name: 'listCallLogs',
    method: 'GET',
    path: '/phone/users/{userId}/call_logs',
    scopes: ['phone:read:list_call_logs'],
    rateLimit: 'medium',
    paginated: true,
    monthCappedRange: true,
  }),
  listPhoneRecordings: endpoint({
    name: 'listPhoneRecordings',
    method: 'GET',
    path: '/phone/users/{userId}/recordings',
    scopes: ['phone:read:list_recordings'],
    rateLimit: 'medium',
    paginated: true,
    monthCappedRange: true,
  }),
  listVoicemails: endpoint({
    name: 'listVoicemails',
    method: 'GET',
    path: '/phone/users/{userId}/voice_mails',
    scopes: ['phone:read:list_voicemails'],
    rateLimit: 'medium',
    paginated: true,
    monthCappedRange: true,
  }),
  getVoicemail: endpoint({
    name: 'getVoicemail',
    method: 'GET',
    path: '/phone/voice_mails/{voicemailId}',
    scopes: ['phone:read:voicemail'],
    rateLimit: 'light',
  }),
  createMeeting: endpoint({
    name: 'createMeeting',
    method: 'POST',
    path: '/users/{userId}/meetings',
    scopes: ['meeting:write:meeting'],
    rateLimit: 'medium',
  }),
  getMeeting: endpoint({
    name: 'getMeeting',
    method: 'GET',
    path: '/meetings/{meetingId}',
    scopes: ['meeting:read:meeting'],
    rateLimit: 'light',
  }),
  updateMeeting: endpoint({
    name: 'updateMeeting',
    method: 'PATCH',
    path: '/meetings/{meetingId}',
    scopes: ['meeting:update:meeting'],
    rateLimit: 'light',
  }),
  deleteMeeting: endpoint({
    name: 'deleteMeeting',
    method: 'DELETE',
    path: '/meetings/{meetingId}',
    scopes: ['meeting:delete:meeting'],
    rateLimit: 'light',
  }),
  listMeetings: endpoint({
    name: 'listMeetings',
    method: 'GET',
    path: '/users/{userId}/meetings',
    scopes: ['meeting:read:list_meetings'],
    rateLimit: 'medium',
    paginated: true,
  }),
  listUserRecordings: endpoint({
    name: 'listUserRecordings',
    method: 'GET',
    path: '/users/{userId}/recordings',
    scopes: ['cloud_recording:read:list_user_recordings'],
    rateLimit: 'medium',
    paginated: true,
    monthCappedRange: true,
  }),
  getMeetingRecordings: endpoint({
    name: 'getMeetingRecordings',
    method: 'GET',
    path: '/meetings/{meetingId}/recordings',
    scopes: ['cloud_recording:read:list_recording_files'],
    rateLimit: 'light',
  }),
  getMeetingSummary: endpoint({
    name: 'getMeetingSummary',
    method: 'GET',
    path: '/meetings/{meetingUuid}/meeting_summary',
    scopes: ['meeting:read:summary'],
    rateLimit: 'light',
  }),
  downloadPhoneRecording: endpoint({
    name: 'downloadPhoneRecording',
    method: 'GET',
    path: '/phone/recording/download/{fileId}',
    scopes: ['phone:read:call_recording'],
    rateLimit: 'medium',
    download: true,
  }),
  downloadVoicemail: endpoint({
    name: 'downloadVoicemail',
    method: 'GET',
    path: '/phone/voice_mails/download/{fileId}',
    scopes: ['phone:read:voicemail'],
    rateLimit: 'medium',
    download: true,
  }),
  // Served from zoom.us, outside the labelled REST API: Zoom publishes no rate-limit label for these files.
  downloadCloudRecording: endpoint({
    name: 'downloadCloudRecording',
    method: 'GET',
    path: '/rec/download/{fileId}',
    scopes: ['cloud_recording:read:recording'],
    download: true,
  }),
} as const;

export type ZoomEndpointName = keyof typeof ZOOM_ENDPOINTS;

const MEETING_EVENT_SCOPES = ['meeting:read:meeting'] as const;
const CLOUD_RECORDING_EVENT_SCOPES = ['cloud_recording:read:recording'] as const;
// Zoom's Phone webhooks spec names one user-level granular scope per event: the call-log read scope for the
// completed-call records (v2 call history, the caller's v3 call element, the legacy call log), the call read scope
// for every event of a call in progress and, unlike the caller's, the callee's v3 call element. Neither is the
// REST list scope `phone:read:list_call_logs`, which unlocks only the call history lists.
const PHONE_CALL_LOG_EVENT_SCOPES = ['phone:read:call_log'] as const;
const PHONE_CALL_EVENT_SCOPES = ['phone:read:call'] as const;
const PHONE_SMS_EVENT_SCOPES = ['phone:read:sms_message'] as const;

/**
 * The events we subscribe to and the scopes Zoom attaches to each subscription. `app_deauthorized` and
 * `endpoint.url_validation` need none. `phone.sms_sent_failed` is not subscribed to: a text that never left is
 * nothing to put on a timeline.
 */
export const ZOOM_EVENT_SCOPES = {
  'meeting.created': MEETING_EVENT_SCOPES,
  'meeting.updated': MEETING_EVENT_SCOPES,
  'meeting.deleted': MEETING_EVENT_SCOPES,
  'meeting.started': MEETING_EVENT_SCOPES,
  'meeting.ended': MEETING_EVENT_SCOPES,
  'recording.completed': CLOUD_RECORDING_EVENT_SCOPES,
  'recording.transcript_completed': CLOUD_RECORDING_EVENT_SCOPES,
  // The AI Companion summary's own read scope (Zoom's Meetings webhook spec), the one getMeetingSummary needs.
  'meeting.summary_completed': ['meeting:read:summary'],
  'phone.caller_call_history_completed': PHONE_CALL_LOG_EVENT_SCOPES,
  'phone.callee_call_history_completed': PHONE_CALL_LOG_EVENT_SCOPES,
  'phone.caller_call_element_completed': PHONE_CALL_LOG_EVENT_SCOPES,
  'phone.callee_call_element_completed': PHONE_CALL_EVENT_SCOPES,
  'phone.caller_call_log_completed': PHONE_CALL_LOG_EVENT_SCOPES,
  'phone.callee_call_log_completed': PHONE_CALL_LOG_EVENT_SCOPES,
  'phone.caller_ringing': PHONE_CALL_EVENT_SCOPES,
  'phone.callee_ringing': PHONE_CALL_EVENT_SCOPES,
  'phone.caller_connected': PHONE_CALL_EVENT_SCOPES,
  'phone.callee_answered': PHONE_CALL_EVENT_SCOPES,
  'phone.callee_missed': PHONE_CALL_EVENT_SCOPES,
  'phone.callee_rejected': PHONE_CALL_EVENT_SCOPES,
  'phone.caller_ended': PHONE_CALL_EVENT_SCOPES,
  'phone.callee_ended': PHONE_CALL_EVENT_SCOPES,
  'phone.voicemail_received': ['phone:read:voicemail'],
  'phone.recording_completed': ['phone:read:call_recording'],
  'phone.sms_sent': PHONE_SMS_EVENT_SCOPES,
  'phone.sms_received': PHONE_SMS_EVENT_SCOPES,
  app_deauthorized: [],
  'endpoint.url_validation': [],
} as const satisfies Record<string, readonly string[]>;

/** Exactly the scopes to request: those of the calls we make plus those of the events we subscribe to. */
export function requiredZoomScopes(): string[] {
  const endpoints: readonly ZoomEndpoint[] = Object.values(ZOOM_ENDPOINTS);
  const eventScopes: readonly (readonly string[])[] = Object.values(ZOOM_EVENT_SCOPES);
  const all = [...endpoints.flatMap((entry) => entry.scopes), ...eventScopes.flat()];
  return [...new Set(all)].sort();
}

/**
 * Zoom requires meeting UUIDs that start with "/" or contain "//" to be encoded twice in a path; other ids
 * (numeric meeting ids, user ids, "me") never contain "/" so the rule is safe to apply to every parameter.
 */
export function encodeZoomPathParam(value: string): string {
  const once = encodeURIComponent(value);
  return value.startsWith('/') || value.includes('//') ? encodeURIComponent(once) : once;
}

export function fillZoomPath(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || String(value) === '') throw new Error(`Missing path parameter ${name} for ${template}`);
    return encodeZoomPathParam(String(value));
  });
}
