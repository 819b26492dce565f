import type { ZoomCallHistoryRecord, ZoomLegacyCallLog, ZoomPhoneRecording, ZoomVoicemail } from '@switchboard/zoom';
import {
  callActivityKey,
  callDirection,
  callFactsFromHistory,
  callFactsFromLegacyLog,
  callFactsFromRecording,
  callSides,
  callSummary,
  voicemailActivityKey,
  voicemailFacts,
  voicemailSummary,
} from './calls';

const history = (fields: Partial<ZoomCallHistoryRecord>): ZoomCallHistoryRecord =>
  ({ id: '20261124-h1', call_id: '744', direction: 'inbound', connect_type: 'external', start_time: '2026-11-24T14:02:11Z', ...fields }) as ZoomCallHistoryRecord;

const recording = (fields: Partial<ZoomPhoneRecording>): ZoomPhoneRecording =>
  ({ id: 'rec-1', call_id: '744', direction: 'inbound', date_time: '2026-11-24T14:02:11Z', download_url: 'https://zoom.test/rec-1', ...fields }) as ZoomPhoneRecording;

const voicemail = (fields: Partial<ZoomVoicemail>): ZoomVoicemail =>
  ({ id: 'vm-1', call_id: '744', date_time: '2026-11-24T14:02:11Z', download_url: 'https://zoom.test/vm-1', ...fields }) as ZoomVoicemail;

describe('call records', () => {
  it('reads an answered inbound call from the caller side, with talk time as duration', () => {
    const facts = callFactsFromHistory(
      history({ result: 'answered', answer_time: '2026-11-24T14:02:20Z', end_time: '2026-11-24T14:03:55Z', talk_time: 95, caller_did_number: '+14155550187', caller_name: 'JORDAN LEE', callee_ext_number: '1024' }),
    );
    expect(facts).toMatchObject({ callId: '744', direction: 'INBOUND', result: 'ANSWERED', durationSeconds: 95, counterpartRaw: '+14155550187', counterpartName: 'JORDAN LEE' });
    expect(callSummary(facts!, '+14155550187')).toBe('Call from JORDAN LEE (+14155550187)');
  });

  it('reads the callee of an outbound call, an internal call and an unknown result', () => {
    expect(callFactsFromHistory(history({ direction: 'outbound', result: 'no_answer', callee_did_number: '+442071838750' }))).toMatchObject({ direction: 'OUTBOUND', result: 'MISSED', counterpartRaw: '+442071838750', durationSeconds: 0 });
    expect(callFactsFromHistory(history({ connect_type: 'internal', direction: 'outbound', callee_ext_number: '1002', result: 'answered' }))).toMatchObject({ direction: 'INTERNAL', counterpartRaw: '1002' });
    expect(callFactsFromHistory(history({ result: 'something_new' }))?.result).toBe('UNKNOWN');
    expect(callFactsFromHistory(history({ start_time: 'yesterday' }))).toBeNull();
  });

  it('maps a legacy call log onto the same facts', () => {
    const log = { id: 'l1', call_id: '744', direction: 'inbound', date_time: '2026-11-24T14:02:11Z', duration: 95, result: 'Call connected', caller_number: '+14155550187', caller_number_type: 2, callee_number: '1024', callee_number_type: 1, caller_name: 'JORDAN LEE' } as ZoomLegacyCallLog;
    expect(callFactsFromLegacyLog(log)).toMatchObject({ callId: '744', direction: 'INBOUND', result: 'ANSWERED', durationSeconds: 95, counterpartRaw: '+14155550187' });
    expect(callFactsFromLegacyLog({ ...log, result: 'Voicemail' })?.result).toBe('VOICEMAIL');
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
  });
});
