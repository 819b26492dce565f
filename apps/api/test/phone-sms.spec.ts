import { DataSource } from 'typeorm';
import { connectedStackForSuite, JORDAN_LEE } from './support/connected-stack';
import { eventually } from './support/eventually';
import { withWebhooksHeld } from './support/held-webhooks';

const SMS_FIELDS = 'id type direction body occurredAt counterpartNumber attachments { kind url title } contact { id } owner { id } zoom { messageId }';

interface SimText {
  messageId: string;
  deliveryIds: string[];
}

describe('Zoom Phone texts (SMS) from the simulator\u2019s signed webhooks and the softphone', () => {
  const stack = connectedStackForSuite({ contact: JORDAN_LEE });
  const db = () => stack.api.app.get(DataSource);

  const text = (body: Record<string, unknown>) => stack.sim.control<SimText>('POST', '/_sim/phone/sms', { userEmail: 'agent@demo.test', counterpartNumber: '+14155550187', ...body });
  const thread = async (contactId: string) =>
    (await stack.api.graphql<{ activities: { edges: { node: any }[] } }>(`query($c: ID) { activities(contactId: $c, types: [SMS]) { edges { node { ${SMS_FIELDS} } } } }`, { c: contactId }, stack.session)).data!.activities.edges.map((edge) => edge.node);
  const rowsOf = (messageId: string) => db().query(`SELECT id FROM activities WHERE zoom_ref = $1`, [`sms:${messageId}`]) as Promise<Array<{ id: string }>>;
  const activity = async (id: string) => (await stack.api.graphql<{ activity: any }>(`query($id: ID!) { activity(id: $id) { ${SMS_FIELDS} } }`, { id }, stack.session)).data!.activity;
  const allDelivered = () => eventually(() => stack.sim.control<{ status: string }[]>('GET', '/_sim/deliveries'), (deliveries) => deliveries.every((delivery) => delivery.status === 'delivered'));
  /** The simulator's copy of what it sent: the time Zoom gave the message. */
  const sentAt = async (messageId: string) => {
    const deliveries = await stack.sim.control<Array<{ body: { payload: { object: { message_id: string; date_time: string } } } }>>('GET', '/_sim/deliveries');
    return new Date(deliveries.find((delivery) => delivery.body.payload.object.message_id === messageId)!.body.payload.object.date_time).toISOString();
  };
  const recordSoftphoneSms = (input: Record<string, unknown>) =>
    stack.api.graphql<{ recordSoftphoneSms: any }>(`mutation($input: SoftphoneSmsInput!) { recordSoftphoneSms(input: $input) { ${SMS_FIELDS} } }`, { input }, stack.session);

  it('puts a text received and one sent on the contact once each, as a thread, however often Zoom delivers them', async () => {
    const received = await text({ direction: 'inbound', body: 'Is the open house still on Saturday?', delivery: { duplicates: 2 } });
    const sent = await text({ direction: 'outbound', body: 'Yes, 1 to 4. Flyer attached.', attachments: ['12-Alder-St-flyer.pdf'], delivery: { duplicates: 2, order: 'reverse' } });
    await eventually(() => thread(stack.contactId), (messages) => messages.length === 2);
    await allDelivered();
    const me = (await stack.api.graphql<{ me: { id: string } }>('{ me { id } }', {}, stack.session)).data!.me;

    // Zoom's times are to the second, as the two texts may be: the thread's order between them is not the test's.
    const messages = await thread(stack.contactId);
    expect(messages).toHaveLength(2);
    expect(messages).toEqual(expect.arrayContaining([
      {
        id: expect.any(String),
        type: 'SMS',
        direction: 'OUTBOUND',
        body: 'Yes, 1 to 4. Flyer attached.',
        occurredAt: await sentAt(sent.messageId),
        counterpartNumber: '+14155550187',
        attachments: [{ kind: 'mms', url: '', title: '12-Alder-St-flyer.pdf' }],
        contact: { id: stack.contactId },
        owner: { id: me.id },
        zoom: { messageId: sent.messageId },
      },
      expect.objectContaining({ type: 'SMS', direction: 'INBOUND', body: 'Is the open house still on Saturday?', occurredAt: await sentAt(received.messageId), counterpartNumber: '+14155550187', attachments: [], zoom: { messageId: received.messageId } }),
    ]));
    expect(await rowsOf(received.messageId)).toHaveLength(1);
    expect(await rowsOf(sent.messageId)).toHaveLength(1);

    // The same message in an event of its own (a new event_ts, so the inbox keeps it): processed, and still one text.
    const deliveries = await stack.sim.control<Array<{ event: string; body: { payload: { object: { message_id: string } } } }>>('GET', '/_sim/deliveries');
    const original = deliveries.find((delivery) => delivery.body.payload.object.message_id === received.messageId)!;
    await stack.sim.control('POST', '/_sim/webhooks/send', { event: original.event, payload: original.body.payload });
    const processedEvents = () =>
      db().query(`SELECT count(*)::int AS n FROM webhook_inbox WHERE status = 'processed' AND body->'payload'->'object'->>'message_id' = $1`, [received.messageId]) as Promise<Array<{ n: number }>>;
    await eventually(processedEvents, ([row]) => row.n === 2);
    expect(await rowsOf(received.messageId)).toHaveLength(1);
  });

  it('keeps a text from a number no contact has in Unmatched, where linking it puts it on a contact', async () => {
    const { messageId } = await text({ direction: 'inbound', counterpartNumber: '(415) 555-0999', body: 'Saw your sign on Pine St, is it still available?' });
    const [row] = await eventually(() => rowsOf(messageId), (rows) => rows.length === 1);
    const unmatched = async () =>
      (await stack.api.graphql<{ unmatchedActivities: { edges: { node: any }[] } }>(`{ unmatchedActivities { edges { node { ${SMS_FIELDS} } } } }`, {}, stack.session)).data!.unmatchedActivities.edges.map((edge) => edge.node);
    expect((await unmatched()).filter((item) => item.id === row.id)).toEqual([expect.objectContaining({ type: 'SMS', direction: 'INBOUND', counterpartNumber: '+14155550999', contact: null })]);

    const casey = (await stack.api.graphql<{ createContact: { id: string } }>('mutation { createContact(input: { firstName: "Casey" }) { id } }', {}, stack.session)).data!.createContact.id;
    await stack.api.graphql('mutation($a: ID!, $c: ID!) { linkActivity(activityId: $a, contactId: $c) { id } }', { a: row.id, c: casey }, stack.session);
    expect((await thread(casey)).map((message) => message.id)).toEqual([row.id]);
    expect((await unmatched()).filter((item) => item.id === row.id)).toEqual([]);
  });

  it('makes one text of the softphone\u2019s log and Zoom\u2019s event that follows it, with Zoom\u2019s facts', async () => {
    const held = await withWebhooksHeld(stack, () => text({ direction: 'outbound', body: 'Running 10 minutes late', attachments: ['map.png'] }));
    const fromPane = await recordSoftphoneSms({ messageId: held.messageId, direction: 'outbound', counterpartNumber: '415 555 0187', body: 'Running 10 min late' });
    expect(fromPane.data!.recordSoftphoneSms).toMatchObject({ type: 'SMS', direction: 'OUTBOUND', body: 'Running 10 min late', counterpartNumber: '+14155550187', contact: { id: stack.contactId }, attachments: [], zoom: { messageId: held.messageId } });

    await held.release();
    const updated = await eventually(() => activity(fromPane.data!.recordSoftphoneSms.id), (found) => found.body === 'Running 10 minutes late');
    expect(updated).toMatchObject({ attachments: [{ kind: 'mms', url: '', title: 'map.png' }], occurredAt: await sentAt(held.messageId), contact: { id: stack.contactId } });
    await allDelivered();
    expect(await rowsOf(held.messageId)).toEqual([{ id: fromPane.data!.recordSoftphoneSms.id }]);
  });

  it('leaves Zoom\u2019s text as it was when the softphone logs it afterwards', async () => {
    const { messageId } = await text({ direction: 'inbound', body: 'Can we move to 3pm?' });
    const [row] = await eventually(() => rowsOf(messageId), (rows) => rows.length === 1);
    const before = await activity(row.id);
    const fromPane = await recordSoftphoneSms({ messageId, direction: 'outbound', counterpartNumber: '+14155550142', body: 'something else', occurredAt: '2026-01-01T00:00:00Z' });
    expect(fromPane.data!.recordSoftphoneSms).toEqual(before);
    expect(await rowsOf(messageId)).toHaveLength(1);
  });

  it('refuses a softphone text it cannot read, naming the field, and stores nothing', async () => {
    const good = { messageId: 'pane-only-1', direction: 'inbound', counterpartNumber: '+14155550187', body: 'Hi' };
    const refused = async (input: Record<string, unknown>) => (await recordSoftphoneSms(input)).errors?.[0]?.extensions;
    expect(await refused({ ...good, direction: 'sideways' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'direction' });
    expect(await refused({ ...good, messageId: 'not an id!' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'messageId' });
    expect(await refused({ ...good, counterpartNumber: 'call me' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'counterpartNumber' });
    expect(await refused({ ...good, body: 'x'.repeat(10_001) })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
    expect(await refused({ ...good, occurredAt: new Date(Date.now() + 3_600_000).toISOString() })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'occurredAt' });
    expect(await rowsOf('pane-only-1')).toEqual([]);
    // A text Zoom never tells of (an event lost) still stands on the softphone's word.
    expect((await recordSoftphoneSms(good)).data!.recordSoftphoneSms).toMatchObject({ type: 'SMS', direction: 'INBOUND', body: 'Hi', contact: { id: stack.contactId } });
  });
});
