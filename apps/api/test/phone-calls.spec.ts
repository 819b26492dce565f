import { DataSource } from 'typeorm';
import { startZoomSim, zoomEnvFor, type ZoomSim } from '../../zoom-sim/testing/zoom-sim-process';
import { connectedStackForSuite, JORDAN_LEE } from './support/connected-stack';
import { startApiProcess } from './support/api-process';
import { eventually } from './support/eventually';
import { startTestApi, type TestApi } from './support/test-api';
import { connectZoom } from './support/zoom-oauth';

const CALL_FIELDS = 'id type direction result durationSeconds counterpartNumber body contact { id } owner { id } zoom { callId }';

describe('Zoom Phone calls logged from the simulator\u2019s signed webhooks', () => {
  const stack = connectedStackForSuite({ contact: JORDAN_LEE });

  const callsOf = async (contact: string) =>
    (await stack.api.graphql<{ activities: { edges: { node: any }[] } }>(`query($c: ID) { activities(contactId: $c, types: [CALL]) { edges { node { ${CALL_FIELDS} } } } }`, { c: contact }, stack.session)).data!.activities.edges.map((edge) => edge.node);

  it('logs an inbound answered call sent in national format once, on the contact stored in E.164, though every event arrives five times in any order', async () => {
    const { callId } = await stack.sim.control('POST', '/_sim/phone/calls', {
      userEmail: 'agent@demo.test',
      direction: 'inbound',
      counterpartNumber: '(415) 555-0187',
      counterpartName: 'JORDAN LEE',
      outcome: 'answered',
      durationSeconds: 95,
      delivery: { order: 'shuffled', duplicates: 4 },
    });
    const calls = await eventually(() => callsOf(stack.contactId), (found) => found.length > 0);
    await eventually(() => stack.sim.control<{ status: string }[]>('GET', '/_sim/deliveries'), (deliveries) => deliveries.every((delivery) => delivery.status === 'delivered'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await callsOf(stack.contactId)).toEqual([
      expect.objectContaining({ type: 'CALL', direction: 'INBOUND', result: 'ANSWERED', durationSeconds: 95, counterpartNumber: '+14155550187', zoom: { callId }, contact: { id: stack.contactId } }),
    ]);
    // The contact's name, not Zoom's caller ID name.
    expect(calls[0].body).toBe('Call from Jordan Lee');
    const rows = await stack.api.app.get(DataSource).query("SELECT count(*)::int AS n FROM activities WHERE type = 'CALL'");
    expect(rows[0].n).toBe(1);
  });

  it.each([
    { scenario: 'inbound missed, sent in national format', call: { direction: 'inbound', counterpartNumber: '415.555.0187', outcome: 'missed' }, expected: { direction: 'INBOUND', result: 'MISSED', durationSeconds: 0, counterpartNumber: '+14155550187' } },
    { scenario: 'outbound answered', call: { direction: 'outbound', counterpartNumber: '+1 (415) 555-0187', outcome: 'answered', durationSeconds: 42 }, expected: { direction: 'OUTBOUND', result: 'ANSWERED', durationSeconds: 42, counterpartNumber: '+14155550187' } },
    { scenario: 'internal, to a colleague\'s extension', call: { direction: 'internal', counterpartNumber: '1002', outcome: 'answered', durationSeconds: 15 }, expected: { direction: 'INTERNAL', result: 'ANSWERED', durationSeconds: 15, counterpartNumber: '+14155550101' } },
  ])('logs one correct activity for $scenario, every event delivered twice in reverse order', async ({ call, expected }) => {
    const { callId } = await stack.sim.control('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', ...call, delivery: { order: 'reverse', duplicates: 1 } });
    await eventually(() => stack.sim.control<{ status: string }[]>('GET', '/_sim/deliveries'), (deliveries) => deliveries.every((delivery) => delivery.status === 'delivered'));
    const db = stack.api.app.get(DataSource);
    const rows = await eventually(() => db.query(`SELECT id FROM activities WHERE zoom->>'callId' = $1`, [callId]), (found: Array<{ id: string }>) => found.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await db.query(`SELECT id FROM activities WHERE zoom->>'callId' = $1`, [callId])).toHaveLength(1);
    const activity = (await stack.api.graphql<{ activity: any }>(`query($id: ID!) { activity(id: $id) { ${CALL_FIELDS} } }`, { id: rows[0].id }, stack.session)).data!.activity;
    expect(activity).toMatchObject({ type: 'CALL', ...expected, zoom: { callId } });
  });

  const unmatchedCalls = async () =>
    (await stack.api.graphql<{ unmatchedActivities: { edges: { node: any }[] } }>(`{ unmatchedActivities { edges { node { ${CALL_FIELDS} counterpartName matchCandidates { id } } } } }`, {}, stack.session)).data!.unmatchedActivities.edges.map((edge) => edge.node);
  const link = (activityId: string, contact: string) =>
    stack.api.graphql<{ linkActivity: any }>(`mutation($a: ID!, $c: ID!) { linkActivity(activityId: $a, contactId: $c) { ${CALL_FIELDS} } }`, { a: activityId, c: contact }, stack.session);
  const createContact = async (firstName: string, phones: string[]) =>
    (await stack.api.graphql<{ createContact: { id: string } }>('mutation($f: String!, $p: [String!]) { createContact(input: { firstName: $f, phones: $p }) { id } }', { f: firstName, p: phones }, stack.session)).data!.createContact.id;
  const placeCall = (counterpartNumber: string, counterpartName?: string) =>
    stack.sim.control<{ callId: string }>('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', direction: 'inbound', counterpartNumber, counterpartName, outcome: 'missed' });
  const logged = async (callId: string) => {
    const rows = await eventually(
      () => stack.api.app.get(DataSource).query(`SELECT contact_id FROM activities WHERE zoom->>'callId' = $1`, [callId]),
      (found: Array<{ contact_id: string | null }>) => found.length > 0,
    );
    return rows[0].contact_id;
  };

  it('puts calls from an unknown number in Unmatched; "create contact" from one moves them all, and the next call matches by itself', async () => {
    const first = await placeCall('+14155550999', 'CASEY PARK');
    const second = await placeCall('415-555-0999', 'CASEY PARK');
    await logged(first.callId);
    await logged(second.callId);
    const unmatched = (await unmatchedCalls()).filter((call) => call.counterpartNumber === '+14155550999');
    expect(unmatched).toHaveLength(2);
    expect(unmatched[0]).toMatchObject({ result: 'MISSED', contact: null, counterpartName: 'CASEY PARK', matchCandidates: [], body: 'Missed call from CASEY PARK (+14155550999)' });

    // What the SPA's "Create contact" does: a contact prefilled with the number and name, then the call linked to it.
    const casey = await createContact('Casey', [unmatched[0].counterpartNumber]);
    expect((await link(unmatched[0].id, casey)).data!.linkActivity.contact).toEqual({ id: casey });
    expect((await callsOf(casey)).map((call) => call.id).sort()).toEqual(unmatched.map((call) => call.id).sort());
    // Linked, they read the contact's name, as calls matched when they came in do.
    expect((await callsOf(casey)).map((call) => call.body)).toEqual(['Missed call from Casey', 'Missed call from Casey']);
    expect((await unmatchedCalls()).filter((call) => call.counterpartNumber === '+14155550999')).toEqual([]);

    expect(await logged((await placeCall('(415) 555-0999')).callId)).toBe(casey);
  });

  it('"link to contact" gives the contact the number; a shared number asks "Which contact?" once and remembers the answer', async () => {
    const pat = await createContact('Pat', ['+1 415 555 0123']);
    const sam = await createContact('Sam', ['(415) 555-0123']);
    const { callId } = await placeCall('+14155550123');
    expect(await logged(callId)).toBeNull();
    const [asking] = (await unmatchedCalls()).filter((call) => call.counterpartNumber === '+14155550123');
    expect(asking.matchCandidates.map((contact: { id: string }) => contact.id).sort()).toEqual([pat, sam].sort());

    await link(asking.id, sam);
    expect(await logged((await placeCall('415 555 0123')).callId)).toBe(sam);

    const robin = await createContact('Robin', []);
    const stranger = await placeCall('+14155550456');
    await logged(stranger.callId);
    const [call] = (await unmatchedCalls()).filter((item) => item.counterpartNumber === '+14155550456');
    await link(call.id, robin);
    const phones = (await stack.api.graphql<{ contact: { phones: { e164: string }[] } }>('query($id: ID!) { contact(id: $id) { phones { e164 } } }', { id: robin }, stack.session)).data!.contact.phones;
    expect(phones).toEqual([{ e164: '+14155550456' }]);
    expect(await logged((await placeCall('+14155550456')).callId)).toBe(robin);
  });
});

describe('a worker killed mid-work', () => {
  let sim: ZoomSim;
  let httpOnly: TestApi;

  beforeAll(async () => {
    sim = await startZoomSim();
    // Web process only: every Zoom event waits in the inbox and the queue for a separate worker process.
    httpOnly = await startTestApi({ ...zoomEnvFor(sim), API_ROLE: 'http' });
    await sim.control('POST', '/_sim/config', { webhookUrl: `${httpOnly.url}/webhooks/zoom` });
    await httpOnly.createOrganisation('Demo Realty', [{ email: 'agent@demo.test' }]);
    await connectZoom(httpOnly, await httpOnly.login('agent@demo.test'), 'agent@demo.test');
  });
  afterAll(async () => {
    await httpOnly?.close();
    await sim?.stop();
  });

  it('loses nothing: a new worker finishes the job', async () => {
    const worker = await startApiProcess({ ...httpOnly.env, API_ROLE: 'worker', LOG_LEVEL: 'info' });
    const { callId } = await sim.control('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', direction: 'outbound', counterpartNumber: '+14155550187', outcome: 'answered', durationSeconds: 30 });
    await worker.kill();
    const replacement = await startApiProcess({ ...httpOnly.env, API_ROLE: 'worker', LOG_LEVEL: 'info' });
    try {
      const db = httpOnly.app.get(DataSource);
      const rows = await eventually(
        () => db.query(`SELECT result FROM activities WHERE zoom->>'callId' = $1`, [callId]),
        (found: unknown[]) => found.length > 0,
        60_000,
      );
      expect(rows).toEqual([{ result: 'ANSWERED' }]);
    } finally {
      await replacement.stop();
    }
  });
});
