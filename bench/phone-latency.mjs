// Zoom event -> `activityAdded` on a subscribed GraphQL client: a signed call-history webhook posted to the real
// api (all roles in one process, as `npm start` runs it), timed until the subscriber receives the new CALL.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { connectZoom, createBenchDatabase, graphql, percentile, seedDemo, startApi, startSim } from './lib/stack.mjs';
import { zoomFixture, zoomSignatureHeaders } from './lib/zoom-webhooks.mjs';

const FIXTURE = zoomFixture('phone.callee_call_history_completed');
const EVENTS = 300;
const WARMUP = 30;

function signedCall(secret, zoomUserId, callerNumber, sequence) {
  const event = structuredClone(FIXTURE);
  const callId = String(8_000_000_000_000_000_000n + BigInt(sequence));
  event.event_ts = Date.now();
  event.payload.object.user_id = zoomUserId;
  Object.assign(event.payload.object.call_logs[0], { call_id: callId, id: `bench-${sequence}`, call_history_uuid: `bench-${sequence}`, caller_did_number: callerNumber, start_time: new Date().toISOString().replace(/\.\d+Z$/, 'Z') });
  const body = JSON.stringify(event);
  return { callId, body, headers: zoomSignatureHeaders(body, secret) };
}

export async function run() {
  const database = await createBenchDatabase();
  seedDemo(database.url);
  const sim = await startSim();
  const api = await startApi({ DATABASE_URL: database.url, ...sim.env });
  const subscriber = { client: null };
  try {
    const { login } = await graphql(api.url, 'mutation { login(email: "agent@demo.test", password: "demo-password") { token } }');
    await connectZoom(api.url, login.token, 'agent@demo.test');
    const zoomUser = (await sim.control('GET', '/_sim/users')).find((user) => user.email === 'agent@demo.test');
    const { contacts } = await graphql(api.url, '{ contacts(search: "(415) 555-0106", first: 1) { edges { node { id phones { e164 } } } } }', {}, login.token);
    const contact = contacts.edges[0].node;

    const waiting = new Map();
    subscriber.client = createClient({ url: `${api.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${login.token}` } });
    subscriber.client.subscribe(
      { query: 'subscription($c: ID) { activityAdded(contactId: $c) { id zoom { callId } } }', variables: { c: contact.id } },
      { next: ({ data }) => waiting.get(data.activityAdded.zoom?.callId)?.(), error: (error) => console.error(error), complete: () => undefined },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));

    const latencies = [];
    for (let sequence = 0; sequence < EVENTS + WARMUP; sequence += 1) {
      const call = signedCall(sim.env.ZOOM_WEBHOOK_SECRET_TOKEN, zoomUser.id, contact.phones[0].e164, sequence);
      const started = process.hrtime.bigint();
      const delivered = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`call ${call.callId} never reached the subscriber`)), 10_000);
        waiting.set(call.callId, () => (clearTimeout(timer), resolve()));
      });
      const response = await fetch(`${api.url}/webhooks/zoom`, { method: 'POST', headers: call.headers, body: call.body });
      if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
      await delivered;
      if (sequence >= WARMUP) latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    latencies.sort((a, b) => a - b);
    return [
      {
        benchmark: 'Zoom call event -> activityAdded on a subscribed client',
        metric: 'p95 latency',
        value: `${percentile(latencies, 95).toFixed(1)} ms`,
        target: '<= 200 ms',
        note: `p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms over ${EVENTS} signed call-history webhooks, one at a time, api role "all" (intake, BullMQ worker, Redis pub/sub, graphql-ws)`,
      },
    ];
  } finally {
    await subscriber.client?.dispose();
    await api.stop();
    await sim.stop();
    await database.drop();
  }
}
