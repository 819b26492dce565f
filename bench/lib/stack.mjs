// Shared by the benchmarks: a throwaway database with the real migrations, and the real api as a child process.
import { spawn } from 'node:child_process';
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
