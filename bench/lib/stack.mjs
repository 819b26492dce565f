// Shared by the benchmarks: a throwaway database with the real migrations, and the real api as a child process.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ensurePostgres, withDatabase } from '../../scripts/lib/postgres.mjs';
import { findFreePort, waitForHttp } from '../../scripts/lib/net.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

/** Loads compiled api code (run `npm run build` first; `npm run bench` does). */
export function requireCompiled(relativePath) {
  require(path.join(ROOT, 'scripts/register-paths.cjs'));
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
  const { DataSource } = require('typeorm');
  const { dataSourceOptions } = requireCompiled('apps/api/src/database.js');
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
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

export async function startApi(env) {
  const port = await findFreePort(39000);
  const child = spawn(process.execPath, ['-r', path.join(ROOT, 'scripts/register-paths.cjs'), path.join(ROOT, 'dist/out-tsc/apps/api/src/main.js')], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', REDIS_PREFIX: `sbbench:${randomBytes(4).toString('hex')}`, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, { timeoutMs: 30_000 });
  return {
    url,
    stop: () => new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    }),
  };
}

/** Seeds the demo organisation and users (agent@demo.test / demo-password) as `npm run seed` does. */
export function seedDemo(databaseUrl) {
  execFileSync(process.execPath, ['-r', path.join(ROOT, 'scripts/register-paths.cjs'), path.join(ROOT, 'dist/out-tsc/apps/api/src/cli.js'), 'seed'], {
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
