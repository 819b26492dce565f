import { ActivityDirection, CallResult } from '@switchboard/crm-domain';
import type { ZoomCallHistoryRecord, ZoomLegacyCallLog } from '@switchboard/zoom';

/** One call as the connected user saw it, whichever Zoom event or list described it. */
export interface CallFacts {
  callId: string;
  direction: ActivityDirection;
  result: CallResult;
  startedAt: Date;
  durationSeconds: number;
  /** The other end as Zoom wrote it (E.164, an extension, "Anonymous", a national number...). */
  counterpartRaw: string | null;
  counterpartName: string | null;
  callHistoryId: string | null;
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

/** A call history record (current API and `*_call_history_completed`), from the side of the user it belongs to. */
export function callFactsFromHistory(record: ZoomCallHistoryRecord): CallFacts | null {
  const startedAt = validDate(record.start_time);
  if (!startedAt) return null;
  const outbound = record.direction === 'outbound';
  const answeredAt = validDate(record.answer_time);
  const endedAt = validDate(record.end_time);
  const talkTime = record.talk_time ?? (answeredAt && endedAt ? Math.round((endedAt.getTime() - answeredAt.getTime()) / 1000) : 0);
  const side = outbound ? 'callee' : 'caller';
  return {
    callId: record.call_id,
    direction: record.connect_type === 'internal' ? ActivityDirection.INTERNAL : outbound ? ActivityDirection.OUTBOUND : ActivityDirection.INBOUND,
    result: HISTORY_RESULTS[(record.result ?? '').toLowerCase()] ?? (answeredAt ? CallResult.ANSWERED : CallResult.UNKNOWN),
    startedAt,
    durationSeconds: Math.max(0, talkTime),
    counterpartRaw: nonEmpty(record[`${side}_did_number`]) ?? nonEmpty(record[`${side}_ext_number`]),
    counterpartName: nonEmpty(record[`${side}_name`]),
    callHistoryId: nonEmpty(record.call_history_uuid) ?? record.id,
  };
}

/** A legacy call log (retired by Zoom during 2026, still accepted), mapped onto the same facts. */
export function callFactsFromLegacyLog(log: ZoomLegacyCallLog): CallFacts | null {
  const startedAt = validDate(log.date_time);
  if (!startedAt || !log.call_id) return null;
  const outbound = log.direction === 'outbound';
  const internal = Number(log.caller_number_type) === 1 && Number(log.callee_number_type) === 1;
  const side = outbound ? 'callee' : 'caller';
  return {
    callId: log.call_id,
    direction: internal ? ActivityDirection.INTERNAL : outbound ? ActivityDirection.OUTBOUND : ActivityDirection.INBOUND,
    result: LEGACY_RESULTS[(log.result ?? '').toLowerCase()] ?? CallResult.UNKNOWN,
    startedAt,
    durationSeconds: Math.max(0, log.duration ?? 0),
    counterpartRaw: nonEmpty(log[`${side}_did_number`]) ?? nonEmpty(log[`${side}_number`]),
    counterpartName: nonEmpty(log[`${side}_name`]),
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
