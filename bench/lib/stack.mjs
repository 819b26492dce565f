// Shared by the benchmarks: a throwaway database with the real migrations, and the real api as a child process.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ensurePostgres, withDatabase } from '../../scripts/lib/postgres.mjs';
import { findFreePort, waitForHttp } from '../../scripts/lib/net.mjs';
import { waitForExit } from '../../scripts/lib/processes.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const REGISTER_PATHS = path.join(ROOT, 'scripts/register-paths.cjs');
const API_MAIN = path.join(ROOT, 'dist/out-tsc/apps/api/src/main.js');
/** What a worker-only process (it serves no HTTP) logs, at info, once its queues run. */
const WORKER_STARTED = 'Switchboard worker started';
/** A cold start on a loaded 2-core machine (Nest, TypeORM, BullMQ) takes seconds; this leaves a wide margin. */
const API_START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

/** Loads compiled api code (run `npm run build` first; `npm run bench` does). */
export function requireCompiled(relativePath) {
  require(REGISTER_PATHS);
  return require(path.join(ROOT, 'dist/out-tsc', relativePath));
}

export async function createBenchDatabase() {
  const server = await ensurePostgres({ database: 'postgres', dataDir: path.join(ROOT, '.data/postgres'), log: () => undefined });
  const name = `sb_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(server.url, name);
  await migrateDatabase(url);
  return {
    url,
    async drop() {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      await server.stop();
    },
  };
}

/** Applies every migration of the built api to the database at `url`, as the api's CLI does. */
export async function migrateDatabase(url) {
  const { DataSource } = require('typeorm');
  const { dataSourceOptions } = requireCompiled('apps/api/src/database.js');
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

/** Ends `child` with `signal` (then SIGKILL, should it outlive the grace) and resolves once it has exited. */
export async function stopProcess(child, signal = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const forceKill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  child.kill(signal);
  await waitForExit(child);
  clearTimeout(forceKill);
}

/**
 * The built api as a child process, in the role `env.API_ROLE` names (default all). Resolves once it serves HTTP or,
 * for a worker, once it says its queues run (workers therefore log at info unless told otherwise). `port` pins the
 * port, so that a process started again comes back where its clients expect it; `log` (a writable stream) gets
 * everything it prints, else its stderr goes to ours; `onSpawn(child)` hears of the process as soon as it exists, for
 * a caller that must be able to stop it before it is ready. `kill()` is a SIGKILL: the process dies mid-whatever.
 */
export async function startApi(env, { port, log, onSpawn } = {}) {
  const role = env.API_ROLE ?? 'all';
  const listenPort = port ?? (await findFreePort(39000));
  const child = spawn(process.execPath, ['-r', REGISTER_PATHS, API_MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: role === 'worker' ? 'info' : 'warn',
      REDIS_PREFIX: `sbbench:${randomBytes(4).toString('hex')}`,
      ...env,
      PORT: String(listenPort),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', log ? 'pipe' : 'inherit'],
  });
  onSpawn?.(child);
  if (log) {
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
  }
  // The last words of a process that fails to start, for the error.
  let lastOutput = '';
  const keep = (chunk) => (lastOutput = (lastOutput + chunk).slice(-3000));
  child.stdout.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${listenPort}`;
  const waiting = new AbortController();
  const ready = role === 'worker' ? printed(child.stdout, WORKER_STARTED) : waitForHttp(`${url}/healthz`, { timeoutMs: API_START_TIMEOUT_MS, signal: waiting.signal });
  // Read to the end, or the pipe fills and the process blocks on its next log line.
  child.stdout.resume();
  const exited = waitForExit(child).then(({ code, signal }) => {
    throw new Error(`the api (${role}) exited with ${signal ?? `code ${code}`} before it was ready:\n${lastOutput}`);
  });
  const timedOut = new Promise((_, reject) => setTimeout(() => reject(new Error(`the api (${role}) was not ready after ${API_START_TIMEOUT_MS / 1000} s:\n${lastOutput}`)), API_START_TIMEOUT_MS).unref());
  try {
    await Promise.race([ready, exited, timedOut]);
  } catch (error) {
    await stopProcess(child, 'SIGKILL');
    throw error;
  } finally {
    waiting.abort();
    child.stdout.off('data', keep);
    child.stderr?.off('data', keep);
  }
  return { url, port: listenPort, role, child, stop: () => stopProcess(child), kill: () => stopProcess(child, 'SIGKILL') };
}

/** Resolves once `text` has gone past on `stream` (which may split it across chunks). */
function printed(stream, text) {
  return new Promise((resolve) => {
    let tail = '';
    const look = (chunk) => {
      tail = (tail + chunk).slice(-(text.length + 4096));
      if (!tail.includes(text)) return;
      stream.off('data', look);
      resolve();
    };
    stream.on('data', look);
  });
}

/** Seeds the demo organisation and users (agent@demo.test / demo-password) as `npm run seed` does. */
export function seedDemo(databaseUrl) {
  execFileSync(process.execPath, ['-r', REGISTER_PATHS, path.join(ROOT, 'dist/out-tsc/apps/api/src/cli.js'), 'seed'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    stdio: 'pipe',
  });
}

/** The Zoom simulator as its own process, and the env that points the api at it (as real Zoom would be). */
export async function startSim() {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/out-tsc/apps/zoom-sim/src/main.js')], {
    cwd: ROOT,
    env: { ...process.env, SIM_PORT: '0', SIM_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /zoom-sim listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`zoom-sim exited with ${code}`)));
  });
  child.stdout.resume();
  return {
    url,
    env: {
      ZOOM_OAUTH_BASE: url,
      ZOOM_API_BASE: `${url}/v2`,
      ZOOM_CLIENT_ID: 'sim-client-id',
      ZOOM_CLIENT_SECRET: 'sim-client-secret',
      ZOOM_WEBHOOK_SECRET_TOKEN: 'sim-webhook-secret',
      OPENAI_BASE_URL: `${url}/v1`,
      OPENAI_API_KEY: 'sim-openai-key',
    },
    control: async (method, controlPath, body) => {
      const response = await fetch(`${url}${controlPath}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!response.ok) throw new Error(`zoom-sim ${method} ${controlPath}: ${response.status} ${await response.text()}`);
      return response.json();
    },
    stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))),
    /** Last resort when our own process is exiting: no time to wait. */
    killNow: () => child.kill('SIGKILL'),
  };
}

/** The browser's part of connecting Zoom: consent at the simulator (auto-approved), then the api's callback. */
export async function connectZoom(apiUrl, token, zoomEmail) {
  const { startZoomConnect } = await graphql(apiUrl, 'mutation { startZoomConnect }', {}, token);
  const authorize = new URL(startZoomConnect);
  authorize.searchParams.set('auto_approve', '1');
  authorize.searchParams.set('login_hint', zoomEmail);
  const consent = await fetch(authorize, { redirect: 'manual' });
  const callback = new URL(consent.headers.get('location'));
  const back = await fetch(`${apiUrl}/oauth/zoom/callback${callback.search}`, { redirect: 'manual', headers: { cookie: `sb_session=${token}` } });
  if (back.status !== 302 || !back.headers.get('location').includes('zoom=connected')) throw new Error(`connecting Zoom failed: ${back.status}`);
}

export function percentile(sortedValues, p) {
  return sortedValues[Math.min(sortedValues.length - 1, Math.ceil((p / 100) * sortedValues.length) - 1)];
}

export async function graphql(url, query, variables, token) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Runs `request` `requests` times with `concurrency` in flight; latencies in ms after a warm-up tenth. */
export async function measureLatency(request, { concurrency, requests }) {
  const warmup = Math.floor(requests / 10);
  const latencies = [];
  let issued = 0;
  const started = Date.now();
  async function lane() {
    while (issued < requests) {
      const index = issued++;
      const begin = process.hrtime.bigint();
      await request();
      if (index >= warmup) latencies.push(Number(process.hrtime.bigint() - begin) / 1e6);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane));
  latencies.sort((a, b) => a - b);
  const seconds = (Date.now() - started) / 1000;
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    perSecond: Math.round(requests / seconds),
  };
}
