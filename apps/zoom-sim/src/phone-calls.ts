import { randomUUID } from 'node:crypto';
import { audioFingerprint, toneWav } from './audio';
import type { SimFile } from './downloads';
import { datedUuid, randomCallId, randomHexId, randomZoomId, zoomLikeId, zoomTime } from './ids';
import type { SimState } from './state';
import { COST_CENTER, DEPARTMENT, DEVICE, SITE, displayName, type SimUser } from './users';
import type { OutgoingEvent } from './webhooks';

export type CallDirection = 'inbound' | 'outbound' | 'internal';
export type CallOutcome = 'answered' | 'missed' | 'voicemail' | 'rejected';

/** One end of a call: a simulated Zoom user, or someone outside the account. */
export type Party = { user: SimUser } | { number: string; name: string };

/** Ids Zoom gives one path of a call in one user's records: its call history item, path and call element. */
interface PathIds {
  historyId: string;
  callPathId: string;
  elementId: string;
}

/** Ids of one user's records of a call: the legacy call log, the path that reached the user, and the queue's rings before it. */
interface UserLeg extends PathIds {
  logUuid: string;
  queueRings: PathIds[];
}

/** How the call history records of a call are written: as Zoom's full records, or only the spec's required fields, or with fields left out. */
export interface RecordShape {
  minimal: boolean;
  omit: string[];
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
  /** Zoom's `result` for the user's path when the scenario names one (any string: Zoom may add values). */
  result: string | null;
  shape: RecordShape;
  /** Each path in call history and call element events of its own, rather than all paths in one. */
  splitPaths: boolean;
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
  /** Members of a call queue whose phones rang unanswered before the call reached the user: a path each. */
  queueRings?: number;
  result?: string | null;
  shape?: RecordShape;
  splitPaths?: boolean;
}

const RING_SECONDS: Record<CallOutcome, number> = { answered: 9, missed: 29, voicemail: 20, rejected: 5 };
const HISTORY_RESULT: Record<CallOutcome, string> = { answered: 'answered', missed: 'no_answer', voicemail: 'voicemail', rejected: 'rejected' };
const LEGACY_RESULT: Record<CallOutcome, string> = { answered: 'Call connected', missed: 'No Answer', voicemail: 'Voicemail', rejected: 'Rejected' };
const HANDUP_RESULT: Record<CallOutcome, string> = { answered: 'Call connected', missed: 'No Answer', voicemail: 'Voicemail', rejected: 'Rejected' };
/** How long each queue member's phone rings before the queue moves on. */
const QUEUE_RING_SECONDS = 15;
/** The call queue the simulator's queue calls come through. */
const CALL_QUEUE = { name: 'Sales Queue', extensionNumber: '8001', extensionId: zoomLikeId('extension:sales-queue') };
/** What Zoom's Phone spec requires of a call history item and of a call element; `minimal` records hold only these. */
const REQUIRED_HISTORY_FIELDS = ['id', 'call_id', 'call_path_id', 'result', 'start_time'];
const REQUIRED_ELEMENT_FIELDS = ['call_element_id', 'call_history_uuid', 'call_id', 'result', 'start_time'];
const FULL_RECORDS: RecordShape = { minimal: false, omit: [] };

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
  const queueRings = input.queueRings ?? 0;
  const ringingAt = endedAt - (queueRings * QUEUE_RING_SECONDS + ring + input.durationSeconds) * 1000;
  const call: SimCall = {
    callId: randomCallId(),
    accountId: user.accountId,
    caller,
    callee,
    outcome,
    ringingAt,
    answeredAt: outcome === 'answered' ? ringingAt + (queueRings * QUEUE_RING_SECONDS + ring) * 1000 : null,
    endedAt,
    talkSeconds,
    legs: new Map(),
    result: input.result ?? null,
    shape: input.shape ?? FULL_RECORDS,
    splitPaths: input.splitPaths ?? false,
    recording: null,
    voicemail: null,
  };
  const pathIds = (): PathIds => {
    const uuid = randomUUID();
    return { historyId: datedUuid(ringingAt, uuid), callPathId: datedUuid(ringingAt), elementId: datedUuid(ringingAt) };
  };
  for (const party of [caller, callee]) {
    if (!isUser(party)) continue;
    // The queue rang its other members before the user: those rings are on the record of the user it reached.
    const rangThroughQueue = party === callee ? queueRings : 0;
    call.legs.set(party.user.id, { logUuid: randomUUID(), ...pathIds(), queueRings: Array.from({ length: rangThroughQueue }, pathIds) });
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

/** One path of a call as one user's records show it: a queue member's unanswered ring, or the path that reached the user. */
interface PathView {
  ids: PathIds;
  startAt: number;
  answeredAt: number | null;
  endAt: number;
  result: string;
  talkSeconds: number;
  waitSeconds: number;
  event: string;
  /** A ring of another queue member: the callee is the queue. */
  queueRing: boolean;
}

function pathsOf(call: SimCall, viewer: SimUser): PathView[] {
  const leg = call.legs.get(viewer.id)!;
  const outgoing = isUser(call.caller) && call.caller.user.id === viewer.id;
  const rings = leg.queueRings.map((ids, index): PathView => {
    const startAt = call.ringingAt + index * QUEUE_RING_SECONDS * 1000;
    return { ids, startAt, answeredAt: null, endAt: startAt + QUEUE_RING_SECONDS * 1000, result: 'no_answer', talkSeconds: 0, waitSeconds: QUEUE_RING_SECONDS, event: 'ring_to_member', queueRing: true };
  });
  const reached: PathView = {
    ids: leg,
    startAt: call.ringingAt + rings.length * QUEUE_RING_SECONDS * 1000,
    answeredAt: call.answeredAt,
    endAt: call.endedAt,
    result: call.result ?? HISTORY_RESULT[call.outcome],
    talkSeconds: call.talkSeconds,
    waitSeconds: RING_SECONDS[call.outcome],
    event: outgoing ? 'outgoing' : 'incoming',
    queueRing: false,
  };
  return [...rings, reached];
}

const queueParty = {
  callee_ext_id: CALL_QUEUE.extensionId,
  callee_name: CALL_QUEUE.name,
  callee_email: '',
  callee_did_number: '',
  callee_ext_number: CALL_QUEUE.extensionNumber,
  callee_ext_type: 'call_queue',
};

function historyFields(call: SimCall, viewer: SimUser, path: PathView): Record<string, unknown> {
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
    ...(path.queueRing ? queueParty : {}),
    start_time: zoomTime(path.startAt),
    ...(path.answeredAt ? { answer_time: zoomTime(path.answeredAt) } : {}),
    end_time: zoomTime(path.endAt),
    event: path.event,
    result: path.result,
    result_reason: '',
    operator_ext_number: '',
    operator_ext_id: '',
    operator_ext_type: '',
    operator_name: '',
    recording_id: path.queueRing ? '' : (call.recording?.id ?? ''),
    recording_type: call.recording && !path.queueRing ? 'automatic' : '',
    voicemail_id: path.queueRing ? '' : (call.voicemail?.id ?? ''),
    talk_time: path.talkSeconds,
    hold_time: 0,
    wait_time: path.waitSeconds,
  };
}

/** A record as the call's scenario shapes it: every field, only the required ones, or without the omitted ones. */
function shaped(call: SimCall, record: Record<string, unknown>, required: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => (!call.shape.minimal || required.includes(key)) && !call.shape.omit.includes(key)));
}

/** How many paths of a call the viewer's records hold: the queue's unanswered rings, then the path that reached them. */
export const callPathCount = (call: SimCall, viewer: SimUser) => call.legs.get(viewer.id)!.queueRings.length + 1;

/** The viewer's call history items of a call: one per path, in the order the paths happened. */
export function callHistoryRecords(call: SimCall, viewer: SimUser) {
  return pathsOf(call, viewer).map((path) => shaped(call, { id: path.ids.historyId, call_path_id: path.ids.callPathId, ...historyFields(call, viewer, path) }, REQUIRED_HISTORY_FIELDS));
}

/** The viewer's call elements of a call, one per path. */
export function callElements(call: SimCall, viewer: SimUser) {
  return pathsOf(call, viewer).map((path) => shaped(call, { call_element_id: path.ids.elementId, call_history_uuid: path.ids.historyId, ...historyFields(call, viewer, path) }, REQUIRED_ELEMENT_FIELDS));
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
  const inEvents = <T>(items: T[]) => (call.splitPaths ? items.map((item) => [item]) : [items]);
  const elements = inEvents(callElements(call, user));
  const records = inEvents(callHistoryRecords(call, user));
  const object = (list: Record<string, unknown>) => ({ account_id: call.accountId, object: { user_id: user.id, ...list } });
  return [
    ...elements.map((callElements) => ({ event: `phone.${side}_call_element_completed`, payload: object({ call_elements: callElements }) })),
    ...records.map((callLogs) => ({ event: `phone.${side}_call_history_completed`, payload: object({ call_logs: callLogs }) })),
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
