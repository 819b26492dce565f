import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { type ProcessRun, runNodeToExit } from '../../testing/run-to-exit';
import { runApiCli } from '../../apps/api/test/support/api-cli';
import { storeZoomConnection } from '../../apps/api/test/support/stored-zoom-connection';
import { createTestDatabase, TEST_POSTGRES_URL, type TestDatabase } from '../../apps/api/test/support/test-database';

const ROOT = path.resolve(__dirname, '../..');
const DRILL = path.join(ROOT, 'scripts/restore-drill.mjs');


/** `node scripts/restore-drill.mjs --email agent@demo.test` as an operator runs it. */
function runDrill(env: Record<string, string>): Promise<ProcessRun> {
  return runNodeToExit([DRILL, '--email', 'agent@demo.test'], env, ROOT);
}

async function query<T = Record<string, any>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The drill's own leftovers: copies of the source database, and dump folders. */
async function leftovers(source: TestDatabase): Promise<string[]> {
  const copies = await query<{ datname: string }>(TEST_POSTGRES_URL, 'SELECT datname FROM pg_database WHERE datname LIKE $1', [`${source.name}_restore_drill_%`]);
  const dumps = readdirSync(tmpdir()).filter((entry) => entry.startsWith('switchboard-restore-drill-'));
  return [...copies.map((copy) => copy.datname), ...dumps];
}

/**
 * scripts/restore-drill.mjs against a database made here: the demo seed, and a Zoom connection whose tokens are
 * sealed with this deployment's key, as a real one would have them.
 */
describe('the restore drill', () => {
  const key = randomBytes(32).toString('base64');
  let source: TestDatabase;
  let env: Record<string, string>;
  let contacts: number;
  let keyId: string;

  beforeAll(async () => {
    source = await createTestDatabase();
    env = {
      DATABASE_URL: source.url,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      TOKEN_ENCRYPTION_KEY: key,
      TOKEN_ENCRYPTION_PREVIOUS_KEYS: '',
      SESSION_SECRET: randomBytes(24).toString('hex'),
      DRILL_PASSWORD: 'demo-password',
      LOG_LEVEL: 'warn',
    };
    const seeded = await runApiCli('seed', { ...env, REDIS_PREFIX: `sbtest:${randomBytes(5).toString('hex')}` });
    if (seeded.code !== 0) throw new Error(`seed failed: ${seeded.stdout}${seeded.stderr}`);
    ({ keyId } = await storeZoomConnection(source.url, 'agent@demo.test', key));
    [{ contacts }] = await query<{ contacts: number }>(
      source.url,
      `SELECT count(*)::int AS contacts FROM contacts c JOIN users u ON u.organisation_id = c.organisation_id WHERE u.email = 'agent@demo.test'`,
    );
  });
  afterAll(() => source?.drop());

  it('restores a dump into a fresh database where the user logs in, sees the same contacts and the Zoom tokens decrypt; then removes the copy', async () => {
    const drill = await runDrill(env);
    expect(drill.stderr).toBe('');
    expect(drill.code).toBe(0);
    const lines = drill.stdout.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^restore-drill: source postgres:\/\/.+, PostgreSQL \d+; using \//),
      expect.stringMatching(/^restore-drill: dumped \d+ tables to a temporary file$/),
      expect.stringMatching(/^restore-drill: restored into postgres:\/\/.+_restore_drill_[0-9a-f]{8}: \d+ tables, \d+ rows, as in the source$/),
      'restore-drill: migrations: up to date',
      `restore-drill: Zoom tokens: 1 row; 1 sealed with the current key (${keyId}), 0 with previous keys, 0 unreadable.`,
      `restore-drill: agent@demo.test logs in to the api on the copy and sees the same ${contacts} contacts as the source`,
      expect.stringMatching(/^restore-drill: passed in \d+ s$/),
    ]);
    expect(contacts).toBeGreaterThan(40);
    expect(await leftovers(source)).toEqual([]);
  }, 180_000);

  it('fails, naming the connection, when TOKEN_ENCRYPTION_KEY is not the key that sealed the tokens, and still removes the copy', async () => {
    const drill = await runDrill({ ...env, TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64') });
    expect(drill.code).toBe(1);
    expect(drill.stderr).toMatch(
      /^restore-drill: FAILED: cli check-token-keys on the copy failed: Zoom tokens: 1 row; 0 sealed with the current key \(.+\), 0 with previous keys, 1 unreadable\. 1 row cannot be decrypted with TOKEN_ENCRYPTION_KEY or TOKEN_ENCRYPTION_PREVIOUS_KEYS: agent@demo\.test \(connection [0-9a-f-]{36}, key .+\)\./,
    );
    expect(drill.stdout + drill.stderr).not.toContain(key);
    expect(await leftovers(source)).toEqual([]);
  }, 180_000);

  it("says in one line when there is no pg_dump and pg_restore of the server's major version", async () => {
    const [{ server_version_num: version }] = await query<{ server_version_num: string }>(TEST_POSTGRES_URL, 'SHOW server_version_num');
    const major = Math.floor(Number(version) / 10000);
    const emptyDir = mkdtempSync(path.join(tmpdir(), 'no-pg-tools-'));
    const drill = await runDrill({ ...env, PG_BIN_DIR: emptyDir });
    expect(drill.code).toBe(1);
    expect(drill.stdout).toBe('');
    expect(drill.stderr).toBe(
      `restore-drill: FAILED: no pg_dump and pg_restore of PostgreSQL ${major} (the server's version) in ${emptyDir}: install postgresql-client-${major}, or set PG_BIN_DIR to their folder\n`,
    );
  });
});
