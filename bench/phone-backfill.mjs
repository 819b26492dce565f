// Call-history backfill throughput as a fraction of what Zoom's rate limit allows: the simulator serves call
// history at its Pro-plan Zoom Phone "medium" limit (requests per second, 300 calls a page); the real api
// (role "all") backfills on connect; calls/s achieved over calls/s the limit permits.
import { connectZoom, createBenchDatabase, graphql, seedDemo, startApi, startSim } from './lib/stack.mjs';

const CALLS = 6000;
const PAGE_SIZE = 300;

export async function run() {
  const database = await createBenchDatabase();
  seedDemo(database.url);
  const sim = await startSim();
  const api = await startApi({ DATABASE_URL: database.url, ...sim.env });
  try {
    const config = await sim.control('GET', '/_sim/config');
    const limit = config.rateLimits.phonePerSecond.Pro.medium;
    await sim.control('POST', '/_sim/phone/history', { userEmail: 'agent@demo.test', count: CALLS, days: 29 });
    const { login } = await graphql(api.url, 'mutation { login(email: "agent@demo.test", password: "demo-password") { token } }');
    await connectZoom(api.url, login.token, 'agent@demo.test');
    let sync;
    for (;;) {
      ({ callSync: sync } = await graphql(api.url, '{ callSync { status processed startedAt finishedAt } }', {}, login.token));
      if (sync?.status === 'DONE' || sync?.status === 'FAILED') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (sync.status !== 'DONE' || sync.processed !== CALLS) throw new Error(`backfill ended ${sync.status} with ${sync.processed} calls`);
    const seconds = (Date.parse(sync.finishedAt) - Date.parse(sync.startedAt)) / 1000;
    const requests = await sim.control('GET', '/_sim/requests?path=/v2/phone/users/me/call_history');
    const throttled = requests.filter((request) => request.status === 429).length;
    const callsPerSecond = CALLS / seconds;
    const allowed = limit * PAGE_SIZE;
    return [
      {
        benchmark: `call-history backfill of ${CALLS.toLocaleString('en-US')} calls (Pro plan, Zoom Phone medium limit ${limit} req/s)`,
        metric: 'calls/s as a fraction of the rate limit',
        value: `${(callsPerSecond / allowed).toFixed(2)} (${Math.round(callsPerSecond)} of ${allowed} calls/s)`,
        target: '>= 0.9',
        note: `${seconds.toFixed(1)} s from start to done, ${requests.length} call-history requests (${throttled} answered 429), ${PAGE_SIZE} calls a page, every call upserted and matched to contacts`,
      },
    ];
  } finally {
    await api.stop();
    await sim.stop();
    await database.drop();
  }
}
