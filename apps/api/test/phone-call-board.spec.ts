import { DataSource } from 'typeorm';
import { connectedStackForSuite, JORDAN_LEE } from './support/connected-stack';
import { startApiProcess } from './support/api-process';
import { eventually } from './support/eventually';
import { postWebhook, zoomHeaders } from './support/zoom-webhooks';

interface LiveCall {
  callId: string;
  state: 'RINGING' | 'CONNECTED';
  direction: string;
  counterpartNumber: string;
  contact: { id: string; name: string } | null;
  owner: { email: string };
}
const LIVE_CALL_FIELDS = 'callId state direction counterpartNumber contact { id name } owner { email }';

describe('the live call board', () => {
  const stack = connectedStackForSuite({ contact: JORDAN_LEE });

  const liveCalls = async (url = stack.api.url) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.session}` },
      body: JSON.stringify({ query: `{ liveCalls { ${LIVE_CALL_FIELDS} } }` }),
    });
    return ((await response.json()) as { data: { liveCalls: LiveCall[] } }).data.liveCalls;
  };
  const ring = (outcome: 'missed' | 'answered', delivery: Record<string, unknown>) =>
    stack.sim.control<{ callId: string }>('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', direction: 'inbound', counterpartNumber: '(415) 555-0187', counterpartName: 'JORDAN LEE', outcome, durationSeconds: 20, delivery });

  it('shows a call ringing on the subscribed board with its contact, then takes it off when it is missed', async () => {
    const boards: LiveCall[][] = [];
    const client = stack.api.subscribe(stack.session);
    const unsubscribe = client.subscribe<{ callBoard: LiveCall[] }>({ query: `subscription { callBoard { ${LIVE_CALL_FIELDS} } }` }, { next: (value) => boards.push(value.data!.callBoard), error: () => undefined, complete: () => undefined });
    try {
      // The board is sent at once on subscribing: empty, nobody is on the phone.
      await eventually(async () => boards, (found) => found.length > 0);
      expect(boards[0]).toEqual([]);
      const { callId } = await ring('missed', { paceMs: 700 });
      await eventually(async () => boards, (found) => found.some((board) => board.length === 1));
      expect(boards.find((board) => board.length === 1)).toEqual([
        { callId, state: 'RINGING', direction: 'INBOUND', counterpartNumber: '+14155550187', contact: { id: stack.contactId, name: 'Jordan Lee' }, owner: { email: 'agent@demo.test' } },
      ]);
      await eventually(async () => boards, (found) => found.at(-1)!.length === 0 && found.length > 2);
      expect(await liveCalls()).toEqual([]);
    } finally {
      unsubscribe();
      await client.dispose();
    }
  });

  it('never leaves a call on the board when its events arrive twice and in any order', async () => {
    const { callId } = await ring('answered', { order: 'reverse', duplicates: 2 });
    const db = stack.api.app.get(DataSource);
    await eventually(() => db.query('SELECT state FROM live_calls WHERE call_id = $1', [callId]), (rows: Array<{ state: string }>) => rows[0]?.state === 'ENDED');
    await eventually(() => stack.sim.control<{ status: string }[]>('GET', '/_sim/deliveries'), (deliveries) => deliveries.every((delivery) => delivery.status === 'delivered'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await liveCalls()).toEqual([]);
    expect(await db.query('SELECT state FROM live_calls WHERE call_id = $1', [callId])).toEqual([{ state: 'ENDED' }]);
  });

  it('shows a call from a colleague as internal, though Zoom names no user id for the caller', async () => {
    const [agent] = await stack.sim.control<Array<{ id: string; email: string; accountId: string; phoneNumber: string; extension: number }>>('GET', '/_sim/users').then((users) => users.filter((user) => user.email === 'agent@demo.test'));
    const callId = `internal-${Date.now()}`;
    // As Zoom's spec has phone.callee_ringing: the caller, a colleague's extension, with no user_id.
    const colleague = { extension_id: 'colleague-extension-id', extension_type: 'user', extension_number: 1002, name: 'Casey Colleague', phone_number: '+14155550102', connection_type: 'voip' };
    const callee = { extension_type: 'user', extension_number: agent.extension, user_id: agent.id, phone_number: agent.phoneNumber, connection_type: 'voip' };
    const deliver = async (event: string, times: Record<string, string>) => {
      const body = JSON.stringify({ event, event_ts: Date.now(), payload: { account_id: agent.accountId, object: { call_id: callId, caller: colleague, callee, ...times } } });
      expect((await postWebhook(stack.api.url, body, zoomHeaders(body, 'sim-webhook-secret'))).status).toBe(200);
    };
    const ringingAt = new Date().toISOString();
    await deliver('phone.callee_ringing', { ringing_start_time: ringingAt });
    const ringing = await eventually(() => liveCalls(), (calls) => calls.some((call) => call.callId === callId));
    expect(ringing.find((call) => call.callId === callId)).toMatchObject({ state: 'RINGING', direction: 'INTERNAL', counterpartNumber: '+14155550102', contact: null });
    await deliver('phone.callee_missed', { ringing_start_time: ringingAt, call_end_time: new Date().toISOString() });
    await eventually(() => liveCalls(), (calls) => !calls.some((call) => call.callId === callId));
  });

  it('is rebuilt by an api process started mid-call, from PostgreSQL rather than memory', async () => {
    const { callId } = await ring('answered', { paceMs: 4000 });
    await eventually(() => liveCalls(), (calls) => calls.length === 1);
    const fresh = await startApiProcess({ ...stack.api.env, API_ROLE: 'http' });
    try {
      expect(await liveCalls(fresh.url)).toEqual([expect.objectContaining({ callId, state: 'RINGING', contact: { id: stack.contactId, name: 'Jordan Lee' } })]);
      const connected = await eventually(() => liveCalls(fresh.url), (calls) => calls[0]?.state === 'CONNECTED', 15_000);
      expect(connected).toHaveLength(1);
    } finally {
      await fresh.stop();
    }
  });
});
