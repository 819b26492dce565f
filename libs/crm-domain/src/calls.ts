import type { ZoomCallHistoryRecord, ZoomLegacyCallLog, ZoomPhoneRecording, ZoomVoicemail } from '@switchboard/zoom';
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

const HISTORY_RESULTS: Record<string, CallResult> = {
  answered: CallResult.ANSWERED,
  connected: CallResult.ANSWERED,
  no_answer: CallResult.MISSED,
  missed: CallResult.MISSED,
  voicemail: CallResult.VOICEMAIL,
  rejected: CallResult.REJECTED,
  declined: CallResult.REJECTED,
  busy: CallResult.BUSY,
  hang_up: CallResult.CANCELLED,
  cancelled: CallResult.CANCELLED,
  canceled: CallResult.CANCELLED,
};

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
type SideFields = Partial<Record<`${CallSide}_${'did_number' | 'number' | 'ext_number' | 'name'}`, string | null>>;

/** One end of a record: its direct number, else `fallback` (the extension or the number as dialled), and its name. */
function counterpartOf(record: SideFields, side: CallSide, fallback: 'number' | 'ext_number'): Pick<CallFacts, 'counterpartRaw' | 'counterpartName'> {
  return {
    counterpartRaw: nonEmpty(record[`${side}_did_number`]) ?? nonEmpty(record[`${side}_${fallback}`]),
    counterpartName: nonEmpty(record[`${side}_name`]),
  };
}

/** A call history record (current API and `*_call_history_completed`), from the side of the user it belongs to. */
export function callFactsFromHistory(record: ZoomCallHistoryRecord): CallFacts | null {
  const startedAt = validDate(record.start_time);
  if (!startedAt) return null;
  const answeredAt = validDate(record.answer_time);
  const endedAt = validDate(record.end_time);
  const talkTime = record.talk_time ?? (answeredAt && endedAt ? Math.round((endedAt.getTime() - answeredAt.getTime()) / 1000) : 0);
  return {
    callId: record.call_id,
    direction: callDirection(record.direction, record.connect_type === 'internal'),
    result: HISTORY_RESULTS[(record.result ?? '').toLowerCase()] ?? (answeredAt ? CallResult.ANSWERED : CallResult.UNKNOWN),
    startedAt,
    durationSeconds: Math.max(0, talkTime),
    ...counterpartOf(record, callSides(record.direction).counterpart, 'ext_number'),
    callHistoryId: nonEmpty(record.call_history_uuid) ?? record.id,
  };
}

/** A legacy call log (retired by Zoom during 2026, still accepted), mapped onto the same facts. */
export function callFactsFromLegacyLog(log: ZoomLegacyCallLog): CallFacts | null {
  const startedAt = validDate(log.date_time);
  if (!startedAt || !log.call_id) return null;
  const internal = Number(log.caller_number_type) === 1 && Number(log.callee_number_type) === 1;
  return {
    callId: log.call_id,
    direction: callDirection(log.direction, internal),
    result: LEGACY_RESULTS[(log.result ?? '').toLowerCase()] ?? CallResult.UNKNOWN,
    startedAt,
    durationSeconds: Math.max(0, log.duration ?? 0),
    ...counterpartOf(log, callSides(log.direction).counterpart, 'number'),
    callHistoryId: null,
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
  UNKNOWN: 'Call',
};

/** The timeline's one-line summary, e.g. "Missed call from JORDAN LEE (+14155550187)". */
export function callSummary(facts: CallFacts, displayNumber: string | null): string {
  const who = [facts.counterpartName, displayNumber && displayNumber !== facts.counterpartName ? `(${displayNumber})` : null].filter(Boolean).join(' ');
  return `${RESULT_WORDS[facts.result]} ${DIRECTION_WORDS[facts.direction]} ${who || 'an unknown number'}`;
}

/** A voicemail's line on the timeline, e.g. "Voicemail from JORDAN LEE (+14155550187)". */
export function voicemailSummary(facts: VoicemailFacts, displayNumber: string | null): string {
  const who = [facts.counterpartName, displayNumber && `(${displayNumber})`].filter(Boolean).join(' ');
  return `Voicemail from ${who || 'an unknown number'}`;
}
