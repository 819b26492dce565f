import { createHmac } from 'node:crypto';
import { harnessForSuite } from './support/harness';

describe('zoom-sim Zoom Phone texts (POST /_sim/phone/sms)', () => {
  const harness = harnessForSuite({ resetEach: true });

  const text = (body: Record<string, unknown>) => harness.control<{ messageId: string; deliveryIds: string[] }>('POST', '/_sim/phone/sms', { userEmail: 'agent@demo.test', counterpartNumber: '+14155550187', ...body });
  const refusal = async (body: Record<string, unknown>) => {
    const response = await fetch(`${harness.url}/_sim/phone/sms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, error: ((await response.json()) as { error: string }).error };
  };

  it('sends phone.sms_sent for a text the user sent, signed like every event, with the MMS files listed', async () => {
    const { messageId } = await text({ direction: 'outbound', body: 'Confirming 10 tomorrow', attachments: ['12-Alder-St-flyer.pdf'] });
    const [received] = await harness.receiver.waitFor(1, 'phone.sms_sent');
    const timestamp = String(received.headers['x-zm-request-timestamp']);
    expect(received.headers['x-zm-signature']).toBe(`v0=${createHmac('sha256', 'sim-webhook-secret').update(`v0:${timestamp}:${received.raw}`).digest('hex')}`);
    const users = await harness.control<Array<{ id: string; email: string }>>('GET', '/_sim/users');
    const agent = users.find((user) => user.email === 'agent@demo.test')!;
    expect(received.body.payload.object).toMatchObject({
      message_id: messageId,
      message: 'Confirming 10 tomorrow',
      sender: { id: agent.id, phone_number: '+14155550100' },
      to_members: [{ id: '', phone_number: '+14155550187' }],
      owner: { type: 'user', id: agent.id },
      attachments: [{ name: '12-Alder-St-flyer.pdf', type: 'pdf' }],
    });
  });

  it('sends phone.sms_received for a text to the user, who owns it; the same conversation keeps its session', async () => {
    const first = await text({ direction: 'inbound', body: 'Sounds good' });
    await text({ direction: 'outbound', body: 'Great' });
    await harness.receiver.waitFor(2);
    const [received] = harness.receiver.named('phone.sms_received');
    const [sent] = harness.receiver.named('phone.sms_sent');
    expect(received.body.payload.object).toMatchObject({ message_id: first.messageId, sender: { id: '', phone_number: '+14155550187' }, to_members: [{ phone_number: '+14155550100', is_message_owner: true }], attachments: [] });
    expect(received.body.payload.object.session_id).toBe(sent.body.payload.object.session_id);
    expect(received.body.payload.object.message_id).not.toBe(sent.body.payload.object.message_id);
  });

  it('delivers a text again, the same body each time, with delivery.duplicates', async () => {
    const { deliveryIds } = await text({ direction: 'inbound', body: 'Hello?', delivery: { duplicates: 2 } });
    expect(deliveryIds).toHaveLength(3);
    const copies = await harness.receiver.waitFor(3, 'phone.sms_received');
    expect(new Set(copies.map((copy) => copy.raw)).size).toBe(1);
  });

  it('refuses what it cannot send, with 400 naming the field', async () => {
    const good = { userEmail: 'agent@demo.test', direction: 'inbound', counterpartNumber: '+14155550187', body: 'Hi' };
    expect(await refusal({ ...good, direction: 'sideways' })).toEqual({ status: 400, error: expect.stringMatching(/^direction /) });
    expect(await refusal({ ...good, direction: undefined })).toEqual({ status: 400, error: expect.stringMatching(/^direction /) });
    expect(await refusal({ ...good, body: undefined })).toEqual({ status: 400, error: expect.stringMatching(/^body /) });
    expect(await refusal({ ...good, body: ' ' })).toEqual({ status: 400, error: expect.stringMatching(/^body /) });
    expect(await refusal({ ...good, counterpartNumber: '' })).toEqual({ status: 400, error: expect.stringMatching(/^counterpartNumber /) });
    expect(await refusal({ ...good, counterpartNumber: '+14155550101' })).toEqual({ status: 400, error: expect.stringMatching(/^counterpartNumber .*colleagues/) });
    expect(await refusal({ ...good, attachments: 'photo.jpg' })).toEqual({ status: 400, error: expect.stringMatching(/^attachments /) });
    expect(await refusal({ ...good, userEmail: 'nobody@demo.test' })).toEqual({ status: 400, error: expect.stringMatching(/userEmail/) });
    expect(await refusal({ ...good, userEmail: 'pro-nophone@demo.test' })).toEqual({ status: 400, error: expect.stringMatching(/Zoom Phone/) });
    expect(harness.receiver.events).toEqual([]);
  });
});
