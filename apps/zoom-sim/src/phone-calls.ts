import { randomUUID } from 'node:crypto';
import { audioFingerprint, toneWav } from './audio';
import type { SimFile } from './downloads';
import { datedUuid, randomCallId, randomHexId, randomZoomId, zoomLikeId, zoomTime } from './ids';
import type { SimState } from './state';
import { COST_CENTER, DEPARTMENT, DEVICE, SITE, displayName, type SimUser } from './users';
import type { OutgoingEvent } from './webhooks';

export type CallDirection = 'inbound' | 'outbound' | 'internal';
export type CallOutcome = 'answered' | 'missed' | 'voicemail' | 'rejected';

/** One end of a call: a simulated Zoom user, or someone outside the account (`number` null: caller id withheld). */
export type Party = { user: SimUser } | { number: string | null; name: string };

/** What Zoom shows for a caller who withheld their number, where its records require a number. */
export const ANONYMOUS = 'Anonymous';

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

/** A call the user answered and then passed to a colleague, who answered it too: a second path of the same call. */
export interface SimTransfer {
  to: SimUser;
  /** When the user transferred the call (ms): their talk ends, the colleague's phone rings. */
  at: number;
  answeredAt: number;
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
  transfer: SimTransfer | null;
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
  /** An answered inbound call the user transfers to this colleague after `transferAfterSeconds` of talk. */
  transferTo?: SimUser;
  transferAfterSeconds?: number;
}

const RING_SECONDS: Record<CallOutcome, number> = { answered: 9, missed: 29, voicemail: 20, rejected: 5 };
export const HISTORY_RESULT = { answered: 'answered', missed: 'no_answer', voicemail: 'voicemail', rejected: 'rejected' } as const satisfies Record<CallOutcome, string>;
const LEGACY_RESULT: Record<CallOutcome, string> = { answered: 'Call connected', missed: 'No Answer', voicemail: 'Voicemail', rejected: 'Rejected' };
const HANDUP_RESULT: Record<CallOutcome, string> = { answered: 'Call connected', missed: 'No Answer', voicemail: 'Voicemail', rejected: 'Rejected' };
/** How long each queue member's phone rings before the queue moves on. */
const QUEUE_RING_SECONDS = 15;
/** The call queue the simulator's queue calls come through. */
const CALL_QUEUE = { name: 'Sales Queue', extensionNumber: '8001', extensionId: zoomLikeId('extension:sales-queue') };
/** What Zoom's Phone spec requires of a call history item and of a call element; `minimal` records hold only these. */
const REQUIRED_HISTORY_FIELDS = ['id', 'call_id', 'call_path_id', 'result', 'start_time'] as const;
const REQUIRED_ELEMENT_FIELDS = ['call_element_id', 'call_history_uuid', 'call_id', 'result', 'start_time'] as const;
/** How long the colleague's phone rings before they take a transferred call. */
const TRANSFER_RING_SECONDS = 4;
const FULL_RECORDS: RecordShape = { minimal: false, omit: [] };

export const isUser = (party: Party): party is { user: SimUser } => 'user' in party;
/** The party's phone number, or null for a caller who withheld it. */
const partyNumber = (party: Party) => (isUser(party) ? (party.user.phoneNumber ?? '') : party.number);
/** The number where a record must show one: Zoom writes "Anonymous" for a withheld caller id. */
const shownNumber = (party: Party) => partyNumber(party) ?? ANONYMOUS;
const partyName = (party: Party) => (isUser(party) ? displayName(party.user) : party.name);
const digits = (number: string) => Number(number.replace(/\D/g, '')) || 0;

function countryOf(number: string | null): { iso: string; code: string } {
  if (number?.startsWith('+1')) return { iso: 'US', code: '1' };
  if (number?.startsWith('+44')) return { iso: 'GB', code: '44' };
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
  const transferRing = input.transferTo ? TRANSFER_RING_SECONDS : 0;
  const ringingAt = endedAt - (queueRings * QUEUE_RING_SECONDS + ring + transferRing + input.durationSeconds) * 1000;
  const answeredAt = outcome === 'answered' ? ringingAt + (queueRings * QUEUE_RING_SECONDS + ring) * 1000 : null;
  const transferAt = answeredAt === null ? 0 : answeredAt + (input.transferAfterSeconds ?? Math.floor(input.durationSeconds / 2)) * 1000;
  const call: SimCall = {
    callId: randomCallId(),
    accountId: user.accountId,
    caller,
    callee,
    outcome,
    ringingAt,
    answeredAt,
    endedAt,
    talkSeconds,
    legs: new Map(),
    result: input.result ?? null,
    shape: input.shape ?? FULL_RECORDS,
    splitPaths: input.splitPaths ?? false,
    transfer: input.transferTo && answeredAt !== null ? { to: input.transferTo, at: transferAt, answeredAt: transferAt + transferRing * 1000 } : null,
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
  if (call.transfer) call.legs.set(call.transfer.to.id, { logUuid: randomUUID(), ...pathIds(), queueRings: [] });
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

function userPartyFields(user: SimUser) {
  return {
    extension_id: user.extensionId,
    extension_type: 'user' as const,
    user_id: user.id,
    name: displayName(user),
    phone_number: user.phoneNumber ?? '',
    account_code: '',
    extension_number: user.extension ?? 0,
    timezone: user.timezone,
    device_type: DEVICE.type,
    device_name: `${user.firstName} MacBook Pro`,
    device_id: randomZoomId(),
    connection_type: 'voip' as const,
  };
}

/** Zoom names an external party's (empty) user and timezone only in phone.caller_ended. */
function externalPartyFields(party: { number: string | null; name: string }, withEmptyUser: boolean) {
  return {
    extension_id: '',
    extension_type: 'pstn' as const,
    ...(withEmptyUser ? { user_id: '', timezone: '' } : {}),
    name: party.name,
    phone_number: shownNumber(party),
    account_code: '',
    extension_number: digits(party.number ?? ''),
    connection_type: 'pstn_off_net' as const,
  };
}

/**
 * The fields of each party in each real-time event, from Zoom's Phone webhooks spec: the side whose event it is
 * carries its device, the other side only who it is. An external party has no user, timezone or device.
 */
const EVENT_PARTY_KEYS = {
  'phone.caller_ringing': {
    caller: ['extension_id', 'extension_type', 'user_id', 'name', 'phone_number', 'account_code', 'extension_number', 'timezone', 'device_type', 'device_name', 'device_id', 'connection_type'],
    callee: ['extension_id', 'extension_type', 'name', 'phone_number', 'account_code', 'extension_number', 'connection_type'],
  },
  'phone.callee_ringing': {
    caller: ['extension_id', 'extension_type', 'name', 'phone_number', 'account_code', 'extension_number', 'connection_type'],
    callee: ['extension_id', 'extension_type', 'user_id', 'name', 'phone_number', 'account_code', 'extension_number', 'timezone', 'device_type', 'device_name', 'device_id', 'connection_type'],
  },
  'phone.caller_connected': {
    caller: ['extension_id', 'extension_type', 'user_id', 'name', 'phone_number', 'account_code', 'extension_number', 'timezone', 'device_type', 'device_id', 'connection_type'],
    callee: ['extension_id', 'extension_type', 'name', 'phone_number', 'account_code', 'extension_number', 'connection_type'],
  },
  'phone.callee_answered': {
    caller: ['extension_id', 'extension_type', 'name', 'phone_number', 'extension_number', 'connection_type'],
    callee: ['extension_id', 'extension_type', 'user_id', 'name', 'phone_number', 'extension_number', 'timezone', 'device_type', 'device_name', 'device_id', 'connection_type'],
  },
  'phone.callee_missed': {
    caller: ['extension_id', 'extension_type', 'phone_number', 'user_id', 'account_code', 'extension_number', 'timezone', 'connection_type'],
    callee: ['extension_id', 'extension_type', 'user_id', 'phone_number', 'account_code', 'extension_number', 'timezone', 'device_id', 'connection_type'],
  },
  'phone.callee_rejected': {
    caller: ['extension_id', 'extension_type', 'phone_number', 'user_id', 'account_code', 'extension_number', 'timezone', 'connection_type'],
    callee: ['extension_id', 'extension_type', 'user_id', 'phone_number', 'account_code', 'extension_number', 'timezone', 'device_id', 'connection_type'],
  },
  'phone.caller_ended': {
    caller: ['extension_id', 'extension_type', 'phone_number', 'user_id', 'account_code', 'extension_number', 'timezone', 'device_id', 'connection_type'],
    callee: ['extension_id', 'extension_type', 'user_id', 'phone_number', 'account_code', 'extension_number', 'timezone', 'connection_type'],
  },
  'phone.callee_ended': {
    caller: ['extension_id', 'extension_type', 'phone_number', 'user_id', 'extension_number', 'timezone', 'connection_type'],
    callee: ['extension_id', 'extension_type', 'user_id', 'name', 'phone_number', 'extension_number', 'timezone', 'device_name', 'device_id', 'connection_type'],
  },
} as const satisfies Record<string, Record<'caller' | 'callee', ReadonlyArray<keyof ReturnType<typeof userPartyFields>>>>;

type RealtimeEvent = keyof typeof EVENT_PARTY_KEYS;

/** The fields of `source` among `keys`: a party carries those of its event's fields it has. */
function pick<Source extends object, Key extends PropertyKey>(source: Source, keys: readonly Key[]): Pick<Source, Key & keyof Source> {
  // Object.fromEntries forgets which keys it was given; they are those of `keys` that `source` has.
  const present = keys.filter((key): key is Key & keyof Source => key in source);
  return Object.fromEntries(present.map((key) => [key, source[key]])) as Pick<Source, Key & keyof Source>;
}

function eventParty<Key extends PropertyKey>(party: Party, keys: readonly Key[], event: RealtimeEvent) {
  return isUser(party) ? pick(userPartyFields(party.user), keys) : pick(externalPartyFields(party, event === 'phone.caller_ended'), keys);
}

function realtime<Name extends RealtimeEvent, Times extends object>(call: SimCall, event: Name, times: Times) {
  type Keys = (typeof EVENT_PARTY_KEYS)[Name];
  const keys: Keys = EVENT_PARTY_KEYS[event];
  const caller = eventParty<Keys['caller'][number]>(call.caller, keys.caller, event);
  const callee = eventParty<Keys['callee'][number]>(call.callee, keys.callee, event);
  const parties = event.startsWith('phone.callee_') ? { callee, caller } : { caller, callee };
  return { event, payload: { account_id: call.accountId, object: { call_id: call.callId, ...parties, ...times } } };
}

const ringingTimes = (call: SimCall) => ({ ringing_start_time: zoomTime(call.ringingAt) });
const answerTimes = (call: SimCall) => (call.answeredAt ? { answer_start_time: zoomTime(call.answeredAt) } : {});
const endTimes = (call: SimCall) => ({ ...ringingTimes(call), ...answerTimes(call), call_end_time: zoomTime(call.endedAt) });

export const callerRinging = (call: SimCall) => realtime(call, 'phone.caller_ringing', ringingTimes(call));
export const calleeRinging = (call: SimCall) => realtime(call, 'phone.callee_ringing', ringingTimes(call));
export const calleeAnswered = (call: SimCall, answeredAt: number) =>
  realtime(call, 'phone.callee_answered', { ...ringingTimes(call), answer_start_time: zoomTime(answeredAt) });
export const callerConnected = (call: SimCall, answeredAt: number) =>
  realtime(call, 'phone.caller_connected', { ...ringingTimes(call), connected_start_time: zoomTime(answeredAt) });
export const calleeEnded = (call: SimCall) => realtime(call, 'phone.callee_ended', endTimes(call));
const unanswered = (call: SimCall) => ({ ...ringingTimes(call), call_end_time: zoomTime(call.endedAt), handup_result: HANDUP_RESULT[call.outcome] });
export const calleeMissed = (call: SimCall) => realtime(call, 'phone.callee_missed', unanswered(call));
export const calleeRejected = (call: SimCall) => realtime(call, 'phone.callee_rejected', unanswered(call));
export const callerEnded = (call: SimCall) => realtime(call, 'phone.caller_ended', { ...endTimes(call), handup_result: HANDUP_RESULT[call.outcome] });

// ---- Call history (current) and call log (legacy) records, from one user's side. ----

/** `{ name }` as `{ caller_name }`: Zoom's flat records name both parties' fields with a prefix. */
type Prefixed<Prefix extends string, Fields> = { [Key in keyof Fields & string as `${Prefix}_${Key}`]: Fields[Key] };

function prefixed<Prefix extends string, Fields extends object>(prefix: Prefix, fields: Fields): Prefixed<Prefix, Fields> {
  // Object.fromEntries forgets the keys' names; the mapped type says what they became.
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [`${prefix}_${key}`, value])) as Prefixed<Prefix, Fields>;
}

function historyParty<Prefix extends 'caller' | 'callee'>(prefix: Prefix, party: Party) {
  const number = partyNumber(party);
  const country = countryOf(number);
  const user = isUser(party) ? party.user : null;
  return prefixed(prefix, {
    ext_id: user?.extensionId ?? '',
    name: user ? displayName(user) : partyName(party),
    email: user?.email ?? '',
    employee_id: '',
    account_code: '',
    // A withheld caller id has no number at all: Zoom's call history says so with the number type.
    ...(number === null ? {} : { did_number: number }),
    ext_number: user ? String(user.extension ?? '') : '',
    ext_type: user ? ('user' as const) : ('external_contact' as const),
    number_type: user ? ('zoom_pstn' as const) : number === null ? ('anonymous_number' as const) : ('external_pstn' as const),
    device_private_ip: user ? DEVICE.privateIp : '',
    device_public_ip: user ? DEVICE.publicIp : '',
    device_type: user ? DEVICE.type : '',
    country_iso_code: country.iso,
    country_code: country.code,
    site_id: user ? SITE.id : '',
    department: user ? DEPARTMENT : '',
    cost_center: user ? COST_CENTER : '',
  });
}

/** One path of a call as one user's records show it: a queue member's unanswered ring, or the path that reached the user. */
interface PathView {
  ids: PathIds;
  callee: Party;
  startAt: number;
  answeredAt: number | null;
  endAt: number;
  result: string;
  talkSeconds: number;
  waitSeconds: number;
  event: 'ring_to_member' | 'incoming' | 'outgoing' | 'direct_transfer';
  /** A ring of another queue member: the callee is the queue. */
  queueRing: boolean;
  /** Who passed the call on to this path's user, for a transferred call. */
  operator: SimUser | null;
}

function pathsOf(call: SimCall, viewer: SimUser): PathView[] {
  const leg = call.legs.get(viewer.id)!;
  const { transfer } = call;
  if (transfer?.to.id === viewer.id) {
    const operator = (call.callee as { user: SimUser }).user;
    const talkSeconds = Math.round((call.endedAt - transfer.answeredAt) / 1000);
    return [
      { ids: leg, callee: { user: viewer }, startAt: transfer.at, answeredAt: transfer.answeredAt, endAt: call.endedAt, result: 'answered', talkSeconds, waitSeconds: TRANSFER_RING_SECONDS, event: 'direct_transfer', queueRing: false, operator },
    ];
  }
  const outgoing = isUser(call.caller) && call.caller.user.id === viewer.id;
  const rings = leg.queueRings.map((ids, index): PathView => {
    const startAt = call.ringingAt + index * QUEUE_RING_SECONDS * 1000;
    return { ids, callee: call.callee, startAt, answeredAt: null, endAt: startAt + QUEUE_RING_SECONDS * 1000, result: 'no_answer', talkSeconds: 0, waitSeconds: QUEUE_RING_SECONDS, event: 'ring_to_member', queueRing: true, operator: null };
  });
  const transferredAt = transfer && !outgoing ? transfer.at : null;
  const reached: PathView = {
    ids: leg,
    callee: call.callee,
    startAt: call.ringingAt + rings.length * QUEUE_RING_SECONDS * 1000,
    answeredAt: call.answeredAt,
    endAt: transferredAt ?? call.endedAt,
    result: call.result ?? HISTORY_RESULT[call.outcome],
    talkSeconds: transferredAt && call.answeredAt ? Math.round((transferredAt - call.answeredAt) / 1000) : call.talkSeconds,
    waitSeconds: RING_SECONDS[call.outcome],
    event: outgoing ? 'outgoing' : 'incoming',
    queueRing: false,
    operator: null,
  };
  return [...rings, reached];
}

const queueParty = {
  callee_ext_id: CALL_QUEUE.extensionId,
  callee_name: CALL_QUEUE.name,
  callee_email: '',
  callee_did_number: '',
  callee_ext_number: CALL_QUEUE.extensionNumber,
  callee_ext_type: 'call_queue' as const,
};

const noOperator = { operator_ext_number: '', operator_ext_id: '', operator_name: '' };

const operatorFields = (operator: SimUser) => ({
  operator_ext_number: String(operator.extension ?? ''),
  operator_ext_id: operator.extensionId,
  operator_ext_type: 'user' as const,
  operator_name: displayName(operator),
});

function historyFields(call: SimCall, viewer: SimUser, path: PathView) {
  const outgoing = isUser(call.caller) && call.caller.user.id === viewer.id;
  const internal = isUser(call.caller) && isUser(call.callee);
  const recordingId = path.queueRing || path.operator ? null : call.recording?.id;
  const voicemailId = path.queueRing ? null : call.voicemail?.id;
  return {
    call_id: call.callId,
    group_id: '',
    connect_type: internal ? ('internal' as const) : ('external' as const),
    call_type: 'general' as const,
    direction: outgoing ? ('outbound' as const) : ('inbound' as const),
    hide_caller_id: false,
    end_to_end: false,
    ...historyParty('caller', call.caller),
    ...historyParty('callee', path.callee),
    ...(path.queueRing ? queueParty : {}),
    start_time: zoomTime(path.startAt),
    ...(path.answeredAt ? { answer_time: zoomTime(path.answeredAt) } : {}),
    end_time: zoomTime(path.endAt),
    event: path.event,
    result: path.result,
    // Zoom's enums (result_reason, operator_ext_type, recording_type) have no empty value: without a value, Zoom leaves the field out.
    ...(path.operator ? operatorFields(path.operator) : noOperator),
    recording_id: recordingId ?? '',
    ...(recordingId ? { recording_type: 'automatic' as const } : {}),
    voicemail_id: voicemailId ?? '',
    talk_time: path.talkSeconds,
    hold_time: 0,
    wait_time: path.waitSeconds,
  };
}

/**
 * A record as the call's scenario shapes it: every field, only the required ones, or without the omitted ones. Its
 * type is the full record's, the required fields certain: `omit` may drop even those (a scenario of malformed
 * records), which is what such a scenario is for and no type describes.
 */
function shaped<Full extends object, Required extends keyof Full>(call: SimCall, record: Full, required: readonly Required[]): Pick<Full, Required> & Partial<Full> {
  const kept = (key: string) => (!call.shape.minimal || (required as readonly PropertyKey[]).includes(key)) && !call.shape.omit.includes(key);
  return Object.fromEntries(Object.entries(record).filter(([key]) => kept(key))) as Pick<Full, Required> & Partial<Full>;
}

/** How many paths of a call the viewer's records hold: the queue's unanswered rings, then the path that reached them. */
export const callPathCount = (call: SimCall, viewer: SimUser) => pathsOf(call, viewer).length;

/** The viewer's call history items of a call: one per path, in the order the paths happened. */
export function callHistoryRecords(call: SimCall, viewer: SimUser) {
  return pathsOf(call, viewer).map((path) =>
    shaped(call, { id: path.ids.historyId, call_path_id: path.ids.callPathId, ...historyFields(call, viewer, path) }, REQUIRED_HISTORY_FIELDS),
  );
}

/** The viewer's call elements of a call, one per path. */
export function callElements(call: SimCall, viewer: SimUser) {
  return pathsOf(call, viewer).map((path) => shaped(call, { call_element_id: path.ids.elementId, call_history_uuid: path.ids.historyId, ...historyFields(call, viewer, path) }, REQUIRED_ELEMENT_FIELDS));
}

function legacyNumber(party: Party) {
  return isUser(party)
    ? { number: String(party.user.extension ?? ''), type: 1 as const, source: 'internal' as const }
    : { number: shownNumber(party), type: 2 as const, source: 'external' as const };
}

const nobody: Party = { number: '', name: '' };

const legacyPerson = (party: Party) => ({
  extension_number: isUser(party) ? String(party.user.extension ?? '') : '',
  location: '',
  name: isUser(party) ? displayName(party.user) : '',
  number_type: isUser(party) ? 1 : 2,
  phone_number: '',
});

function legacySide<Prefix extends 'caller' | 'callee'>(prefix: Prefix, party: Party) {
  const number = legacyNumber(party);
  const did = partyNumber(party);
  const country = countryOf(did);
  return prefixed(prefix, {
    number: number.number,
    number_type: number.type,
    number_source: number.source,
    name: partyName(party),
    ...(did === null ? {} : { did_number: did }),
    country_code: country.code,
    country_iso_code: country.iso,
  });
}

/** An item of the legacy GET /phone/users/{userId}/call_logs (retired by Zoom during 2026): the path that reached the viewer. */
export function legacyCallLog(call: SimCall, viewer: SimUser) {
  const leg = call.legs.get(viewer.id)!;
  const reached = pathsOf(call, viewer).at(-1)!;
  const outgoing = isUser(call.caller) && call.caller.user.id === viewer.id;
  return {
    id: leg.logUuid,
    user_id: viewer.id,
    call_id: call.callId,
    direction: outgoing ? 'outbound' : 'inbound',
    date_time: zoomTime(reached.startAt),
    answer_start_time: reached.answeredAt ? zoomTime(reached.answeredAt) : '',
    call_end_time: zoomTime(reached.endAt),
    duration: reached.talkSeconds,
    result: LEGACY_RESULT[call.outcome],
    path: isUser(call.caller) && isUser(call.callee) ? 'extension' : 'pstn',
    ...legacySide('caller', call.caller),
    caller_billing_reference_id: '',
    ...legacySide('callee', reached.callee),
    accepted_by: legacyPerson(call.outcome === 'answered' ? reached.callee : nobody),
    outgoing_by: legacyPerson(outgoing ? call.caller : nobody),
    forwarded_by: { ...legacyPerson(reached.operator ? { user: reached.operator } : nobody), extension_type: 'user' as const },
    forwarded_to: legacyPerson(nobody),
    has_recording: Boolean(call.recording),
    has_voicemail: Boolean(call.voicemail),
    ...(call.recording ? { recording_type: 'Automatic' as const } : {}),
    charge: '',
    rate: '',
    client_code: '',
    site: { id: SITE.id, name: SITE.name },
    hold_time: 0,
    waiting_time: reached.waitSeconds,
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

const callerDidNumber = (call: SimCall) => {
  const number = partyNumber(call.caller);
  return number === null ? {} : { caller_did_number: number };
};

/** An item of GET /phone/users/{userId}/voice_mails. */
export function voicemailListItem(state: SimState, call: SimCall) {
  const voicemail = call.voicemail!;
  return {
    id: voicemail.id,
    ...legIds(call, voicemail.owner),
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
    transcription: { content: call.voicemail!.transcript, status: 2 as const, engine: 'Zoom' },
    intent_detect_status: 'not_started' as const,
    intent_results: [],
    voice_mail_task: { status: 'no_task' as const, content: '', feedback: 'none' as const },
  };
}

export function voicemailReceived(state: SimState, call: SimCall) {
  const voicemail = call.voicemail!;
  const callerUser = isUser(call.caller) ? call.caller.user : null;
  const parties = voicemailParties(call);
  return {
    event: 'phone.voicemail_received' as const,
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
        ...callerDidNumber(call),
        callee_user_id: voicemail.owner.id,
        callee_account_code: '',
        callee_number: parties.callee_number,
        callee_number_type: parties.callee_number_type,
        callee_name: parties.callee_name,
        callee_did_number: shownNumber(call.callee),
        callee_extension_type: 'user' as const,
        callee_id: voicemail.owner.id,
        ...legIds(call, voicemail.owner),
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
    ...legIds(call, recording.owner),
    ...voicemailParties(call),
    outgoing_by: extensionOf(outgoing ? call.caller : nobody),
    accepted_by: extensionOf(outgoing ? nobody : call.callee),
    date_time: zoomTime(call.answeredAt!),
    direction: outgoing ? ('outbound' as const) : ('inbound' as const),
    duration: call.talkSeconds,
    download_url: phoneRecordingDownloadUrl(state, recording.file),
    transcript_download_url: `${state.publicUrl}/v2/phone/recording_transcript/download/${recording.id}`,
    meeting_uuid: '',
    caller_account_code: '',
    callee_account_code: '',
  };
}

export function recordingCompleted(state: SimState, call: SimCall) {
  const recording = call.recording!;
  const item = phoneRecordingListItem(state, call);
  return {
    event: 'phone.recording_completed' as const,
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
            ...callerDidNumber(call),
            callee_account_code: '',
            callee_number: item.callee_number,
            callee_number_type: item.callee_number_type,
            callee_name: item.callee_name,
            callee_did_number: shownNumber(call.callee),
            duration: call.talkSeconds,
            download_url: item.download_url,
            date_time: item.date_time,
            user_id: recording.owner.id,
            ...legIds(call, recording.owner),
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

type Side = 'caller' | 'callee';

const completedObject = <List extends object>(call: SimCall, user: SimUser, list: List) => ({ account_id: call.accountId, object: { user_id: user.id, ...list } });

export const callElementCompleted = <S extends Side>(call: SimCall, side: S, user: SimUser, elements: ReturnType<typeof callElements>) => ({
  event: `phone.${side}_call_element_completed` as const,
  payload: completedObject(call, user, { call_elements: elements }),
});

export const callHistoryCompleted = <S extends Side>(call: SimCall, side: S, user: SimUser, records: ReturnType<typeof callHistoryRecords>) => ({
  event: `phone.${side}_call_history_completed` as const,
  payload: completedObject(call, user, { call_logs: records }),
});

function completion(call: SimCall, side: Side, user: SimUser): OutgoingEvent[] {
  const inEvents = <T>(items: T[]) => (call.splitPaths ? items.map((item) => [item]) : [items]);
  return [
    ...inEvents(callElements(call, user)).map((elements) => callElementCompleted(call, side, user, elements)),
    ...inEvents(callHistoryRecords(call, user)).map((records) => callHistoryCompleted(call, side, user, records)),
  ];
}

export function callEvents(state: SimState, call: SimCall): OutgoingEvent[] {
  const callerIsUser = isUser(call.caller);
  const calleeIsUser = isUser(call.callee);
  const events: OutgoingEvent[] = [];
  if (callerIsUser) events.push(callerRinging(call));
  if (calleeIsUser) events.push(calleeRinging(call));
  if (call.answeredAt) {
    if (calleeIsUser) events.push(calleeAnswered(call, call.answeredAt));
    if (callerIsUser) events.push(callerConnected(call, call.answeredAt));
    if (calleeIsUser) events.push(calleeEnded(call));
  } else if (calleeIsUser) {
    events.push(call.outcome === 'rejected' ? calleeRejected(call) : calleeMissed(call));
  }
  if (callerIsUser) events.push(callerEnded(call));
  if (call.voicemail) events.push(voicemailReceived(state, call));
  if (call.recording) events.push(recordingCompleted(state, call));
  if (callerIsUser) events.push(...completion(call, 'caller', (call.caller as { user: SimUser }).user));
  if (calleeIsUser) events.push(...completion(call, 'callee', (call.callee as { user: SimUser }).user));
  if (call.transfer) events.push(...completion(call, 'callee', call.transfer.to));
  return events;
}
