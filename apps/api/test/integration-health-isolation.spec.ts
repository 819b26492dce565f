import { DataSource } from 'typeorm';
import { connectedStackForSuite } from './support/connected-stack';
import { eventually } from './support/eventually';
import { connectZoom } from './support/zoom-oauth';

const HEALTH = '{ integrationHealth { inboxCounts { status count } lastEvents { event } failedEvents { id event status lastError } } }';

interface Health {
  inboxCounts: Array<{ status: string; count: number }>;
  lastEvents: Array<{ event: string }>;
  failedEvents: Array<{ id: string; event: string; status: string; lastError: string | null }>;
}

/**
 * Two organisations whose agents are Zoom users of one Zoom account (the simulator's agent@demo.test and
 * admin@demo.test): each admin's health page shows the events of its own organisation's Zoom users, nothing else.
 */
describe('integration health across organisations sharing a Zoom account', () => {
  // Organisation A, "Demo Realty": agent@demo.test connected as the Zoom user agent@demo.test; its admin has no Zoom.
  const stack = connectedStackForSuite({ colleagues: [{ email: 'admin@demo.test', role: 'admin' }] });
  let adminA: string;
  let adminB: string;
  let simUsers: Array<{ id: string; email: string; accountId: string }>;

  const db = () => stack.api.app.get(DataSource);
  const healthOf = async (token: string) => {
    const result = await stack.api.graphql<{ integrationHealth: Health }>(HEALTH, {}, token);
    expect(result.errors).toBeUndefined();
    return result.data!.integrationHealth;
  };
  const total = (health: Health) => health.inboxCounts.reduce((sum, entry) => sum + entry.count, 0);
  const deliveredEvents = async () => (await stack.sim.control<Array<{ event: string; status: string }>>('GET', '/_sim/deliveries')).map((delivery) => delivery.event);
  /** Every delivery made and every stored event processed. */
  const settled = async () => {
    await eventually(() => stack.sim.control<Array<{ status: string }>>('GET', '/_sim/deliveries'), (deliveries) => deliveries.every((delivery) => delivery.status === 'delivered'), 30_000);
    await eventually(() => db().query(`SELECT count(*)::int AS n FROM webhook_inbox WHERE status IN ('received', 'processing')`), ([row]: Array<{ n: number }>) => row.n === 0, 30_000);
  };
  const zoomUser = (email: string) => simUsers.find((user) => user.email === email)!;

  beforeAll(async () => {
    simUsers = await stack.sim.control('GET', '/_sim/users');
    expect(zoomUser('agent@demo.test').accountId).toBe(zoomUser('admin@demo.test').accountId);
    adminA = await stack.api.login('admin@demo.test');
    // Organisation B, "Harbor Homes": its admin connects the Zoom user admin@demo.test, of the same Zoom account.
    await stack.api.createOrganisation('Harbor Homes', [{ email: 'owner@harbor.test', role: 'admin' }]);
    adminB = await stack.api.login('owner@harbor.test');
    await connectZoom(stack.api, adminB, 'admin@demo.test');

    // A's traffic: a missed call, and a call history event with a malformed record (processed_with_errors).
    const agent = zoomUser('agent@demo.test');
    await stack.sim.control('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', direction: 'inbound', counterpartNumber: '+14155550187', outcome: 'missed' });
    const startTime = new Date().toISOString();
    const malformed = { id: 'hist-malformed', call_path_id: 'path-malformed', result: 'answered', start_time: startTime };
    await stack.sim.control('POST', '/_sim/webhooks/send', { event: 'phone.callee_call_history_completed', payload: { account_id: agent.accountId, object: { user_id: agent.id, call_logs: [malformed] } } });
    // An event of the account that names no user: nobody's.
    await stack.sim.control('POST', '/_sim/webhooks/send', { event: 'phone.something_new', payload: { account_id: agent.accountId, object: { note: 'account-wide' } } });
    await settled();
  });

  it("shows A's admin A's events, and B's admin none of them", async () => {
    const healthA = await healthOf(adminA);
    expect(healthA.failedEvents).toEqual([expect.objectContaining({ event: 'phone.callee_call_history_completed', status: 'processed_with_errors', lastError: expect.stringContaining('hist-malformed') })]);
    const callEvents = (await deliveredEvents()).filter((event) => event.startsWith('phone.callee_'));
    expect(healthA.lastEvents.map((seen) => seen.event).sort()).toEqual([...new Set(callEvents)].sort());

    expect(await healthOf(adminB)).toEqual({ inboxCounts: [], lastEvents: [], failedEvents: [] });
  });

  it("refuses B's admin a retry of A's event as NOT_FOUND, and leaves the event as it was", async () => {
    const [failedOfA] = (await healthOf(adminA)).failedEvents;
    const retry = await stack.api.graphql('mutation($id: ID!) { retryWebhookEvent(id: $id) }', { id: failedOfA.id }, adminB);
    expect(retry.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const [row] = await db().query(`SELECT status FROM webhook_inbox WHERE id = $1`, [failedOfA.id]);
    expect(row.status).toBe('processed_with_errors');
  });

  it("shows B's admin B's own call, which A's page does not count", async () => {
    const totalOfA = total(await healthOf(adminA));
    const before = (await deliveredEvents()).length;
    await stack.sim.control('POST', '/_sim/phone/calls', { userEmail: 'admin@demo.test', direction: 'inbound', counterpartNumber: '+14155550166', outcome: 'answered', durationSeconds: 30 });
    await settled();
    const eventsOfB = (await deliveredEvents()).slice(before);
    expect(eventsOfB.length).toBeGreaterThan(0);

    const healthB = await healthOf(adminB);
    expect(total(healthB)).toBe(eventsOfB.length);
    expect(healthB.lastEvents.map((seen) => seen.event).sort()).toEqual([...new Set(eventsOfB)].sort());
    expect(total(await healthOf(adminA))).toBe(totalOfA);
  });
});
