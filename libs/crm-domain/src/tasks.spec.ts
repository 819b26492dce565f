import { localDayEnd } from './availability';
import { type CallActivityFacts, callBackSource, callBackTitle, callConnected, TaskSource } from './tasks';

const call = (facts: Partial<CallActivityFacts>): CallActivityFacts => ({ type: 'CALL', direction: 'INBOUND', result: 'ANSWERED', durationSeconds: 60, ...facts });

describe('call-back tasks', () => {
  it('open for an inbound call missed or sent to voicemail, whichever activity carries the voicemail', () => {
    expect(callBackSource(call({ result: 'MISSED', durationSeconds: 0 }))).toBe(TaskSource.MISSED_CALL);
    expect(callBackSource(call({ result: 'VOICEMAIL' }))).toBe(TaskSource.VOICEMAIL);
    expect(callBackSource(call({ type: 'VOICEMAIL', result: 'VOICEMAIL' }))).toBe(TaskSource.VOICEMAIL);
  });

  it('do not open for answered, outbound, internal or unfinished calls, nor for other activities', () => {
    expect(callBackSource(call({}))).toBeNull();
    expect(callBackSource(call({ direction: 'OUTBOUND', result: 'VOICEMAIL' }))).toBeNull();
    expect(callBackSource(call({ direction: 'INTERNAL', result: 'MISSED' }))).toBeNull();
    expect(callBackSource(call({ result: null }))).toBeNull();
    expect(callBackSource(call({ type: 'SMS', result: null }))).toBeNull();
  });

  it('close on a call that connected either way, or a logged call that lasted', () => {
    expect(callConnected(call({}))).toBe(true);
    expect(callConnected(call({ direction: 'OUTBOUND' }))).toBe(true);
    expect(callConnected(call({ direction: 'OUTBOUND', result: null, durationSeconds: 120 }))).toBe(true);
    expect(callConnected(call({ direction: 'OUTBOUND', result: null, durationSeconds: null }))).toBe(false);
    expect(callConnected(call({ direction: 'OUTBOUND', result: 'CANCELLED' }))).toBe(false);
    expect(callConnected(call({ direction: 'INTERNAL' }))).toBe(false);
    expect(callConnected(call({ type: 'MEETING', direction: null, result: null }))).toBe(false);
  });

  it('are titled with the contact, within 200 characters', () => {
    expect(callBackTitle('Jordan Lee')).toBe('Call back Jordan Lee');
    expect(callBackTitle('x'.repeat(300))).toHaveLength(200);
  });
});

describe('localDayEnd', () => {
  it('is the next local midnight, across a daylight-saving change', () => {
    expect(localDayEnd(new Date('2026-03-10T12:00:00Z'), 'America/Los_Angeles').toISOString()).toBe('2026-03-11T07:00:00.000Z');
    // 8 March 2026 has 23 hours in Los Angeles: it ends at 07:00Z, not 08:00Z.
    expect(localDayEnd(new Date('2026-03-08T09:00:00Z'), 'America/Los_Angeles').toISOString()).toBe('2026-03-09T07:00:00.000Z');
    expect(localDayEnd(new Date('2026-03-08T07:30:00Z'), 'America/Los_Angeles').toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(localDayEnd(new Date('2026-06-30T23:30:00Z'), 'Asia/Tokyo').toISOString()).toBe('2026-07-01T15:00:00.000Z');
  });
});
