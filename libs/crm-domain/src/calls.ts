import type { ZoomCallElement, ZoomCallHistoryRecord, ZoomCallHistoryResult, ZoomLegacyCallLog, ZoomPhoneRecording, ZoomVoicemail } from '@switchboard/zoom';
import { ActivityDirection, CallResult } from './enums';

/**
 * One call as the connected user saw it, whichever Zoom event or list described it: a call history record, a
 * legacy call log, a phone recording or a voicemail. Every path maps its Zoom shape onto these facts, so a call
 * reads the same on the timeline however it arrived.
 */
export interface CallFacts {
  callId: string;
  direction: ActivityDirection;
  result: CallResult;
  startedAt: Date;
  /** Null when Zoom did not say (a recording or a voicemail without a duration). */
  durationSeconds: number | null;
  /** The other end as Zoom wrote it (E.164, an extension, "Anonymous", a national number...). */
  counterpartRaw: string | null;
  counterpartName: string | null;
  callHistoryId: string | null;
}

/** Which kind of Zoom record described a path: the call history (v2), a call element (v3) or the legacy call log. */
export type CallRecordSource = 'history' | 'element' | 'legacy';

/**
 * One path (leg) of a call as one Zoom record described it. A call queue ringing its members, a transfer or a
 * forward to voicemail gives a call several paths, each a record of its own with the call's `call_id`.
 */
export interface CallPathFacts extends CallFacts {
  source: CallRecordSource;
  /** Zoom's id of the path: `call_path_id` in the call history, `call_element_id` of an element, a legacy log's `id`. */
  pathId: string;
  /** Zoom's `result` when it is none of the values we know: the path reads UNKNOWN and the caller logs the value. */
  unrecognisedResult?: string;
}

/** What identifies the connected user at either end of a Zoom call record; any of it may be unknown. */
export interface CallOwner {
  extensionId?: string | null;
  extensionNumber?: string | null;
  phoneNumber?: string | null;
  email?: string | null;
}

/** A voicemail's facts: those of the call it was left on, which Zoom does not always name. */
export interface VoicemailFacts extends Omit<CallFacts, 'callId'> {
  voicemailId: string;
  callId: string | null;
}

/** Zoom describes both ends of a call, as its caller and its callee. */
export type CallSide = 'caller' | 'callee';

/** The activity of a call: one per connected Zoom user and Zoom call id, whichever event or list came first. */
export const callActivityKey = (zoomUserId: string, callId: string) => `call:${zoomUserId}:${callId}`;

/** A voicemail joins its call's activity; one Zoom left without a call id has an activity of its own. */
export const voicemailActivityKey = (zoomUserId: string, voicemail: Pick<VoicemailFacts, 'voicemailId' | 'callId'>) =>
  voicemail.callId ? callActivityKey(zoomUserId, voicemail.callId) : `voicemail:${voicemail.voicemailId}`;

/** Which end is the connected user's and which the other's, by Zoom's direction: the user placed an outbound call. */
export function callSides(direction: string | null | undefined): { user: CallSide; counterpart: CallSide } {
  return direction === 'outbound' ? { user: 'caller', counterpart: 'callee' } : { user: 'callee', counterpart: 'caller' };
}

/** The activity's direction: a call with another user of the Zoom account is internal either way. */
export function callDirection(direction: string | null | undefined, internal = false): ActivityDirection {
  if (internal) return ActivityDirection.INTERNAL;
  return direction === 'outbound' ? ActivityDirection.OUTBOUND : ActivityDirection.INBOUND;
}

/**
 * What each of the 20 `result` values of Zoom's Phone spec says about a path (the mapping is ours; Zoom defines only
 * the values). `unanswered` reads MISSED on a call the user received and CANCELLED on one they placed; `hung_up`
 * the same, unless the path was answered before the hang-up.
 */
const HISTORY_RESULTS: Record<ZoomCallHistoryResult, CallResult | 'unanswered' | 'hung_up'> = {
  answered: CallResult.ANSWERED,
  accepted: CallResult.ANSWERED,
  picked_up: CallResult.ANSWERED,
  connected: CallResult.ANSWERED,
  succeeded: CallResult.ANSWERED,
  voicemail: CallResult.VOICEMAIL,
  no_answer: 'unanswered',
  ring_timeout: 'unanswered',
  abandoned: 'unanswered',
  overflowed: 'unanswered',
  hang_up: 'hung_up',
  canceled: 'hung_up',
  rejected: CallResult.REJECTED,
  busy: CallResult.BUSY,
  // Zoom could not put these through at all: nobody was rung, so they are not missed, and they are not unknown.
  call_failed: CallResult.FAILED,
  unconnected: CallResult.FAILED,
  invalid_key: CallResult.FAILED,
  invalid_operation: CallResult.FAILED,
  system_blocked: CallResult.FAILED,
  service_unavailable: CallResult.FAILED,
};
const HISTORY_RESULT_BY_VALUE = new Map<string, CallResult | 'unanswered' | 'hung_up'>(Object.entries(HISTORY_RESULTS));

/** A path's result from Zoom's `result`; a value outside the spec's enum is UNKNOWN and named for the caller's log. */
function historyResult(zoomResult: string, placedByUser: boolean, answered: boolean): Pick<CallPathFacts, 'result' | 'unrecognisedResult'> {
  const meaning = HISTORY_RESULT_BY_VALUE.get(zoomResult.trim().toLowerCase());
  if (meaning === undefined) return { result: CallResult.UNKNOWN, unrecognisedResult: zoomResult };
  if (meaning === 'hung_up' && answered) return { result: CallResult.ANSWERED };
  if (meaning === 'unanswered' || meaning === 'hung_up') return { result: placedByUser ? CallResult.CANCELLED : CallResult.MISSED };
  return { result: meaning };
}

const LEGACY_RESULTS: Record<string, CallResult> = {
  'call connected': CallResult.ANSWERED,
  'no answer': CallResult.MISSED,
  missed: CallResult.MISSED,
  voicemail: CallResult.VOICEMAIL,
  rejected: CallResult.REJECTED,
  busy: CallResult.BUSY,
  'call cancel': CallResult.CANCELLED,
  'call canceled': CallResult.CANCELLED,
};

const nonEmpty = (value: string | null | undefined) => (value && value.trim() ? value.trim() : null);

function validDate(value: string | null | undefined): Date | null {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/** The caller_* and callee_* fields Zoom's call records have, each record kind its own subset. */
type SideFields = Partial<Record<`${CallSide}_${'did_number' | 'number' | 'ext_number' | 'ext_id' | 'ext_type' | 'email' | 'name'}`, string | null>>;

const digitsOf = (value: string | null | undefined) => (value ?? '').replace(/\D/g, '') || null;
const sameValue = (a: string | null | undefined, b: string | null | undefined) => Boolean(a && b && a === b);

/** Whether one end of a record is the owner's: their extension id or number, direct number or email. */
function isOwnerSide(record: SideFields, side: CallSide, owner: CallOwner): boolean {
  return (
    sameValue(nonEmpty(record[`${side}_ext_id`]), nonEmpty(owner.extensionId)) ||
    sameValue(nonEmpty(record[`${side}_ext_number`]), nonEmpty(owner.extensionNumber)) ||
    sameValue(digitsOf(record[`${side}_did_number`]), digitsOf(owner.phoneNumber)) ||
    sameValue(nonEmpty(record[`${side}_email`])?.toLowerCase(), nonEmpty(owner.email)?.toLowerCase())
  );
}

/**
 * Zoom's `direction` of a record (relative to the user it belongs to) or, when Zoom left it out, which end the
 * user is: the caller of a call they placed. A record where neither end, or both, is recognisably theirs reads
 * inbound, as the records of calls that reached a user through a queue or a forward do.
 */
export function recordDirection(record: SideFields & { direction?: string | null }, owner: CallOwner): 'inbound' | 'outbound' {
  const given = nonEmpty(record.direction)?.toLowerCase();
  if (given === 'inbound' || given === 'outbound') return given;
  return isOwnerSide(record, 'caller', owner) && !isOwnerSide(record, 'callee', owner) ? 'outbound' : 'inbound';
}

/**
 * Extension kinds Zoom gives a party from outside the account: `external_contact` in call records, `pstn` in
 * real-time events, and the other vendors' contact centres (`five9`, `twilio`) real-time events name.
 */
const OUTSIDE_EXTENSION_TYPES = new Set(['external_contact', 'pstn', 'five9', 'twilio']);

/** Whether an extension kind is one of the account's (a user, a queue, a common-area phone...); an outsider may have none. */
function isAccountExtensionType(type: string | null | undefined): boolean {
  const kind = nonEmpty(type)?.toLowerCase();
  return kind !== undefined && kind !== null && !OUTSIDE_EXTENSION_TYPES.has(kind);
}

/**
 * Both ends on the Zoom account: Zoom says so (`connect_type`), or, when it does not, both ends are its extensions;
 * a caller from outside has no extension type.
 */
function isInternalRecord(record: SideFields & { connect_type?: string | null }): boolean {
  const connectType = nonEmpty(record.connect_type)?.toLowerCase();
  if (connectType) return connectType === 'internal';
  return isAccountExtensionType(record.caller_ext_type) && isAccountExtensionType(record.callee_ext_type);
}

/** One end of a real-time call event (phone.*_ringing, *_answered, *_ended...), as far as telling colleagues from outsiders goes. */
export interface RealtimeCallParty {
  extension_id?: string | null;
  extension_type?: string | null;
  extension_number?: number | string | null;
  phone_number?: string | null;
  connection_type?: string | null;
}

/**
 * Whether an end of a real-time call event is one of the account's extensions, by the fields those events carry
 * (they name no user id for the other end). An extension kind of the account's is not enough: Zoom's own
 * `phone.caller_ringing` example gives an outside number `extension_type: "user"`, `connection_type: "pstn_off_net"`
 * and the number's digits as its `extension_number`. So the party must also not be reached over the public phone
 * network, and have an extension id or an extension number that is not its phone number.
 */
export function isAccountExtensionParty(party: RealtimeCallParty): boolean {
  if (!isAccountExtensionType(party.extension_type)) return false;
  if (nonEmpty(party.connection_type)?.toLowerCase() === 'pstn_off_net') return false;
  const extensionNumber = digitsOf(String(party.extension_number ?? ''));
  return nonEmpty(party.extension_id) !== null || (extensionNumber !== null && extensionNumber !== digitsOf(party.phone_number));
}

/** One end of a record: its direct number, else `fallback` (the extension or the number as dialled), and its name. */
function counterpartOf(record: SideFields, side: CallSide, fallback: 'number' | 'ext_number'): Pick<CallFacts, 'counterpartRaw' | 'counterpartName'> {
  return {
    counterpartRaw: nonEmpty(record[`${side}_did_number`]) ?? nonEmpty(record[`${side}_${fallback}`]),
    counterpartName: nonEmpty(record[`${side}_name`]),
  };
}

/** A path from the fields call history records and call elements share, from the side of `owner`, the user the record belongs to. */
function pathFromRecord(record: ZoomCallHistoryRecord | ZoomCallElement, owner: CallOwner, ids: Pick<CallPathFacts, 'source' | 'pathId' | 'callHistoryId'>): CallPathFacts | null {
  const startedAt = validDate(record.start_time);
  if (!startedAt) return null;
  const answeredAt = validDate(record.answer_time);
  const endedAt = validDate(record.end_time);
  const talkTime = Math.max(0, record.talk_time ?? (answeredAt && endedAt ? Math.round((endedAt.getTime() - answeredAt.getTime()) / 1000) : 0));
  const direction = recordDirection(record, owner);
  return {
    ...ids,
    callId: record.call_id,
    direction: callDirection(direction, isInternalRecord(record)),
    ...historyResult(record.result, direction === 'outbound', Boolean(answeredAt) || talkTime > 0),
    startedAt,
    durationSeconds: talkTime,
    ...counterpartOf(record, callSides(direction).counterpart, 'ext_number'),
  };
}

/** A path of a call history record (v2: the REST list and `*_call_history_completed`); null without a usable start time. */
export const callPathFromHistory = (record: ZoomCallHistoryRecord, owner: CallOwner): CallPathFacts | null =>
  pathFromRecord(record, owner, { source: 'history', pathId: record.call_path_id, callHistoryId: record.id });

/** A call element (v3, `*_call_element_completed`): the same path under other ids. */
export const callPathFromElement = (element: ZoomCallElement, owner: CallOwner): CallPathFacts | null =>
  pathFromRecord(element, owner, { source: 'element', pathId: element.call_element_id, callHistoryId: element.call_history_uuid });

/** A legacy call log (retired by Zoom during 2026, still accepted), mapped onto the same facts: one path per log. */
export function callPathFromLegacyLog(log: ZoomLegacyCallLog): CallPathFacts | null {
  const startedAt = validDate(log.date_time);
  if (!startedAt || !log.call_id) return null;
  const internal = Number(log.caller_number_type) === 1 && Number(log.callee_number_type) === 1;
  const result = LEGACY_RESULTS[(log.result ?? '').toLowerCase()];
  return {
    source: 'legacy',
    pathId: log.id,
    callId: log.call_id,
    direction: callDirection(log.direction, internal),
    result: result ?? CallResult.UNKNOWN,
    ...(result ? {} : { unrecognisedResult: log.result ?? '' }),
    startedAt,
    durationSeconds: Math.max(0, log.duration ?? 0),
    ...counterpartOf(log, callSides(log.direction).counterpart, 'number'),
    callHistoryId: null,
  };
}

/** Outcomes from best to worst: a call reads as its best path did (a queue call answered on its third ring was answered). */
const RESULT_PREFERENCE: CallResult[] = [
  CallResult.ANSWERED,
  CallResult.VOICEMAIL,
  CallResult.MISSED,
  CallResult.CANCELLED,
  CallResult.REJECTED,
  CallResult.BUSY,
  CallResult.FAILED,
  CallResult.UNKNOWN,
];
/**
 * The record kinds describe the same paths under different ids: a call is read from one kind, never from several
 * summed; the call history first (Zoom's primary record of a finished call), then call elements, then the legacy log.
 */
const SOURCE_PREFERENCE: CallRecordSource[] = ['history', 'element', 'legacy'];

const byStartThenPath = (a: CallPathFacts, b: CallPathFacts) =>
  a.startedAt.getTime() - b.startedAt.getTime() || (a.pathId < b.pathId ? -1 : a.pathId > b.pathId ? 1 : 0);

/**
 * One call from all the paths Zoom recorded of it, whatever order they came in: the best outcome of any path
 * (answered over voicemail over missed...), the talk time of all of them, the earliest start; who called whom as
 * the first path has it (a later path rings a queue member or a transfer target, not the other party).
 */
export function mergeCallPaths(paths: readonly CallPathFacts[]): CallFacts {
  const source = SOURCE_PREFERENCE.find((kind) => paths.some((path) => path.source === kind));
  const chosen = paths.filter((path) => path.source === source).sort(byStartThenPath);
  if (chosen.length === 0) throw new Error('mergeCallPaths: a call needs at least one path');
  const [first] = chosen;
  const best = chosen.reduce((winner, path) => (RESULT_PREFERENCE.indexOf(path.result) < RESULT_PREFERENCE.indexOf(winner.result) ? path : winner));
  const durations = chosen.flatMap((path) => (path.durationSeconds === null ? [] : [path.durationSeconds]));
  const withCounterpart = chosen.find((path) => path.counterpartRaw) ?? first;
  return {
    callId: first.callId,
    direction: first.direction,
    result: best.result,
    startedAt: first.startedAt,
    durationSeconds: durations.length > 0 ? durations.reduce((total, seconds) => total + seconds, 0) : null,
    counterpartRaw: withCounterpart.counterpartRaw,
    counterpartName: withCounterpart.counterpartName,
    callHistoryId: first.callHistoryId,
  };
}

/**
 * The call a phone recording (`phone.recording_completed`) was made of: answered, since it was recorded. It may
 * arrive before the call's own record, which later completes the same activity. Null without a call id.
 */
export function callFactsFromRecording(recording: ZoomPhoneRecording): CallFacts | null {
  if (!recording.call_id) return null;
  return {
    callId: recording.call_id,
    direction: callDirection(recording.direction),
    result: CallResult.ANSWERED,
    startedAt: validDate(recording.date_time) ?? new Date(),
    durationSeconds: recording.duration ?? null,
    ...counterpartOf(recording, callSides(recording.direction).counterpart, 'number'),
    callHistoryId: null,
  };
}

/** A voicemail (`phone.voicemail_received`, or listed by a backfill): an inbound call that went to voicemail. */
export function voicemailFacts(voicemail: ZoomVoicemail): VoicemailFacts {
  return {
    voicemailId: voicemail.id,
    callId: voicemail.call_id || null,
    direction: ActivityDirection.INBOUND,
    result: CallResult.VOICEMAIL,
    startedAt: validDate(voicemail.date_time) ?? new Date(),
    durationSeconds: voicemail.duration ?? null,
    ...counterpartOf(voicemail, callSides('inbound').counterpart, 'number'),
    callHistoryId: null,
  };
}

const DIRECTION_WORDS: Record<ActivityDirection, string> = { INBOUND: 'from', OUTBOUND: 'to', INTERNAL: 'with' };
const RESULT_WORDS: Record<CallResult, string> = {
  ANSWERED: 'Call',
  MISSED: 'Missed call',
  VOICEMAIL: 'Voicemail call',
  REJECTED: 'Declined call',
  BUSY: 'Busy call',
  CANCELLED: 'Cancelled call',
  FAILED: 'Failed call',
  UNKNOWN: 'Call',
};

/**
 * Who the other end was, as the timeline names them: the contact's name when the number is a contact's (Zoom's
 * caller ID name is the carrier's, "WIRELESS CALLER"); else Zoom's name and the number, or "an unknown number".
 */
function counterpartWords(zoomName: string | null, displayNumber: string | null, contactName: string | null): string {
  if (contactName) return contactName;
  const who = [zoomName, displayNumber && displayNumber !== zoomName ? `(${displayNumber})` : null].filter(Boolean).join(' ');
  return who || 'an unknown number';
}

/** The timeline's one-line summary, e.g. "Missed call from Jordan Lee", or "Missed call from WIRELESS CALLER (+14155550118)" from no contact. */
export function callSummary(facts: Pick<CallFacts, 'result' | 'direction' | 'counterpartName'>, displayNumber: string | null, contactName: string | null = null): string {
  return `${RESULT_WORDS[facts.result]} ${DIRECTION_WORDS[facts.direction]} ${counterpartWords(facts.counterpartName, displayNumber, contactName)}`;
}

/** A voicemail's line on the timeline, e.g. "Voicemail from Jordan Lee". */
export function voicemailSummary(facts: Pick<VoicemailFacts, 'counterpartName'>, displayNumber: string | null, contactName: string | null = null): string {
  return `Voicemail from ${counterpartWords(facts.counterpartName, displayNumber, contactName)}`;
}

/**
 * A call that went to voicemail with nobody talking: its record's talk time (0) says nothing, and the length worth
 * showing is the voicemail's, which only the voicemail knows. Such a record leaves the activity's duration alone.
 */
export const lengthIsTheVoicemails = (facts: Pick<CallFacts, 'result' | 'durationSeconds'>) => facts.result === CallResult.VOICEMAIL && !facts.durationSeconds;
