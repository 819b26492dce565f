import { webhookDedupeKey, zoomEnvelopeSchema, zoomUserOf } from './zoom-envelope';

const missed = {
  event: 'phone.callee_missed',
  event_ts: 1795970431400,
  payload: { account_id: 'acc', object: { call_id: '744', callee: { user_id: 'u1' } } },
};

describe('webhook envelope', () => {
  it('gives a redelivery the same key and another event a different one', () => {
    const key = webhookDedupeKey(zoomEnvelopeSchema.parse(missed));
    expect(webhookDedupeKey(zoomEnvelopeSchema.parse(JSON.parse(JSON.stringify(missed))))).toBe(key);
    expect(webhookDedupeKey(zoomEnvelopeSchema.parse({ ...missed, event: 'phone.callee_ended' }))).not.toBe(key);
    expect(webhookDedupeKey(zoomEnvelopeSchema.parse({ ...missed, event_ts: missed.event_ts + 1 }))).not.toBe(key);
    const otherCall = { ...missed, payload: { ...missed.payload, object: { call_id: '745' } } };
    expect(webhookDedupeKey(zoomEnvelopeSchema.parse(otherCall))).not.toBe(key);
  });

  it('tells call history records apart by their ids', () => {
    const history = (id: string) => ({
      event: 'phone.callee_call_history_completed',
      event_ts: 1,
      payload: { account_id: 'a', object: { user_id: 'u', call_logs: [{ id, call_id: 'c' }] } },
    });
    expect(webhookDedupeKey(zoomEnvelopeSchema.parse(history('h1')))).not.toBe(webhookDedupeKey(zoomEnvelopeSchema.parse(history('h2'))));
  });

  it('rejects envelopes without an event name or timestamp', () => {
    expect(zoomEnvelopeSchema.safeParse({ payload: {} }).success).toBe(false);
    expect(zoomEnvelopeSchema.safeParse({ event: 'x', event_ts: 'soon' }).success).toBe(false);
  });

  it('finds the Zoom user of deauthorization and object-level events', () => {
    expect(zoomUserOf(zoomEnvelopeSchema.parse({ event: 'app_deauthorized', event_ts: 1, payload: { user_id: 'U' } }))).toBe('U');
    expect(zoomUserOf(zoomEnvelopeSchema.parse({ event: 'meeting.ended', event_ts: 1, payload: { object: { host_id: 'H' } } }))).toBe('H');
    expect(zoomUserOf(zoomEnvelopeSchema.parse(missed))).toBeNull();
  });
});
