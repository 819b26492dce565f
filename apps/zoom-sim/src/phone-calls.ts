import { randomUUID } from 'node:crypto';
import { audioFingerprint, toneWav } from './audio';
import type { SimFile } from './downloads';
import { datedUuid, randomCallId, randomHexId, randomZoomId, zoomTime } from './ids';
import type { SimState } from './state';
import { COST_CENTER, DEPARTMENT, DEVICE, SITE, displayName, type SimUser } from './users';
import type { OutgoingEvent } from './webhooks';

export type CallDirection = 'inbound' | 'outbound' | 'internal';
export type CallOutcome = 'answered' | 'missed' | 'voicemail' | 'rejected';

/** One end of a call: a simulated Zoom user, or someone outside the account. */
export type Party = { user: SimUser } | { number: string; name: string };

/** Ids Zoom gives one user's record of a call (the call history, its single element, the legacy call log). */
interface UserLeg {
  logUuid: string;
  historyId: string;
  callPathId: string;
  elementId: string;
}

export interface SimCall {
  callId: string;
  accountId: string;
  caller: Party;
  callee: Party;
  outcome: CallOutcome;
  ringingAt: number;
  answeredAt: number | null;
  endedAt: number;
  talkSeconds: number;
  legs: Map<string, UserLeg>;
  recording: { id: string; owner: SimUser; file: SimFile } | null;
  voicemail: { id: string; owner: SimUser; file: SimFile; durationSeconds: number; transcript: string; status: 'unread' | 'read' } | null;
}

export interface PlaceCallInput {
  user: SimUser;
  direction: CallDirection;
  counterpart: Party;
  outcome: CallOutcome;
  durationSeconds: number;
  withRecording: boolean;
  voicemailTranscript: string;
  /** When the call ended (ms); default a second ago. History scenarios place calls in the past. */
  endedAt?: number;
}

const RING_SECONDS: Record<CallOutcome, number> = { answered: 9, missed: 29, voicemail: 20, rejected: 5 };
const HISTORY_RESULT: Record<CallOutcome, string> = { answered: 'answered', missed: 'no_answer', voicemail: 'voicemail', rejected: 'rejected' };
const LEGACY_RESULT: Record<CallOutcome, string> = { answered: 'Call connected', missed: 'No Answer', voicemail: 'Voicemail', rejected: 'Rejected' };
const HANDUP_RESULT: Record<CallOutcome, string> = { answered: 'Call connected', missed: 'No Answer', voicemail: 'Voicemail', rejected: 'Rejected' };

export const isUser = (party: Party): party is { user: SimUser } => 'user' in party;
const partyNumber = (party: Party) => (isUser(party) ? (party.user.phoneNumber ?? '') : party.number);
const partyName = (party: Party) => (isUser(party) ? displayName(party.user) : party.name);
const digits = (number: string) => Number(number.replace(/\D/g, '')) || 0;

function countryOf(number: string): { iso: string; code: string } {
  if (number.startsWith('+1')) return { iso: 'US', code: '1' };
  if (number.startsWith('+44')) return { iso: 'GB', code: '44' };
  return { iso: '', code: '' };
}

/** Records a finished call (by default it "happened" just now) with its recording and voicemail files. */
export function recordCall(state: SimState, input: PlaceCallInput): SimCall {
  const { user, direction, counterpart, outcome } = input;
  const [caller, callee]: [Party, Party] = direction === 'outbound' || direction === 'internal' ? [{ user }, counterpart] : [counterpart, { user }];
  const ring = RING_SECONDS[outcome];
  const talkSeconds = outcome === 'answered' ? input.durationSeconds : 0;
  const endedAt = input.endedAt ?? Date.now() - 1000;
  const ringingAt = endedAt - (ring + input.durationSeconds) * 1000;
  const call: SimCall = {
    callId: randomCallId(),
    accountId: user.accountId,
    caller,
    callee,
    outcome,
    ringingAt,
    answeredAt: outcome === 'answered' ? ringingAt + ring * 1000 : null,
    endedAt,
    talkSeconds,
    legs: new Map(),
    recording: null,
    voicemail: null,
  };
  for (const party of [caller, callee]) {
    if (!isUser(party)) continue;
    const logUuid = randomUUID();
    call.legs.set(party.user.id, { logUuid, historyId: datedUuid(ringingAt, logUuid), callPathId: datedUuid(ringingAt), elementId: datedUuid(ringingAt) });
  }
  if (input.withRecording && outcome === 'answered') {
    const id = randomHexId();
    call.recording = { id, owner: user, file: addAudioFile(state, 'phone_recording', user, `${id}.wav`, '') };
  }
  if (outcome === 'voicemail') {
    const owner = (callee as { user: SimUser }).user;
    const id = randomHexId();
    const file = addAudioFile(state, 'voicemail', owner, `${id}.wav`, input.voicemailTranscript);
    call.voicemail = { id, owner, file, durationSeconds: input.durationSeconds, transcript: input.voicemailTranscript, status: 'unread' };
  }
  state.calls.push(call);
  return call;
}

function addAudioFile(state: SimState, kind: SimFile['kind'], owner: SimUser, fileName: string, transcript: string): SimFile {
  const token = randomZoomId();
  const file: SimFile = { token, kind, ownerUserId: owner.id, bytes: toneWav(token), contentType: 'audio/wav', fileName };
  state.files.set(token, file);
  state.transcripts.set(audioFingerprint(file.bytes), transcript);
  return file;
}

export const phoneRecordingDownloadUrl = (state: SimState, file: SimFile) => `${state.publicUrl}/v2/phone/recording/download/${file.token}`;
export const voicemailDownloadUrl = (state: SimState, file: SimFile) => `${state.publicUrl}/v2/phone/voice_mails/download/${file.token}`;

export const callsOf = (state: SimState, user: SimUser) => state.calls.filter((call) => call.legs.has(user.id));

// ---- Real-time events: each event names its parties with its own field set, as Zoom's do. ----

type PartyShape = 'ringing' | 'answered' | 'connected' | 'missed' | 'callerEnded' | 'calleeEnded';

const USER_PARTY_KEYS: Record<PartyShape, string[]> = {
  ringing: ['extension_id', 'extension_type', 'user_id', 'name', 'phone_number', 'account_code', 'extension_number', 'timezone', 'device_type', 'device_name', 'device_id', 'connection_type'],
  answered: ['extension_id', 'extension_type', 'user_id', 'name', 'phone_number', 'extension_number', 'timezone', 'device_type', 'device_name', 'device_id', 'connection_type'],
  connected: ['extension_id', 'extension_type', 'user_id', 'name', 'phone_number', 'account_code', 'extension_number', 'timezone', 'device_type', 'device_id', 'connection_type'],
  missed: ['extension_id', 'extension_type', 'user_id', 'phone_number', 'account_code', 'extension_number', 'timezone', 'device_id', 'connection_type'],
  callerEnded: ['extension_id', 'extension_type', 'user_id', 'phone_number', 'account_code', 'extension_number', 'timezone', 'device_id', 'connection_type'],
  calleeEnded: ['extension_id', 'extension_type', 'user_id', 'name', 'phone_number', 'extension_number', 'timezone', 'device_name', 'device_id', 'connection_type'],
};

const EXTERNAL_PARTY_KEYS: Record<PartyShape, string[]> = {
  ringing: ['extension_id', 'extension_type', 'name', 'phone_number', 'account_code', 'extension_number', 'connection_type'],
  answered: ['extension_id', 'extension_type', 'name', 'phone_number', 'extension_number', 'connection_type'],
  connected: ['extension_id', 'extension_type', 'name', 'phone_number', 'account_code', 'extension_number', 'connection_type'],
  missed: ['extension_id', 'extension_type', 'phone_number', 'account_code', 'extension_number', 'connection_type'],
  callerEnded: ['extension_id', 'extension_type', 'user_id', 'phone_number', 'account_code', 'extension_number', 'timezone', 'connection_type'],
  calleeEnded: ['extension_id', 'extension_type', 'phone_number', 'extension_number', 'connection_type'],
};

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, source[key]]));
}

function eventParty(party: Party, shape: PartyShape): Record<string, unknown> {
  if (isUser(party)) {
    const { user } = party;
    const full = {
      extension_id: user.extensionId,
      extension_type: 'user',
      user_id: user.id,
      name: displayName(user),
      phone_number: user.phoneNumber ?? '',
      account_code: '',
      extension_number: user.extension ?? 0,
      timezone: user.timezone,
      device_type: DEVICE.type,
      device_name: `${user.firstName} MacBook Pro`,
      device_id: randomZoomId(),
      connection_type: 'voip',
    };
    return pick(full, USER_PARTY_KEYS[shape]);
  }
  const full = {
    extension_id: '',
    extension_type: 'pstn',
    user_id: '',
    name: party.name,
    phone_number: party.number,
    account_code: '',
    extension_number: digits(party.number),
    timezone: '',
    connection_type: 'pstn_off_net',
  };
  return pick(full, EXTERNAL_PARTY_KEYS[shape]);
}

function realtime(call: SimCall, event: string, shape: PartyShape, times: Record<string, unknown>): OutgoingEvent {
  const calleeFirst = event.startsWith('phone.callee_');
  const parties = calleeFirst
    ? { callee: eventParty(call.callee, shape), caller: eventParty(call.caller, shape) }
    : { caller: eventParty(call.caller, shape), callee: eventParty(call.callee, shape) };
  return { event, payload: { account_id: call.accountId, object: { call_id: call.callId, ...parties, ...times } } };
}

// ---- Call history (current) and call log (legacy) records, from one user's side. ----

function historyParty(prefix: 'caller' | 'callee', party: Party): Record<string, unknown> {
  const number = partyNumber(party);
  const country = countryOf(number);
  const user = isUser(party) ? party.user : null;
  return {
    [`${prefix}_ext_id`]: user?.extensionId ?? '',
    [`${prefix}_name`]: user ? displayName(user) : partyName(party),
    [`${prefix}_email`]: user?.email ?? '',
    [`${prefix}_employee_id`]: '',
    [`${prefix}_did_number`]: number,
    [`${prefix}_account_code`]: '',
    [`${prefix}_ext_number`]: user ? String(user.extension ?? '') : '',
    [`${prefix}_ext_type`]: user ? 'user' : 'external_contact',
    [`${prefix}_number_type`]: user ? 'zoom_pstn' : 'external_pstn',
    [`${prefix}_device_private_ip`]: user ? DEVICE.privateIp : '',
    [`${prefix}_device_public_ip`]: user ? DEVICE.publicIp : '',
    [`${prefix}_device_type`]: user ? DEVICE.type : '',
    [`${prefix}_country_iso_code`]: country.iso,
    [`${prefix}_country_code`]: country.code,
    [`${prefix}_site_id`]: user ? SITE.id : '',
    [`${prefix}_department`]: user ? DEPARTMENT : '',
    [`${prefix}_cost_center`]: user ? COST_CENTER : '',
  };
}

function historyFields(call: SimCall, viewer: SimUser): Record<string, unknown> {
  const outgoing = isUser(call.caller) && call.caller.user.id === viewer.id;
  const internal = isUser(call.caller) && isUser(call.callee);
  return {
    call_id: call.callId,
    group_id: '',
    connect_type: internal ? 'internal' : 'external',
    call_type: 'general',
    direction: outgoing ? 'outbound' : 'inbound',
    hide_caller_id: false,
    end_to_end: false,
    ...historyParty('caller', call.caller),
    ...historyParty('callee', call.callee),
    start_time: zoomTime(call.ringingAt),
    ...(call.answeredAt ? { answer_time: zoomTime(call.answeredAt) } : {}),
    end_time: zoomTime(call.endedAt),
    event: outgoing ? 'outgoing' : 'incoming',
    result: HISTORY_RESULT[call.outcome],
    result_reason: '',
    operator_ext_number: '',
    operator_ext_id: '',
    operator_ext_type: '',
    operator_name: '',
    recording_id: call.recording?.id ?? '',
    recording_type: call.recording ? 'automatic' : '',
    voicemail_id: call.voicemail?.id ?? '',
    talk_time: call.talkSeconds,
    hold_time: 0,
    wait_time: RING_SECONDS[call.outcome],
  };
}

export function callHistoryRecord(call: SimCall, viewer: SimUser) {
  const leg = call.legs.get(viewer.id)!;
  return { id: leg.historyId, call_path_id: leg.callPathId, ...historyFields(call, viewer) };
}

export function callElement(call: SimCall, viewer: SimUser) {
  const leg = call.legs.get(viewer.id)!;
  return { call_element_id: leg.elementId, call_history_uuid: leg.historyId, ...historyFields(call, viewer) };
}

interface LegacyNumber {
  number: string;
  type: number;
  source: string;
}

function legacyNumber(party: Party): LegacyNumber {
  return isUser(party)
    ? { number: String(party.user.extension ?? ''), type: 1, source: 'internal' }
    : { number: party.number, type: 2, source: 'external' };
}

const legacyPerson = (party: Party, extra: Record<string, unknown> = {}) => ({
  extension_number: isUser(party) ? String(party.user.extension ?? '') : '',
  ...extra,
  location: '',
  name: isUser(party) ? displayName(party.user) : '',
  number_type: isUser(party) ? 1 : 2,
  phone_number: '',
});

/** An item of the legacy GET /phone/users/{userId}/call_logs (retired by Zoom during 2026). */
export function legacyCallLog(call: SimCall, viewer: SimUser) {
  const leg = call.legs.get(viewer.id)!;
  const outgoing = isUser(call.caller) && call.caller.user.id === viewer.id;
  const side = (prefix: 'caller' | 'callee', party: Party) => {
    const number = legacyNumber(party);
    const did = partyNumber(party);
    const country = countryOf(did);
    return {
      [`${prefix}_number`]: number.number,
      [`${prefix}_number_type`]: number.type,
      [`${prefix}_number_source`]: number.source,
      [`${prefix}_name`]: partyName(party),
      [`${prefix}_did_number`]: did,
      [`${prefix}_country_code`]: country.code,
      [`${prefix}_country_iso_code`]: country.iso,
    };
  };
  return {
    id: leg.logUuid,
    user_id: viewer.id,
    call_id: call.callId,
    direction: outgoing ? 'outbound' : 'inbound',
    date_time: zoomTime(call.ringingAt),
    answer_start_time: call.answeredAt ? zoomTime(call.answeredAt) : '',
    call_end_time: zoomTime(call.endedAt),
    duration: call.talkSeconds,
    result: LEGACY_RESULT[call.outcome],
    path: isUser(call.caller) && isUser(call.callee) ? 'extension' : 'pstn',
    ...side('caller', call.caller),
    caller_billing_reference_id: '',
    ...side('callee', call.callee),
    accepted_by: call.outcome === 'answered' ? legacyPerson(call.callee) : legacyPerson({ number: '', name: '' }),
    outgoing_by: outgoing ? legacyPerson(call.caller) : legacyPerson({ number: '', name: '' }),
    forwarded_by: legacyPerson({ number: '', name: '' }, { extension_type: 'user' }),
    forwarded_to: legacyPerson({ number: '', name: '' }),
    has_recording: Boolean(call.recording),
    has_voicemail: Boolean(call.voicemail),
    recording_type: call.recording ? 'Automatic' : '',
    charge: '',
    rate: '',
    client_code: '',
    site: { id: SITE.id, name: SITE.name },
    hold_time: 0,
    waiting_time: RING_SECONDS[call.outcome],
    department: DEPARTMENT,
    cost_center: COST_CENTER,
  };
}

// ---- Voicemails and call recordings. ----

function voicemailParties(call: SimCall) {
  const caller = legacyNumber(call.caller);
  const callee = legacyNumber(call.callee);
  return {
    caller_name: partyName(call.caller),
    caller_number: caller.number,
    caller_number_type: caller.type,
    callee_name: partyName(call.callee),
    callee_number: callee.number,
    callee_number_type: callee.type,
  };
}

/** The ids that tie a voicemail or recording to its owner's record of the call. */
function legIds(call: SimCall, owner: SimUser) {
  const leg = call.legs.get(owner.id)!;
  return { call_id: call.callId, call_log_id: leg.logUuid, call_history_id: leg.historyId, call_element_id: leg.elementId };
}

/** An item of GET /phone/users/{userId}/voice_mails. */
export function voicemailListItem(state: SimState, call: SimCall) {
  const voicemail = call.voicemail!;
  return {
    id: voicemail.id,
    ...legIds(call, call.voicemail!.owner),
    ...voicemailParties(call),
    date_time: zoomTime(call.ringingAt + RING_SECONDS.voicemail * 1000),
    duration: voicemail.durationSeconds,
    status: voicemail.status,
    download_url: voicemailDownloadUrl(state, voicemail.file),
    caller_account_code: '',
    callee_account_code: '',
  };
}

/** GET /phone/voice_mails/{voicemailId}: the list item plus Zoom's own transcription. */
export function voicemailDetail(state: SimState, call: SimCall) {
  return {
    ...voicemailListItem(state, call),
    transcription: { content: call.voicemail!.transcript, status: 2, engine: 'Zoom' },
    intent_detect_status: 'not_started',
    intent_results: [],
    voice_mail_task: { status: 'no_task', content: '', feedback: 'none' },
  };
}

function voicemailReceived(state: SimState, call: SimCall): OutgoingEvent {
  const voicemail = call.voicemail!;
  const callerUser = isUser(call.caller) ? call.caller.user : null;
  const parties = voicemailParties(call);
  return {
    event: 'phone.voicemail_received',
    payload: {
      account_id: call.accountId,
      object: {
        id: voicemail.id,
        date_time: zoomTime(call.ringingAt + RING_SECONDS.voicemail * 1000),
        download_url: voicemailDownloadUrl(state, voicemail.file),
        duration: voicemail.durationSeconds,
        caller_user_id: callerUser?.id ?? '',
        caller_account_code: '',
        caller_number: parties.caller_number,
        caller_number_type: parties.caller_number_type,
        caller_name: parties.caller_name,
        caller_did_number: partyNumber(call.caller),
        callee_user_id: voicemail.owner.id,
        callee_account_code: '',
        callee_number: parties.callee_number,
        callee_number_type: parties.callee_number_type,
        callee_name: parties.callee_name,
        callee_did_number: partyNumber(call.callee),
        callee_extension_type: 'user',
        callee_id: voicemail.owner.id,
        ...legIds(call, call.voicemail!.owner),
      },
    },
  };
}

const extensionOf = (party: Party) => ({ name: isUser(party) ? displayName(party.user) : '', extension_number: isUser(party) ? String(party.user.extension ?? '') : '' });

/** An item of GET /phone/users/{userId}/recordings. */
export function phoneRecordingListItem(state: SimState, call: SimCall) {
  const recording = call.recording!;
  const outgoing = isUser(call.caller) && call.caller.user.id === recording.owner.id;
  return {
    id: recording.id,
    ...legIds(call, call.recording!.owner),
    ...voicemailParties(call),
    outgoing_by: extensionOf(outgoing ? call.caller : { number: '', name: '' }),
    accepted_by: extensionOf(outgoing ? { number: '', name: '' } : call.callee),
    date_time: zoomTime(call.answeredAt!),
    direction: outgoing ? 'outbound' : 'inbound',
    duration: call.talkSeconds,
    download_url: phoneRecordingDownloadUrl(state, recording.file),
    transcript_download_url: `${state.publicUrl}/v2/phone/recording_transcript/download/${recording.id}`,
    meeting_uuid: '',
    caller_account_code: '',
    callee_account_code: '',
  };
}

function recordingCompleted(state: SimState, call: SimCall): OutgoingEvent {
  const recording = call.recording!;
  const item = phoneRecordingListItem(state, call);
  return {
    event: 'phone.recording_completed',
    payload: {
      account_id: call.accountId,
      object: {
        recordings: [
          {
            id: recording.id,
            caller_account_code: '',
            caller_number: item.caller_number,
            caller_number_type: item.caller_number_type,
            caller_name: item.caller_name,
            caller_did_number: partyNumber(call.caller),
            callee_account_code: '',
            callee_number: item.callee_number,
            callee_number_type: item.callee_number_type,
            callee_name: item.callee_name,
            callee_did_number: partyNumber(call.callee),
            duration: call.talkSeconds,
            download_url: item.download_url,
            date_time: item.date_time,
            user_id: recording.owner.id,
            ...legIds(call, call.recording!.owner),
            end_time: zoomTime(call.endedAt),
            recording_type: 'Automatic',
            site: { id: SITE.id },
            owner: { type: 'user', id: recording.owner.id, name: displayName(recording.owner), extension_number: recording.owner.extension ?? 0, has_access_permission: true },
            direction: item.direction,
            outgoing_by: item.outgoing_by,
            accepted_by: item.accepted_by,
          },
        ],
      },
    },
  };
}

// ---- The whole event sequence of a call, in the order Zoom emits it. ----

function completion(call: SimCall, side: 'caller' | 'callee', user: SimUser): OutgoingEvent[] {
  return [
    { event: `phone.${side}_call_element_completed`, payload: { account_id: call.accountId, object: { user_id: user.id, call_elements: [callElement(call, user)] } } },
    { event: `phone.${side}_call_history_completed`, payload: { account_id: call.accountId, object: { user_id: user.id, call_logs: [callHistoryRecord(call, user)] } } },
  ];
}

export function callEvents(state: SimState, call: SimCall): OutgoingEvent[] {
  const ringing = { ringing_start_time: zoomTime(call.ringingAt) };
  const answer = call.answeredAt ? { answer_start_time: zoomTime(call.answeredAt) } : {};
  const end = { call_end_time: zoomTime(call.endedAt) };
  const callerIsUser = isUser(call.caller);
  const calleeIsUser = isUser(call.callee);
  const events: OutgoingEvent[] = [];
  if (callerIsUser) events.push(realtime(call, 'phone.caller_ringing', 'ringing', ringing));
  if (calleeIsUser) events.push(realtime(call, 'phone.callee_ringing', 'ringing', ringing));
  if (call.outcome === 'answered') {
    if (calleeIsUser) events.push(realtime(call, 'phone.callee_answered', 'answered', { ...ringing, ...answer }));
    if (callerIsUser) events.push(realtime(call, 'phone.caller_connected', 'connected', { ...ringing, connected_start_time: zoomTime(call.answeredAt!) }));
    if (calleeIsUser) events.push(realtime(call, 'phone.callee_ended', 'calleeEnded', { ...ringing, ...answer, ...end }));
  } else if (calleeIsUser) {
    const event = call.outcome === 'rejected' ? 'phone.callee_rejected' : 'phone.callee_missed';
    events.push(realtime(call, event, 'missed', { ...ringing, ...end, handup_result: HANDUP_RESULT[call.outcome] }));
  }
  if (callerIsUser) events.push(realtime(call, 'phone.caller_ended', 'callerEnded', { ...ringing, ...answer, ...end, handup_result: HANDUP_RESULT[call.outcome] }));
  if (call.voicemail) events.push(voicemailReceived(state, call));
  if (call.recording) events.push(recordingCompleted(state, call));
  if (callerIsUser) events.push(...completion(call, 'caller', (call.caller as { user: SimUser }).user));
  if (calleeIsUser) events.push(...completion(call, 'callee', (call.callee as { user: SimUser }).user));
  return events;
}
