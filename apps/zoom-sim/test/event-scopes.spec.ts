import { APP_SCOPES } from '../src/oauth';
import { SimHarness } from './support/harness';

interface SimDelivery {
  id: string;
  event: string;
  status: string;
  attempts: number;
  missingScope?: string;
}

/** All of the app's scopes but `withheld`, space-separated as an authorize URL carries them. */
const grantWithout = (...withheld: string[]) => APP_SCOPES.filter((scope) => !withheld.includes(scope)).join(' ');

describe('zoom-sim withholds events whose scope the grant lacks, as the Marketplace does', () => {
  const harness = new SimHarness();
  beforeAll(() => harness.start());
  beforeEach(() => harness.reset());
  afterAll(() => harness.stop());

  const call = (body: Record<string, unknown>) => harness.control<{ deliveryIds: string[] }>('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', ...body });
  const deliveries = () => harness.control<SimDelivery[]>('GET', '/_sim/deliveries');
  const received = () => harness.receiver.events.map((event) => event.body.event);
  const byStatus = (all: SimDelivery[], status: string) => all.filter((delivery) => delivery.status === status).map((delivery) => delivery.event);

  it('without phone:read:call: no ringing, answered or ended events, but the call history still arrives with phone:read:call_log', async () => {
    await harness.connect('agent@demo.test', grantWithout('phone:read:call'));
    const { deliveryIds } = await call({ direction: 'inbound', counterpartNumber: '+14155550187', outcome: 'answered', durationSeconds: 60 });
    // The history is the call's last event: once it is in, everything that was going to arrive has.
    await harness.receiver.waitFor(1, 'phone.callee_call_history_completed');

    expect(received()).toEqual(['phone.callee_call_history_completed']);
    const logged = await deliveries();
    expect(logged.map((delivery) => delivery.id)).toEqual(deliveryIds);
    expect(logged.filter((delivery) => delivery.status === 'withheld')).toEqual([
      expect.objectContaining({ event: 'phone.callee_ringing', missingScope: 'phone:read:call', attempts: 0 }),
      expect.objectContaining({ event: 'phone.callee_answered', missingScope: 'phone:read:call', attempts: 0 }),
      expect.objectContaining({ event: 'phone.callee_ended', missingScope: 'phone:read:call', attempts: 0 }),
      expect.objectContaining({ event: 'phone.callee_call_element_completed', missingScope: 'phone:read:call', attempts: 0 }),
    ]);
    expect(byStatus(logged, 'delivered')).toEqual(['phone.callee_call_history_completed']);
  });

  it('without phone:read:call_log: the live events arrive, the completed call records do not', async () => {
    await harness.connect('agent@demo.test', grantWithout('phone:read:call_log'));
    await call({ direction: 'outbound', counterpartNumber: '+14155550187', outcome: 'answered', durationSeconds: 60 });
    await harness.receiver.waitFor(1, 'phone.caller_ended');
    const logged = await deliveries();

    expect(byStatus(logged, 'withheld')).toEqual(['phone.caller_call_element_completed', 'phone.caller_call_history_completed']);
    expect(logged.filter((delivery) => delivery.status === 'withheld').map((delivery) => delivery.missingScope)).toEqual(['phone:read:call_log', 'phone:read:call_log']);
    expect(received()).toEqual(['phone.caller_ringing', 'phone.caller_connected', 'phone.caller_ended']);
  });

  it('holds each event to the grant of the user it is about: an internal call reaches the colleague who never connected', async () => {
    await harness.connect('agent@demo.test', grantWithout('phone:read:call', 'phone:read:call_log'));
    await call({ direction: 'internal', counterpartNumber: '1002', outcome: 'answered', durationSeconds: 15 });
    await harness.receiver.waitFor(1, 'phone.callee_call_history_completed');

    const logged = await deliveries();
    expect(byStatus(logged, 'withheld').every((event) => event.startsWith('phone.caller_'))).toBe(true);
    expect(byStatus(logged, 'withheld')).toHaveLength(5);
    expect(received().every((event) => event.startsWith('phone.callee_'))).toBe(true);
    expect(received()).toHaveLength(5);
  });

  it('withholds voicemail and meeting events without their scopes, and will not resend what it never sent', async () => {
    const { access_token } = await harness.connect('agent@demo.test', grantWithout('phone:read:voicemail', 'meeting:read:meeting'));
    await call({ direction: 'inbound', counterpartNumber: '+14155550187', outcome: 'voicemail', durationSeconds: 20 });
    const created = await harness.api(access_token, 'POST', '/v2/users/me/meetings', { topic: 'Showing', type: 2, start_time: '2031-11-25T12:00:00Z' });
    expect(created.status).toBe(201);
    await harness.receiver.waitFor(1, 'phone.callee_call_history_completed');

    const logged = await deliveries();
    const voicemail = logged.find((delivery) => delivery.event === 'phone.voicemail_received')!;
    expect(voicemail).toMatchObject({ status: 'withheld', missingScope: 'phone:read:voicemail' });
    expect(logged.find((delivery) => delivery.event === 'meeting.created')).toMatchObject({ status: 'withheld', missingScope: 'meeting:read:meeting' });
    expect(received()).not.toContain('phone.voicemail_received');
    expect(received()).not.toContain('meeting.created');

    const resend = await fetch(`${harness.url}/_sim/deliveries/${voicemail.id}/redeliver`, { method: 'POST' });
    expect(resend.status).toBe(409);
    expect(await resend.json()).toEqual({ error: 'withheld: the grant lacks phone:read:voicemail' });
  });

  it('withholds texts without phone:read:sms_message, and delivers them with it', async () => {
    await harness.connect('agent@demo.test', grantWithout('phone:read:sms_message'));
    const text = { userEmail: 'agent@demo.test', direction: 'inbound', counterpartNumber: '+14155550187', body: 'Hi' };
    await harness.control('POST', '/_sim/phone/sms', text);
    expect(await deliveries()).toEqual([expect.objectContaining({ event: 'phone.sms_received', status: 'withheld', missingScope: 'phone:read:sms_message' })]);

    await harness.connect('agent@demo.test');
    await harness.control('POST', '/_sim/phone/sms', { ...text, direction: 'outbound' });
    await harness.receiver.waitFor(1, 'phone.sms_sent');
    expect(received()).toEqual(['phone.sms_sent']);
  });

  it('delivers every event of a call to a grant holding all the app\u2019s scopes', async () => {
    await harness.connect('agent@demo.test');
    const { deliveryIds } = await call({ direction: 'inbound', counterpartNumber: '+14155550187', outcome: 'voicemail', durationSeconds: 20 });
    await harness.receiver.waitFor(deliveryIds.length);
    expect(byStatus(await deliveries(), 'withheld')).toEqual([]);
  });
});
