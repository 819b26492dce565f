import { DataSource } from 'typeorm';
import { connectedStackForSuite } from './support/connected-stack';
import { eventually } from './support/eventually';
import { connectZoom } from './support/zoom-oauth';

/** docs/privacy.md: removing the app at Zoom deletes the raw Zoom events kept of that user, not only what was built from them. */
describe('app_deauthorized and the webhook inbox', () => {
  const stack = connectedStackForSuite({ colleagues: [{ email: 'admin@demo.test', role: 'admin' }] });
  const db = () => stack.api.app.get(DataSource);
  const AGENT_CALLER = '+14155550187';
  const COLLEAGUE_CALLER = '+14155550166';
  /** Inbox rows whose stored body holds `text` anywhere. */
  const rowsHolding = async (text: string) => (await db().query(`SELECT count(*)::int AS n FROM webhook_inbox WHERE body::text LIKE '%' || $1 || '%'`, [text]))[0].n as number;
  const settled = async () => {
    await eventually(() => stack.sim.control<Array<{ status: string }>>('GET', '/_sim/deliveries'), (deliveries) => deliveries.every((delivery) => delivery.status === 'delivered'), 30_000);
    await eventually(() => db().query(`SELECT count(*)::int AS n FROM webhook_inbox WHERE status IN ('received', 'processing')`), ([row]: Array<{ n: number }>) => row.n === 0, 30_000);
  };

  it("deletes that Zoom user's inbox rows, keeps the app_deauthorized event itself, and leaves other users' rows alone", async () => {
    const colleague = await stack.api.login('admin@demo.test');
    await connectZoom(stack.api, colleague, 'admin@demo.test');
    const users: Array<{ id: string; email: string }> = await stack.sim.control('GET', '/_sim/users');
    const agent = users.find((user) => user.email === 'agent@demo.test')!;
    await stack.sim.control('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', direction: 'inbound', counterpartNumber: AGENT_CALLER, outcome: 'voicemail', voicemailTranscript: 'Call me back about the listing.' });
    await stack.sim.control('POST', '/_sim/phone/calls', { userEmail: 'admin@demo.test', direction: 'inbound', counterpartNumber: COLLEAGUE_CALLER, outcome: 'answered', durationSeconds: 40 });
    await settled();
    expect(await rowsHolding(AGENT_CALLER.slice(2))).toBeGreaterThan(0);
    const colleagueRows = await rowsHolding(COLLEAGUE_CALLER.slice(2));
    expect(colleagueRows).toBeGreaterThan(0);

    await stack.sim.control('POST', '/_sim/deauthorize', { userEmail: 'agent@demo.test' });
    const deauthorized = async () => (await db().query(`SELECT status FROM webhook_inbox WHERE event = 'app_deauthorized'`))[0]?.status;
    expect(await eventually(deauthorized, (status) => status === 'processed')).toBe('processed');

    expect(await rowsHolding(AGENT_CALLER.slice(2))).toBe(0);
    expect(await db().query(`SELECT event FROM webhook_inbox WHERE zoom_user_id = $1`, [agent.id])).toEqual([{ event: 'app_deauthorized' }]);
    const [removal] = await db().query(`SELECT body::text AS body FROM webhook_inbox WHERE event = 'app_deauthorized'`);
    expect(removal.body).not.toMatch(/agent@demo\.test|4155550100|4155550187/);
    expect(await rowsHolding(COLLEAGUE_CALLER.slice(2))).toBe(colleagueRows);
  });
});
