import type { ZoomCallHistoryRecord, ZoomLegacyCallLog } from '@switchboard/zoom';
import { callFactsFromHistory, callFactsFromLegacyLog, callSummary } from './call-record';

const history = (fields: Partial<ZoomCallHistoryRecord>): ZoomCallHistoryRecord =>
  ({ id: '20261124-h1', call_id: '744', direction: 'inbound', connect_type: 'external', start_time: '2026-11-24T14:02:11Z', ...fields }) as ZoomCallHistoryRecord;

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
