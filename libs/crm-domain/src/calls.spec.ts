import type { ZoomCallElement, ZoomCallHistoryRecord, ZoomLegacyCallLog, ZoomPhoneRecording, ZoomVoicemail } from '@switchboard/zoom';
import { CallResult } from './enums';
import {
  type CallPathFacts,
  callActivityKey,
  callDirection,
  callFactsFromRecording,
  callPathFromElement,
  callPathFromHistory,
  callPathFromLegacyLog,
  callSides,
  callSummary,
  isAccountExtensionParty,
  lengthIsTheVoicemails,
  mergeCallPaths,
  recordDirection,
  voicemailActivityKey,
  voicemailFacts,
  voicemailSummary,
} from './calls';

const history = (fields: Partial<ZoomCallHistoryRecord>): ZoomCallHistoryRecord =>
  ({ id: '20261124-h1', call_path_id: '20261124-p1', call_id: '744', direction: 'inbound', connect_type: 'external', start_time: '2026-11-24T14:02:11Z', result: 'answered', ...fields }) as ZoomCallHistoryRecord;

/** The connected user: agent@demo.test's Zoom Phone line. */
const owner = { extensionNumber: '1001', phoneNumber: '+14155550100', email: 'agent@demo.test' };
const path = (record: Partial<ZoomCallHistoryRecord>) => callPathFromHistory(history(record), owner)!;

const recording = (fields: Partial<ZoomPhoneRecording>): ZoomPhoneRecording =>
  ({ id: 'rec-1', call_id: '744', direction: 'inbound', date_time: '2026-11-24T14:02:11Z', download_url: 'https://zoom.test/rec-1', ...fields }) as ZoomPhoneRecording;

const voicemail = (fields: Partial<ZoomVoicemail>): ZoomVoicemail =>
  ({ id: 'vm-1', call_id: '744', date_time: '2026-11-24T14:02:11Z', download_url: 'https://zoom.test/vm-1', ...fields }) as ZoomVoicemail;

describe('call records', () => {
  it('reads an answered inbound call from the caller side, with talk time as duration', () => {
    const facts = path({ result: 'answered', answer_time: '2026-11-24T14:02:20Z', end_time: '2026-11-24T14:03:55Z', talk_time: 95, caller_did_number: '+14155550187', caller_name: 'JORDAN LEE', callee_ext_number: '1024' });
    expect(facts).toMatchObject({ source: 'history', pathId: '20261124-p1', callId: '744', direction: 'INBOUND', result: 'ANSWERED', durationSeconds: 95, counterpartRaw: '+14155550187', counterpartName: 'JORDAN LEE' });
    expect(facts).not.toHaveProperty('unrecognisedResult');
    expect(callSummary(facts, '+14155550187')).toBe('Call from JORDAN LEE (+14155550187)');
  });

  it("names a known contact by the contact's name, not Zoom's caller ID name", () => {
    const missed = path({ result: 'no_answer', caller_did_number: '+14155550118', caller_name: 'WIRELESS CALLER' });
    expect(callSummary(missed, '+14155550118', 'Abigail Chen')).toBe('Missed call from Abigail Chen');
    expect(callSummary(missed, '+14155550118', null)).toBe('Missed call from WIRELESS CALLER (+14155550118)');
  });

  it('reads the callee of an outbound call, an internal call, and no path without a usable start time', () => {
    expect(path({ direction: 'outbound', result: 'no_answer', callee_did_number: '+442071838750' })).toMatchObject({ direction: 'OUTBOUND', result: 'CANCELLED', counterpartRaw: '+442071838750', durationSeconds: 0 });
    expect(path({ connect_type: 'internal', direction: 'outbound', callee_ext_number: '1002', result: 'answered' })).toMatchObject({ direction: 'INTERNAL', counterpartRaw: '1002' });
    expect(callPathFromHistory(history({ start_time: 'yesterday' }), owner)).toBeNull();
  });

  it('reads a v3 call element as the same path under its own ids', () => {
    const element = { call_element_id: 'el-1', call_history_uuid: 'hist-uuid-1', call_id: '744', direction: 'inbound', start_time: '2026-11-24T14:02:11Z', result: 'answered', talk_time: 95, caller_did_number: '+14155550187' } as ZoomCallElement;
    expect(callPathFromElement(element, owner)).toMatchObject({ source: 'element', pathId: 'el-1', callHistoryId: 'hist-uuid-1', callId: '744', direction: 'INBOUND', result: 'ANSWERED', durationSeconds: 95, counterpartRaw: '+14155550187' });
  });

  it('calls a record internal when Zoom says so, or, without connect_type, when both ends are extensions of the account', () => {
    expect(path({ connect_type: undefined, caller_ext_type: 'user', callee_ext_type: 'user', callee_ext_number: '1002', direction: 'outbound' }).direction).toBe('INTERNAL');
    expect(path({ connect_type: undefined, caller_ext_type: 'external_contact', callee_ext_type: 'user' }).direction).toBe('INBOUND');
    expect(path({ connect_type: undefined, callee_ext_type: 'call_queue' }).direction).toBe('INBOUND');
    expect(path({ connect_type: 'external', caller_ext_type: 'user', callee_ext_type: 'user' }).direction).toBe('INBOUND');
  });

  it('maps a legacy call log onto the same facts', () => {
    const log = { id: 'l1', call_id: '744', direction: 'inbound', date_time: '2026-11-24T14:02:11Z', duration: 95, result: 'Call connected', caller_number: '+14155550187', caller_number_type: 2, callee_number: '1024', callee_number_type: 1, caller_name: 'JORDAN LEE' } as ZoomLegacyCallLog;
    expect(callPathFromLegacyLog(log)).toMatchObject({ source: 'legacy', pathId: 'l1', callId: '744', direction: 'INBOUND', result: 'ANSWERED', durationSeconds: 95, counterpartRaw: '+14155550187' });
    expect(callPathFromLegacyLog({ ...log, result: 'Voicemail' })?.result).toBe('VOICEMAIL');
    expect(callPathFromLegacyLog({ ...log, result: 'Park' })).toMatchObject({ result: 'UNKNOWN', unrecognisedResult: 'Park' });
  });
});

describe("Zoom's 20 call history results", () => {
  // The spec's whole enum, each with what an inbound (received) and an outbound (placed) path then reads as.
  const EXPECTED: Array<[string, CallResult, CallResult]> = [
    ['answered', 'ANSWERED', 'ANSWERED'],
    ['accepted', 'ANSWERED', 'ANSWERED'],
    ['picked_up', 'ANSWERED', 'ANSWERED'],
    ['connected', 'ANSWERED', 'ANSWERED'],
    ['succeeded', 'ANSWERED', 'ANSWERED'],
    ['voicemail', 'VOICEMAIL', 'VOICEMAIL'],
    ['no_answer', 'MISSED', 'CANCELLED'],
    ['ring_timeout', 'MISSED', 'CANCELLED'],
    ['abandoned', 'MISSED', 'CANCELLED'],
    ['overflowed', 'MISSED', 'CANCELLED'],
    ['hang_up', 'MISSED', 'CANCELLED'],
    ['canceled', 'MISSED', 'CANCELLED'],
    ['rejected', 'REJECTED', 'REJECTED'],
    ['busy', 'BUSY', 'BUSY'],
    ['call_failed', 'FAILED', 'FAILED'],
    ['unconnected', 'FAILED', 'FAILED'],
    ['invalid_key', 'FAILED', 'FAILED'],
    ['invalid_operation', 'FAILED', 'FAILED'],
    ['system_blocked', 'FAILED', 'FAILED'],
    ['service_unavailable', 'FAILED', 'FAILED'],
  ];

  it('covers exactly the enum of the spec', () => {
    expect(EXPECTED).toHaveLength(20);
    expect(new Set(EXPECTED.map(([value]) => value)).size).toBe(20);
  });

  it.each(EXPECTED)('reads %s as %s received and %s placed, without a warning', (value, inbound, outbound) => {
    for (const [direction, result] of [['inbound', inbound], ['outbound', outbound]] as const) {
      const facts = path({ direction, result: value });
      expect(facts.result).toBe(result);
      expect(facts.unrecognisedResult).toBeUndefined();
    }
  });

  it('reads a hang-up after an answer as answered', () => {
    expect(path({ result: 'hang_up', answer_time: '2026-11-24T14:02:20Z', talk_time: 40 }).result).toBe('ANSWERED');
    expect(path({ direction: 'outbound', result: 'canceled', talk_time: 12 }).result).toBe('ANSWERED');
  });

  it('reads a value outside the enum as UNKNOWN and names it, even with an answer time', () => {
    expect(path({ result: 'teleported', answer_time: '2026-11-24T14:02:20Z', talk_time: 30 })).toMatchObject({ result: 'UNKNOWN', unrecognisedResult: 'teleported', durationSeconds: 30 });
  });

  it('words a failed call for the timeline', () => {
    expect(callSummary(path({ direction: 'outbound', result: 'call_failed', callee_did_number: '+14155550187' }), '+14155550187')).toBe('Failed call to (+14155550187)');
  });
});

describe('a record without a direction', () => {
  const outbound = { caller_ext_number: '1001', caller_did_number: '+14155550100', callee_did_number: '+14155550187' };
  const inbound = { caller_did_number: '+14155550187', callee_ext_number: '1001', callee_did_number: '+14155550100' };

  it("is outbound when the user is its caller, by extension, direct number, extension id or email, and inbound when they are its callee", () => {
    expect(recordDirection(outbound, owner)).toBe('outbound');
    expect(recordDirection({ caller_did_number: '14155550100' }, owner)).toBe('outbound');
    expect(recordDirection({ caller_ext_id: 'ext-9' }, { extensionId: 'ext-9' })).toBe('outbound');
    expect(recordDirection({ caller_email: 'Agent@Demo.test' }, owner)).toBe('outbound');
    expect(recordDirection(inbound, owner)).toBe('inbound');
  });

  it('keeps the direction Zoom gave, and reads inbound when neither end is recognisably the user', () => {
    expect(recordDirection({ ...inbound, direction: 'outbound' }, owner)).toBe('outbound');
    expect(recordDirection({ caller_did_number: '+14155550187', callee_ext_number: '8001' }, owner)).toBe('inbound');
    expect(recordDirection({}, {})).toBe('inbound');
  });

  it('gives the path the right direction and counterpart', () => {
    expect(path({ direction: undefined, ...outbound, result: 'answered', talk_time: 20 })).toMatchObject({ direction: 'OUTBOUND', counterpartRaw: '+14155550187' });
    expect(path({ direction: undefined, ...inbound, caller_name: 'JORDAN LEE' })).toMatchObject({ direction: 'INBOUND', counterpartRaw: '+14155550187', counterpartName: 'JORDAN LEE' });
  });
});

describe('the paths of one call', () => {
  const at = (seconds: number) => new Date(Date.parse('2026-11-24T14:02:00Z') + seconds * 1000).toISOString();
  // A call queue: two members' phones ring unanswered, the third member answers and talks for five minutes.
  const queueCall: CallPathFacts[] = [
    path({ call_path_id: 'p1', start_time: at(0), result: 'no_answer', talk_time: 0, caller_did_number: '+14155550187', caller_name: 'JORDAN LEE' }),
    path({ call_path_id: 'p2', start_time: at(20), result: 'no_answer', talk_time: 0, caller_did_number: '+14155550187' }),
    path({ call_path_id: 'p3', start_time: at(40), result: 'answered', talk_time: 300, caller_did_number: '+14155550187' }),
  ];
  const orders = [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0],
  ];

  it.each(orders)('are one answered call of 300 s from its first start, in the order %p', (...order) => {
    expect(mergeCallPaths(order.map((index) => queueCall[index]))).toEqual({
      callId: '744',
      direction: 'INBOUND',
      result: 'ANSWERED',
      startedAt: new Date(at(0)),
      durationSeconds: 300,
      counterpartRaw: '+14155550187',
      counterpartName: 'JORDAN LEE',
      callHistoryId: '20261124-h1',
    });
  });

  it('take the best outcome: voicemail over missed, missed over failed, anything known over unknown', () => {
    const outcome = (...results: string[]) => mergeCallPaths(results.map((result, index) => path({ call_path_id: `p${index}`, start_time: at(index), result }))).result;
    expect(outcome('no_answer', 'voicemail')).toBe('VOICEMAIL');
    expect(outcome('call_failed', 'ring_timeout')).toBe('MISSED');
    expect(outcome('teleported', 'busy')).toBe('BUSY');
    expect(outcome('rejected')).toBe('REJECTED');
  });

  it('sum the talk time of a transfer and keep the first path\'s counterpart', () => {
    const transfer = [path({ call_path_id: 'p2', start_time: at(130), result: 'answered', talk_time: 180, caller_did_number: '' }), path({ call_path_id: 'p1', start_time: at(0), result: 'answered', talk_time: 120, caller_did_number: '+14155550187' })];
    expect(mergeCallPaths(transfer)).toMatchObject({ result: 'ANSWERED', durationSeconds: 300, startedAt: new Date(at(0)), counterpartRaw: '+14155550187' });
  });

  it('read the call history when call elements or the legacy log describe the same call, never several kinds summed', () => {
    const legacy = callPathFromLegacyLog({ id: 'l1', call_id: '744', direction: 'inbound', date_time: at(0), duration: 300, result: 'Call connected', caller_number: '+14155550187', caller_number_type: 2 } as ZoomLegacyCallLog)!;
    const element = (id: string, seconds: number, result: string, talkTime: number) =>
      callPathFromElement({ call_element_id: id, call_history_uuid: 'h', call_id: '744', start_time: at(seconds), result, talk_time: talkTime } as ZoomCallElement, owner)!;
    const elements = [element('e3', 40, 'answered', 300), element('e1', 0, 'no_answer', 0), element('e2', 20, 'no_answer', 0)];
    expect(mergeCallPaths([legacy, ...elements, ...queueCall])).toMatchObject({ result: 'ANSWERED', durationSeconds: 300, counterpartName: 'JORDAN LEE' });
    expect(mergeCallPaths([legacy, ...elements])).toMatchObject({ result: 'ANSWERED', durationSeconds: 300, startedAt: new Date(at(0)) });
    expect(mergeCallPaths([legacy])).toMatchObject({ result: 'ANSWERED', durationSeconds: 300 });
  });

  it('are at least one', () => {
    expect(() => mergeCallPaths([])).toThrow(/at least one path/);
  });
});

describe('which end of a call is whose', () => {
  it('makes the callee the counterpart of a call the user placed, else the caller', () => {
    expect(callSides('outbound')).toEqual({ user: 'caller', counterpart: 'callee' });
    expect(callSides('inbound')).toEqual({ user: 'callee', counterpart: 'caller' });
    expect(callSides(undefined)).toEqual({ user: 'callee', counterpart: 'caller' });
  });

  it('calls a call with another user of the account internal, whichever way it went', () => {
    expect(callDirection('outbound')).toBe('OUTBOUND');
    expect(callDirection('inbound')).toBe('INBOUND');
    expect(callDirection('outbound', true)).toBe('INTERNAL');
    expect(callDirection('inbound', true)).toBe('INTERNAL');
  });
});

describe('the other end of a real-time call event', () => {
  it('is a colleague when it is an extension of the account, though Zoom names no user id for it', () => {
    expect(isAccountExtensionParty({ extension_id: '52OdSKGSSS-EOyJwQncFvA', extension_type: 'user', extension_number: 1002, phone_number: '+12058945456', connection_type: 'voip' })).toBe(true);
    expect(isAccountExtensionParty({ extension_type: 'user', extension_number: 1002, connection_type: 'voip' })).toBe(true);
    expect(isAccountExtensionParty({ extension_type: 'callQueue', extension_number: '1022' })).toBe(true);
  });

  it('is an outsider as Zoom\'s own examples show one: a pstn party, a bare number, or a "user" dialled over the phone network', () => {
    expect(isAccountExtensionParty({ phone_number: '+12092592844', connection_type: 'voip' })).toBe(false);
    expect(isAccountExtensionParty({ extension_type: 'user', extension_number: 12092592844, phone_number: '+12092592844', connection_type: 'pstn_off_net' })).toBe(false);
    expect(isAccountExtensionParty({ extension_type: 'user', extension_number: 12092592844, phone_number: '+12092592844' })).toBe(false);
    expect(isAccountExtensionParty({ extension_id: '', extension_type: 'pstn', extension_number: 14155550187, phone_number: '+14155550187', connection_type: 'pstn_off_net' })).toBe(false);
    expect(isAccountExtensionParty({ extension_type: 'twilio', extension_number: 7001 })).toBe(false);
  });
});

describe('call activity keys', () => {
  it('keys a call by the connected Zoom user and the call id', () => {
    expect(callActivityKey('zu-1', '744')).toBe('call:zu-1:744');
  });

  it("puts a voicemail on its call's activity, or on its own when Zoom names no call", () => {
    expect(voicemailActivityKey('zu-1', { voicemailId: 'vm-1', callId: '744' })).toBe(callActivityKey('zu-1', '744'));
    expect(voicemailActivityKey('zu-1', { voicemailId: 'vm-1', callId: null })).toBe('voicemail:vm-1');
  });
});

describe('phone recordings', () => {
  it('reads the recorded call as answered, from the other end of its direction', () => {
    expect(callFactsFromRecording(recording({ direction: 'outbound', duration: 42, callee_did_number: '+442071838750', callee_number: '2071838750', callee_name: 'ALEX KIM', caller_number: '1024' }))).toEqual({
      callId: '744',
      direction: 'OUTBOUND',
      result: 'ANSWERED',
      startedAt: new Date('2026-11-24T14:02:11Z'),
      durationSeconds: 42,
      counterpartRaw: '+442071838750',
      counterpartName: 'ALEX KIM',
      callHistoryId: null,
    });
    expect(callFactsFromRecording(recording({ caller_number: '+14155550187', caller_name: 'JORDAN LEE', callee_number: '1024' }))).toMatchObject({ direction: 'INBOUND', counterpartRaw: '+14155550187', counterpartName: 'JORDAN LEE', durationSeconds: null });
  });

  it('has no call without a call id, and starts now when Zoom gives no usable time', () => {
    expect(callFactsFromRecording(recording({ call_id: undefined }))).toBeNull();
    const before = Date.now();
    expect(callFactsFromRecording(recording({ date_time: 'soon' }))!.startedAt.getTime()).toBeGreaterThanOrEqual(before);
  });
});

describe('voicemails', () => {
  it('reads a voicemail as an inbound call that went to voicemail, from its caller', () => {
    expect(voicemailFacts(voicemail({ duration: 17, caller_did_number: '+14155550187', caller_number: '4155550187', caller_name: 'JORDAN LEE', callee_number: '1024' }))).toEqual({
      voicemailId: 'vm-1',
      callId: '744',
      direction: 'INBOUND',
      result: 'VOICEMAIL',
      startedAt: new Date('2026-11-24T14:02:11Z'),
      durationSeconds: 17,
      counterpartRaw: '+14155550187',
      counterpartName: 'JORDAN LEE',
      callHistoryId: null,
    });
    expect(voicemailFacts(voicemail({ call_id: undefined, caller_number: '4155550187' }))).toMatchObject({ callId: null, counterpartRaw: '4155550187', counterpartName: null, durationSeconds: null });
  });

  it('says who left it, or that the number was unknown', () => {
    const facts = voicemailFacts(voicemail({ caller_number: '+14155550187', caller_name: 'JORDAN LEE' }));
    expect(voicemailSummary(facts, '+14155550187')).toBe('Voicemail from JORDAN LEE (+14155550187)');
    expect(voicemailSummary(voicemailFacts(voicemail({})), null)).toBe('Voicemail from an unknown number');
    expect(voicemailSummary(facts, '+14155550187', 'Jordan Lee')).toBe('Voicemail from Jordan Lee');
  });

  it("keeps its own length when its call's record, with no talk time, merges into it", () => {
    expect(lengthIsTheVoicemails(path({ result: 'voicemail', talk_time: 0 }))).toBe(true);
    expect(lengthIsTheVoicemails(path({ result: 'answered', talk_time: 0 }))).toBe(false);
    expect(lengthIsTheVoicemails(path({ result: 'voicemail', talk_time: 12 }))).toBe(false);
  });
});
