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

  it('tells text messages apart by their message ids, though Zoom may send two in the same millisecond', () => {
    const text = (messageId: string) => ({ event: 'phone.sms_received', event_ts: 1, payload: { account_id: 'a', object: { message_id: messageId, owner: { id: 'u' } } } });
    expect(webhookDedupeKey(zoomEnvelopeSchema.parse(text('m1')))).not.toBe(webhookDedupeKey(zoomEnvelopeSchema.parse(text('m2'))));
  });

  it('rejects envelopes without an event name or timestamp', () => {
    expect(zoomEnvelopeSchema.safeParse({ payload: {} }).success).toBe(false);
    expect(zoomEnvelopeSchema.safeParse({ event: 'x', event_ts: 'soon' }).success).toBe(false);
  });

  it('finds the Zoom user each kind of event is about', () => {
    const userOf = (event: string, payload: Record<string, unknown>) => zoomUserOf(zoomEnvelopeSchema.parse({ event, event_ts: 1, payload }));
    expect(userOf('app_deauthorized', { user_id: 'U' })).toBe('U');
    expect(userOf('meeting.ended', { object: { host_id: 'H' } })).toBe('H');
    expect(userOf('meeting.updated', { operator_id: 'O', object: { id: 1 } })).toBe('O');
    expect(userOf('meeting.summary_completed', { object: { meeting_host_id: 'S' } })).toBe('S');
    expect(userOf('phone.callee_call_history_completed', { object: { user_id: 'R', call_logs: [{ id: 'h' }] } })).toBe('R');
    expect(userOf('phone.callee_call_log_completed', { object: { call_logs: [{ user_id: 'L' }] } })).toBe('L');
    // A call in progress: the user's own leg, by the event's name, never the other party's.
    expect(zoomUserOf(zoomEnvelopeSchema.parse(missed))).toBe('u1');
    expect(userOf('phone.caller_ringing', { object: { caller: { user_id: 'out' }, callee: { user_id: 'colleague' } } })).toBe('out');
    expect(userOf('phone.voicemail_received', { object: { callee_user_id: 'V', caller_user_id: 'other' } })).toBe('V');
    expect(userOf('phone.recording_completed', { object: { recordings: [{ owner: { id: 'P' }, user_id: 'P2' }] } })).toBe('P');
    expect(userOf('phone.sms_received', { object: { owner: { id: 'M' }, sender: { user_id: 'other' } } })).toBe('M');
    expect(userOf('phone.sms_sent', { object: { owner: { type: 'callQueue', id: 'queue', sms_sender_user_id: 'Q' } } })).toBe('Q');
  });

  it('attributes an event that names no user to nobody', () => {
    expect(zoomUserOf(zoomEnvelopeSchema.parse({ event: 'phone.something_new', event_ts: 1, payload: { account_id: 'acc', object: { user_id: '' } } }))).toBeNull();
    expect(zoomUserOf(zoomEnvelopeSchema.parse({ event: 'meeting.ended', event_ts: 1, payload: { object: { host_id: 42 } } }))).toBeNull();
  });
});
