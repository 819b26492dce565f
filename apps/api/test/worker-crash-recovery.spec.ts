import { createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { type ApiProcess, startApiProcess } from './support/api-process';
import { startConnectedStack, type ConnectedStack } from './support/connected-stack';
import { eventually } from './support/eventually';
import { postWebhook, zoomHeaders } from './support/zoom-webhooks';

const CALLS = 60;
const WEBHOOK_SECRET = 'sim-webhook-secret';
/**
 * How long after the new worker started every event must be done. Not a measure of speed (the drain time is
 * logged): with BullMQ's default locks a killed worker's jobs cannot come back in less than 30 s after the next
 * worker starts, so a backlog that drains at all within this bound was recovered by the queue's own locks.
 */
const DRAIN_BOUND_MS = 25_000;

interface SimDelivery {
  id: string;
  status: string;
  body: Record<string, unknown>;
}

/** A port nothing listens on: the simulator's own deliveries fail there, and the test sends their bodies itself. */
async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A worker killed with SIGKILL while it holds jobs (a crash, an OOM kill) delays nobody for long: the next worker
 * takes the jobs it held over within seconds, and each Zoom event is still processed exactly once.
 */
describe('a worker killed mid-load', () => {
  let stack: ConnectedStack;
  let db: DataSource;
  let firstWorker: ApiProcess;
  let secondWorker: ApiProcess | null = null;

  beforeAll(async () => {
    // The api in this process only takes requests; the queues run in worker processes.
    stack = await startConnectedStack({ env: { API_ROLE: 'http' } });
    db = stack.api.app.get(DataSource);
    firstWorker = await startApiProcess({ ...stack.api.env, API_ROLE: 'worker', LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    await secondWorker?.stop();
    await firstWorker?.stop();
    await stack?.close();
  });

  it('has the next worker take over the jobs it held and process every event once', async () => {
    // Zoom's events for CALLS missed calls, as the simulator makes them, captured rather than delivered.
    await stack.sim.control('POST', '/_sim/config', { webhookUrl: `http://127.0.0.1:${await closedPort()}/webhooks/zoom` });
    const calls: Array<{ callId: string; deliveryIds: string[] }> = [];
    for (let index = 0; index < CALLS; index += 1) {
      const counterpartNumber = `+1415555${String(1000 + index).padStart(4, '0')}`;
      calls.push(await stack.sim.control('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', direction: 'inbound', counterpartNumber, outcome: 'missed' }));
    }
    const ours = new Set(calls.flatMap((call) => call.deliveryIds));
    const deliveries = (await stack.sim.control<SimDelivery[]>('GET', '/_sim/deliveries')).filter((delivery) => ours.has(delivery.id) && delivery.status !== 'withheld');
    const bodies = deliveries.map((delivery) => JSON.stringify(delivery.body));

    const finished = async () => Number((await db.query(`SELECT count(*) AS n FROM webhook_inbox WHERE status NOT IN ('received', 'processing')`))[0].n);
    // Sent as fast as the intake takes them (a paced stream let a worker on a busy machine keep up, holding nothing
    // when killed); the worker is killed once a quarter is done, with a backlog queued behind the jobs it holds.
    let killedAt = 0;
    let heldAtKill = 0;
    const killer = (async () => {
      await eventually(finished, (count) => count >= bodies.length / 4, 30_000);
      await firstWorker.kill();
      killedAt = Date.now();
      heldAtKill = Number((await db.query(`SELECT count(*) AS n FROM webhook_inbox WHERE status = 'processing'`))[0].n);
    })();
    for (let start = 0; start < bodies.length; start += 10) {
      const statuses = await Promise.all(bodies.slice(start, start + 10).map(async (body) => (await postWebhook(stack.api.url, body, zoomHeaders(body, WEBHOOK_SECRET))).status));
      expect(statuses.every((status) => status === 200)).toBe(true);
    }
    await killer;
    expect(heldAtKill).toBeGreaterThan(0);

    secondWorker = await startApiProcess({ ...stack.api.env, API_ROLE: 'worker', LOG_LEVEL: 'info' });
    const startedAt = Date.now();
    await eventually(finished, (count) => count === bodies.length, DRAIN_BOUND_MS);
    const drainedAt = Date.now();
    console.log(
      `${bodies.length} events, ${heldAtKill} held by the killed worker: all processed ${((drainedAt - killedAt) / 1000).toFixed(1)} s after the SIGKILL, ` +
        `${((drainedAt - startedAt) / 1000).toFixed(1)} s after the next worker started`,
    );

    const rows: Array<{ status: string; count: string }> = await db.query(`SELECT status, count(*) AS count FROM webhook_inbox GROUP BY status`);
    expect(Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]))).toEqual({ processed: bodies.length });
    // Exactly once: one activity per call, none lost and none doubled.
    const activities: Array<{ call_id: string; count: string }> = await db.query(`SELECT zoom->>'callId' AS call_id, count(*) AS count FROM activities WHERE type = 'CALL' GROUP BY 1`);
    expect(new Map(activities.map((row) => [row.call_id, Number(row.count)]))).toEqual(new Map(calls.map((call) => [call.callId, 1])));
  }, 120_000);
});
