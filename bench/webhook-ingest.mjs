// Signed Zoom webhook ingest: the real api (http role: verify, store in the durable inbox, enqueue, ack) next to
// a bare node:http + HMAC + one INSERT baseline, measured in the same run with the same load tool and bodies.
import { spawn } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { findFreePort, waitForHttp } from '../scripts/lib/net.mjs';
import { createBenchDatabase, percentile, ROOT, startApi } from './lib/stack.mjs';
import { zoomFixture, zoomSignatureHeaders } from './lib/zoom-webhooks.mjs';

const SECRET = 'bench-webhook-secret';
const FIXTURE = zoomFixture('phone.callee_call_history_completed');
const SECONDS = 10;
const FIXED_RATE = 500;
const ROUNDS = 3;

const median = (values) => percentile([...values].sort((a, b) => a - b), 50);

let sequence = 0;
/** A distinct, correctly signed call-history event per request (the inbox de-duplicates repeats). */
function signedRequest(request) {
  sequence += 1;
  const event = structuredClone(FIXTURE);
  event.event_ts = Date.now() * 1000 + sequence;
  event.payload.object.call_logs[0].call_id = String(7_000_000_000_000_000_000n + BigInt(sequence));
  const body = JSON.stringify(event);
  return { ...request, method: 'POST', body, headers: zoomSignatureHeaders(body, SECRET) };
}

async function load(url, options) {
  const result = await autocannon({ url, duration: SECONDS, requests: [{ setupRequest: signedRequest }], ...options });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > result.requests.total / 100) throw new Error(`${url}: ${failed} of ${result.requests.total} requests failed`);
  return { perSecond: result.requests.average, p99: result.latency.p99 };
}

async function startBaseline(databaseUrl) {
  const port = await findFreePort(39500);
  const child = spawn(process.execPath, [path.join(ROOT, 'bench/lib/ingest-baseline.mjs')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, SECRET },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/webhooks/zoom`;
  // An unsigned probe answers 401 once the baseline listens.
  await waitForHttp(url, { timeoutMs: 10_000, isReady: (status) => status === 401 });
  return { url, stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))) };
}

export async function run() {
  const database = await createBenchDatabase();
  const baseline = await startBaseline(database.url);
  const api = await startApi({ DATABASE_URL: database.url, API_ROLE: 'http', ZOOM_WEBHOOK_SECRET_TOKEN: SECRET });
  const apiUrl = `${api.url}/webhooks/zoom`;
  try {
    // Warm both (JIT, connection pools), then measure each in turn with identical load.
    await load(baseline.url, { connections: 10, duration: 2 });
    await load(apiUrl, { connections: 10, duration: 2 });
    // Two cores carry the load tool, both servers, PostgreSQL and Redis: alternate rounds and keep the medians.
    const baselineMax = [], apiMax = [], baselineFixed = [], apiFixed = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      baselineMax.push((await load(baseline.url, { connections: 50 })).perSecond);
      apiMax.push((await load(apiUrl, { connections: 50 })).perSecond);
      baselineFixed.push((await load(baseline.url, { connections: 50, overallRate: FIXED_RATE })).p99);
      apiFixed.push((await load(apiUrl, { connections: 50, overallRate: FIXED_RATE })).p99);
    }
    const throughput = { api: median(apiMax), baseline: median(baselineMax) };
    const p99 = { api: median(apiFixed), baseline: median(baselineFixed) };
    const throughputRatio = throughput.api / throughput.baseline;
    const latencyRatio = p99.api / Math.max(p99.baseline, 1);
    return [
      {
        benchmark: 'signed webhook ingest, max throughput (api vs bare node:http + HMAC + INSERT)',
        metric: 'api / baseline req/s',
        value: `${throughputRatio.toFixed(2)}x (${Math.round(throughput.api)} vs ${Math.round(throughput.baseline)} req/s)`,
        target: '>= 0.5x',
        note: `median of ${ROUNDS} alternating rounds, 50 connections, ${SECONDS} s each, autocannon; the api verifies, stores in the inbox and enqueues a job per event`,
      },
      {
        benchmark: `signed webhook ingest, ack p99 at ${FIXED_RATE} req/s`,
        metric: 'api / baseline p99',
        value: `${latencyRatio.toFixed(2)}x (${p99.api} vs ${p99.baseline} ms)`,
        target: '<= 1.5x',
        note: `median of ${ROUNDS} alternating rounds at ${FIXED_RATE} req/s for ${SECONDS} s, same bodies and tool; p99 below 1 ms counted as 1 ms`,
      },
    ];
  } finally {
    await api.stop();
    await baseline.stop();
    await database.drop();
  }
}
