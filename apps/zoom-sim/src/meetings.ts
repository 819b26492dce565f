import { randomBytes } from 'node:crypto';
import { type Request, type Response, Router } from 'express';
import { randomMeetingNumber, randomMeetingUuid, zoomTime } from './ids';
import type { CloudRecording, MeetingSummary } from './cloud-recordings';
import type { SimState } from './state';
import type { SimUser } from './users';
import type { WebhookSender } from './webhooks';
import { callerOf, invalidField, page, pageRequest, type PageFields, requireScope, targetUser, zoomError } from './zoom-api';
import { isTimeZone, parseZoomStartTime } from './zoned-time';

/** One run of a meeting: Zoom gives every start a new UUID. */
export interface MeetingInstance {
  uuid: string;
  startedAt: number;
  endedAt: number | null;
  recording: CloudRecording | null;
  summary: MeetingSummary | null;
}

/** 1 instant, 2 scheduled: the types the simulator supports (not the recurring 3 and 8). */
export type MeetingType = 1 | 2;

export interface SimMeeting {
  id: number;
  /** The UUID of the current (or next) instance. */
  uuid: string;
  host: SimUser;
  topic: string;
  type: MeetingType;
  startTime: number;
  duration: number;
  timezone: string;
  agenda: string;
  createdAt: number;
  password: string;
  settings: MeetingSettings;
  status: 'waiting' | 'started';
  deleted: boolean;
  /** The host key embedded in start_url (Zoom's `zak`, about two hours). */
  zak: string;
  instances: MeetingInstance[];
}

// The enum settings carry Zoom's values as their types, so the responses that echo them answer to Zoom's SDK types.
const SETTINGS_DEFAULTS = {
  host_video: true,
  participant_video: true,
  cn_meeting: false,
  in_meeting: false,
  join_before_host: false,
  jbh_time: 0 as 0 | 5 | 10 | 15,
  mute_upon_entry: false,
  watermark: false,
  use_pmi: false,
  /** 0 automatic, 1 manual registration approval, 2 no registration. */
  approval_type: 2 as 0 | 1 | 2,
  audio: 'both' as 'both' | 'telephony' | 'voip' | 'thirdParty',
  auto_recording: 'none' as 'local' | 'cloud' | 'none',
  enforce_login: false,
  enforce_login_domains: '',
  alternative_hosts: '',
  alternative_hosts_email_notification: true,
  close_registration: false,
  show_share_button: false,
  allow_multiple_devices: false,
  registrants_confirmation_email: true,
  waiting_room: false,
  registrants_email_notification: true,
  meeting_authentication: false,
  encryption_type: 'enhanced_encryption' as 'enhanced_encryption' | 'e2ee',
  approved_or_denied_countries_or_regions: { enable: false },
  breakout_room: { enable: false },
  internal_meeting: false,
  continuous_meeting_chat: { enable: false, auto_add_invited_external_users: false, auto_add_meeting_participants: false },
  participant_focused_meeting: false,
  push_change_to_calendar: false,
  resources: [] as { resource_type: 'whiteboard'; resource_id: string; permission_level: 'editor' | 'commenter' | 'viewer' }[],
  alternative_host_update_polls: false,
  auto_start_meeting_summary: false,
  auto_start_ai_companion_questions: false,
  device_testing: false,
  email_notification: true,
  host_save_video_order: false,
  sign_language_interpretation: { enable: false },
  email_in_attendee_report: false,
  meeting_invitees: [] as { email: string }[],
};

export type MeetingSettings = typeof SETTINGS_DEFAULTS;

/** The default settings with these invitees (a meeting made at Zoom for people it invites by email). */
export const settingsWithInvitees = (emails: string[]): MeetingSettings => ({ ...SETTINGS_DEFAULTS, meeting_invitees: emails.map((email) => ({ email })) });

const EMAIL_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const isEmailAddress = (value: unknown): value is string => typeof value === 'string' && EMAIL_ADDRESS.test(value);

/** settings.meeting_invitees: Zoom keeps each invitee's email (and nothing else sent with it); the first bad one is named. */
function readInvitees(requested: unknown[]): MeetingSettings['meeting_invitees'] | string {
  const emails = requested.map((invitee) => (typeof invitee === 'object' && invitee !== null ? (invitee as { email?: unknown }).email : undefined));
  const bad = emails.findIndex((email) => !isEmailAddress(email));
  if (bad < 0) return (emails as string[]).map((email) => ({ email }));
  const given = emails[bad] === undefined ? 'none given' : JSON.stringify(emails[bad]);
  return `settings.meeting_invitees[${bad}].email (not an email address: ${given})`;
}

/** Settings a request may set: the known keys with the same JSON type as the default, invitees with their emails checked. */
function mergeSettings(current: MeetingSettings, requested: unknown): MeetingSettings | string {
  if (requested === undefined) return current;
  if (typeof requested !== 'object' || requested === null || Array.isArray(requested)) return 'settings must be an object';
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(requested)) {
    if (!(key in SETTINGS_DEFAULTS)) continue;
    const expected = (SETTINGS_DEFAULTS as Record<string, unknown>)[key];
    if (Array.isArray(expected) !== Array.isArray(value) || typeof expected !== typeof value) return `settings.${key} has the wrong type`;
    const invitees = key === 'meeting_invitees' ? readInvitees(value as unknown[]) : null;
    if (typeof invitees === 'string') return invitees;
    merged[key] = invitees ?? value;
  }
  // Every key is a default's with the default's JSON type; an enum setting keeps whatever string was sent (unchecked).
  return merged as MeetingSettings;
}

const joinPassword = (meeting: SimMeeting) => Buffer.from(`${meeting.id}:${meeting.password}`).toString('base64url').slice(0, 30);
export const joinUrl = (state: SimState, meeting: SimMeeting) => `${state.publicUrl}/j/${meeting.id}?pwd=${joinPassword(meeting)}.1`;
const startUrl = (state: SimState, meeting: SimMeeting) => `${state.publicUrl}/s/${meeting.id}?zak=${meeting.zak}`;
const numericPassword = (meeting: SimMeeting) => String(parseInt(meeting.password, 36) % 1_000_000).padStart(6, '0');

/** The fields every Zoom view of a scheduled meeting shares (REST resources, lists, meeting.* events). */
function scheduleFields(meeting: SimMeeting) {
  return {
    uuid: meeting.uuid,
    id: meeting.id,
    host_id: meeting.host.id,
    topic: meeting.topic,
    type: meeting.type,
    start_time: zoomTime(meeting.startTime),
    duration: meeting.duration,
    timezone: meeting.timezone,
  };
}

/** What a PATCH may change, as meeting.updated names it. */
const updatableFields = (meeting: SimMeeting) => ({
  topic: meeting.topic,
  start_time: zoomTime(meeting.startTime),
  duration: meeting.duration,
  timezone: meeting.timezone,
  agenda: meeting.agenda,
});
type UpdatableFields = ReturnType<typeof updatableFields>;

/** What GET /meetings/{meetingId} and the 201 of POST /users/{userId}/meetings share. */
function meetingDetails(state: SimState, meeting: SimMeeting) {
  return {
    ...scheduleFields(meeting),
    host_email: meeting.host.email,
    assistant_id: '',
    status: meeting.status,
    agenda: meeting.agenda,
    created_at: zoomTime(meeting.createdAt),
    start_url: startUrl(state, meeting),
    join_url: joinUrl(state, meeting),
    chat_join_url: '',
    password: meeting.password,
    h323_password: numericPassword(meeting),
    pstn_password: numericPassword(meeting),
    encrypted_password: `${joinPassword(meeting)}.1`,
    pmi: '',
    pre_schedule: false,
    occurrences: [],
    settings: meeting.settings,
    tracking_fields: [],
  };
}

/** GET /meetings/{meetingId}. */
export const meetingResource = (state: SimState, meeting: SimMeeting) => ({ ...meetingDetails(state, meeting), dynamic_host_key: '' });

/** The 201 of POST /users/{userId}/meetings. */
export const createdMeetingResource = (state: SimState, meeting: SimMeeting) => ({
  ...meetingDetails(state, meeting),
  registration_url: '',
  creation_source: 'open_api' as const,
});

export function meetingListItem(state: SimState, meeting: SimMeeting) {
  return {
    ...scheduleFields(meeting),
    agenda: meeting.agenda,
    created_at: zoomTime(meeting.createdAt),
    join_url: joinUrl(state, meeting),
    pmi: '',
  };
}

/** GET /users/{userId}/meetings: one page of meetings, Zoom's paging fields beside them. */
export function meetingListPage(state: SimState, paging: PageFields, meetings: SimMeeting[]) {
  return { ...paging, page_number: 1, meetings: meetings.map((meeting) => meetingListItem(state, meeting)) };
}

const operator = (meeting: SimMeeting) => ({ operator: meeting.host.email, operator_id: meeting.host.id });

export function meetingCreated(state: SimState, meeting: SimMeeting) {
  return {
    event: 'meeting.created' as const,
    payload: {
      account_id: meeting.host.accountId,
      ...operator(meeting),
      operation: 'single' as const,
      object: {
        ...scheduleFields(meeting),
        join_url: joinUrl(state, meeting),
        password: meeting.password,
        pmi: '',
        occurrences: [],
        settings: {
          use_pmi: meeting.settings.use_pmi,
          alternative_hosts: meeting.settings.alternative_hosts,
          meeting_invitees: meeting.settings.meeting_invitees,
          join_before_host: meeting.settings.join_before_host,
          jbh_time: meeting.settings.jbh_time,
        },
        recurrence: {},
        tracking_fields: [],
      },
    },
  };
}

/** meeting.updated, or null when the PATCH changed nothing: `object` and `old_object` carry the id, the uuid and what changed. */
export function meetingUpdated(meeting: SimMeeting, before: UpdatableFields, after: UpdatableFields) {
  const changed = (Object.keys(after) as (keyof UpdatableFields)[]).filter((key) => after[key] !== before[key] || (key === 'timezone' && after.start_time !== before.start_time));
  if (changed.length === 0) return null;
  const pickFields = (values: UpdatableFields) => ({ id: meeting.id, uuid: meeting.uuid, ...(Object.fromEntries(changed.map((key) => [key, values[key]])) as Partial<UpdatableFields>) });
  return {
    event: 'meeting.updated' as const,
    payload: { account_id: meeting.host.accountId, ...operator(meeting), scope: 'single' as const, object: pickFields(after), time_stamp: Date.now(), old_object: pickFields(before) },
  };
}

export function meetingDeleted(meeting: SimMeeting) {
  return {
    event: 'meeting.deleted' as const,
    payload: { account_id: meeting.host.accountId, ...operator(meeting), operation: 'single' as const, object: { ...scheduleFields(meeting), occurrences: [] } },
  };
}

/** The object of meeting.started / meeting.ended (Zoom sends the id as a string here). */
function instanceFields(meeting: SimMeeting, instance: MeetingInstance) {
  return {
    id: String(meeting.id),
    uuid: instance.uuid,
    host_id: meeting.host.id,
    topic: meeting.topic,
    type: meeting.type,
    start_time: zoomTime(instance.startedAt),
    timezone: meeting.timezone,
    duration: meeting.duration,
  };
}

export const meetingStarted = (meeting: SimMeeting, instance: MeetingInstance) => ({
  event: 'meeting.started' as const,
  payload: { account_id: meeting.host.accountId, object: instanceFields(meeting, instance) },
});

export const meetingEnded = (meeting: SimMeeting, instance: MeetingInstance) => ({
  event: 'meeting.ended' as const,
  payload: { account_id: meeting.host.accountId, object: { ...instanceFields(meeting, instance), end_time: zoomTime(instance.endedAt!) } },
});

const reject = (response: Response, message: string): null => {
  invalidField(response, message);
  return null;
};

export interface MeetingInput {
  topic?: string;
  type?: MeetingType;
  startTime?: number;
  duration?: number;
  timezone?: string;
  agenda?: string;
  settings?: MeetingSettings;
}

/** Checks a create/update body as Zoom does (400, code 300, naming the field); null after answering. */
function readMeetingInput(body: unknown, response: Response, defaults: { timezone: string; settings: MeetingSettings }): MeetingInput | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return reject(response, 'Request body must be a JSON object.');
  const input = body as Record<string, unknown>;
  const result: MeetingInput = {};
  if (input.topic !== undefined) {
    if (typeof input.topic !== 'string' || input.topic.length > 200) return reject(response, 'Invalid field: topic (a string of at most 200 characters).');
    result.topic = input.topic;
  }
  if (input.type !== undefined) {
    if (input.type !== 1 && input.type !== 2) return reject(response, 'Invalid field: type (the simulator supports 1 instant and 2 scheduled).');
    result.type = input.type;
  }
  if (input.timezone !== undefined) {
    if (typeof input.timezone !== 'string' || !isTimeZone(input.timezone)) return reject(response, 'Invalid field: timezone.');
    result.timezone = input.timezone;
  }
  if (input.start_time !== undefined) {
    const startTime = typeof input.start_time === 'string' ? parseZoomStartTime(input.start_time, result.timezone ?? defaults.timezone) : null;
    if (startTime === null) return reject(response, 'Invalid field: start_time (yyyy-MM-ddTHH:mm:ss, or with Z for UTC).');
    result.startTime = startTime;
  }
  if (input.duration !== undefined) {
    if (!Number.isInteger(input.duration) || (input.duration as number) < 0) return reject(response, 'Invalid field: duration (whole minutes).');
    result.duration = input.duration as number;
  }
  if (input.agenda !== undefined) {
    if (typeof input.agenda !== 'string' || input.agenda.length > 2000) return reject(response, 'Invalid field: agenda (at most 2000 characters).');
    result.agenda = input.agenda;
  }
  const settings = mergeSettings(defaults.settings, input.settings);
  if (typeof settings === 'string') return reject(response, `Invalid field: ${settings}.`);
  if (input.settings !== undefined) result.settings = settings;
  return result;
}

export function createMeeting(state: SimState, host: SimUser, input: MeetingInput): SimMeeting {
  const meeting: SimMeeting = {
    id: randomMeetingNumber(),
    uuid: randomMeetingUuid(),
    host,
    topic: input.topic ?? 'Zoom meeting',
    type: input.type ?? 2,
    startTime: input.startTime ?? Date.now(),
    duration: input.duration ?? 60,
    timezone: input.timezone ?? host.timezone,
    agenda: input.agenda ?? '',
    createdAt: Date.now(),
    password: randomBytes(4).toString('base64url').slice(0, 6),
    settings: input.settings ?? { ...SETTINGS_DEFAULTS },
    status: 'waiting',
    deleted: false,
    zak: randomBytes(24).toString('base64url'),
    instances: [],
  };
  state.meetings.push(meeting);
  return meeting;
}

export function meetingOf(state: SimState, meetingId: string): SimMeeting | undefined {
  return state.meetings.find((meeting) => !meeting.deleted && String(meeting.id) === meetingId);
}

/** A meeting the caller hosts, or Zoom's 404 code 3001. */
function hostedMeeting(state: SimState, request: Request, response: Response): SimMeeting | null {
  const meetingId = String(request.params.meetingId);
  const meeting = meetingOf(state, meetingId);
  if (!meeting || meeting.host.id !== callerOf(response).user.id) {
    zoomError(response, 404, 3001, `Meeting does not exist: ${meetingId}.`);
    return null;
  }
  return meeting;
}

const LIST_TYPES = ['scheduled', 'live', 'upcoming', 'upcoming_meetings', 'previous_meetings'];

function listFilter(type: string, now: number): (meeting: SimMeeting) => boolean {
  switch (type) {
    case 'live':
      return (meeting) => meeting.status === 'started';
    case 'upcoming':
    case 'upcoming_meetings':
      return (meeting) => meeting.startTime + meeting.duration * 60_000 >= now && meeting.type === 2;
    case 'previous_meetings':
      return (meeting) => meeting.instances.some((instance) => instance.endedAt !== null);
    default:
      return (meeting) => meeting.type === 2;
  }
}

export function meetingRoutes(state: SimState, webhooks: WebhookSender): Router {
  const router = Router();

  router.post('/v2/users/:userId/meetings', requireScope('meeting:write:meeting'), (request, response) => {
    const host = targetUser(request, response);
    if (!host) return;
    const input = readMeetingInput(request.body, response, { timezone: host.timezone, settings: { ...SETTINGS_DEFAULTS } });
    if (!input) return;
    if ((input.type ?? 2) === 2 && input.startTime === undefined) return invalidField(response, 'Invalid field: start_time is required for a scheduled meeting.');
    const meeting = createMeeting(state, host, input);
    response.status(201).json(createdMeetingResource(state, meeting));
    webhooks.send(meetingCreated(state, meeting));
  });

  router.get('/v2/users/:userId/meetings', requireScope('meeting:read:list_meetings'), (request, response) => {
    const host = targetUser(request, response);
    if (!host) return;
    const type = typeof request.query.type === 'string' ? request.query.type : 'scheduled';
    if (!LIST_TYPES.includes(type)) return invalidField(response, `Invalid field: type (one of ${LIST_TYPES.join(', ')}).`);
    const listKey = `${request.path}?${type}`;
    const paging = pageRequest(state, request, response, listKey);
    if (!paging) return;
    const now = Date.now();
    const meetings = state.meetings
      .filter((meeting) => !meeting.deleted && meeting.host.id === host.id)
      .filter(listFilter(type, now))
      .sort((a, b) => a.startTime - b.startTime);
    const { slice, fields } = page(state, listKey, meetings, paging);
    response.json(meetingListPage(state, fields, slice));
  });

  router.get('/v2/meetings/:meetingId', requireScope('meeting:read:meeting'), (request, response) => {
    const meeting = hostedMeeting(state, request, response);
    if (meeting) response.json(meetingResource(state, meeting));
  });

  router.patch('/v2/meetings/:meetingId', requireScope('meeting:update:meeting'), (request, response) => {
    const meeting = hostedMeeting(state, request, response);
    if (!meeting) return;
    const input = readMeetingInput(request.body, response, { timezone: meeting.timezone, settings: meeting.settings });
    if (!input) return;
    const before = updatableFields(meeting);
    Object.assign(meeting, Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)));
    response.status(204).end();
    const updated = meetingUpdated(meeting, before, updatableFields(meeting));
    if (updated) webhooks.send(updated);
  });

  router.delete('/v2/meetings/:meetingId', requireScope('meeting:delete:meeting'), (request, response) => {
    const meeting = hostedMeeting(state, request, response);
    if (!meeting) return;
    meeting.deleted = true;
    response.status(204).end();
    webhooks.send(meetingDeleted(meeting));
  });

  return router;
}
