import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startZoomSim, zoomEnvFor, type ZoomSim } from '../../zoom-sim/testing/zoom-sim-process';
import { dataSourceOptions } from '../src/database';
import { tokenKeyId } from '../src/platform/crypto/token-cipher';
import { ZoomConnectionEntity, ZoomTokenEntity } from '../src/zoom/entities/zoom-connection.entity';
import { ZoomTokenRepository } from '../src/zoom/zoom-token.repository';
import { runApiCli } from './support/api-cli';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { eventually } from './support/eventually';
import { createTestDatabase, type TestDatabase } from './support/test-database';
import type { GraphQLResult } from './support/test-api';
import { connectZoom } from './support/zoom-oauth';

const K1 = randomBytes(32).toString('base64');
const K2 = randomBytes(32).toString('base64');
const keyIdOf = (key: string) => tokenKeyId(Buffer.from(key, 'base64'));
/** The demo seed's users; the simulator has Zoom users with the same emails. */
const USERS = ['admin@demo.test', 'agent@demo.test'];
const DEMO_PASSWORD = 'demo-password';

/**
 * TOKEN_ENCRYPTION_KEY rotated as docs/operations.md says, against real PostgreSQL, Redis, the simulator and the
 * api and CLI as built: Zoom connected under K1, the api restarted with K2 current and K1 previous, rotate-token-key,
 * K2 alone, then K1 alone (the new key lost), and the lost key found again.
 */
describe('rotating TOKEN_ENCRYPTION_KEY', () => {
  let sim: ZoomSim;
  let database: TestDatabase;
  let db: DataSource;
  let baseEnv: Record<string, string>;
  let api: ApiProcess | null = null;
  const sessions = new Map<string, string>();

  const request = async <T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResult<T>> => {
    const response = await fetch(`${api!.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult<T>;
  };
  const graphql = <T>(email: string, query: string) => request<T>(query, {}, sessions.get(email));
  /** Reads the Zoom profile through the stored grant: the card's "Check connection". */
  const checkConnection = (email: string) => graphql<{ refreshZoomConnection: { status: string } }>(email, 'mutation { refreshZoomConnection { status } }');
  const cardOf = async (email: string) => (await graphql<{ zoomConnection: { status: string; lastError: string | null } }>(email, '{ zoomConnection { status lastError } }')).data!.zoomConnection;
  /** Which key sealed each user's stored tokens (the key id is the sealed value's last part). */
  const sealingKeys = (): Promise<Array<{ email: string; access: string; refresh: string }>> =>
    db.query(
      `SELECT c.email, split_part(t.access_token_sealed, '.', 5) AS access, split_part(t.refresh_token_sealed, '.', 5) AS refresh
       FROM zoom_tokens t JOIN zoom_connections c ON c.id = t.connection_id ORDER BY c.email`,
    );
  const keyEnv = (current: string, previous?: string) => ({ TOKEN_ENCRYPTION_KEY: current, TOKEN_ENCRYPTION_PREVIOUS_KEYS: previous ?? '' });
  const restartApi = async (keys: Record<string, string>) => {
    await api?.stop();
    api = await startApiProcess({ ...baseEnv, ...keys });
  };
  const cli = (command: string, keys: Record<string, string>) => runApiCli(command, { ...baseEnv, ...keys });

  beforeAll(async () => {
    sim = await startZoomSim();
    database = await createTestDatabase();
    db = await new DataSource(dataSourceOptions(database.url)).initialize();
    baseEnv = {
      ...zoomEnvFor(sim),
      DATABASE_URL: database.url,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `sbtest:${randomBytes(5).toString('hex')}`,
      SESSION_SECRET: randomBytes(24).toString('hex'),
      LOG_LEVEL: 'warn',
    };
    const seeded = await cli('seed', keyEnv(K1));
    if (seeded.code !== 0) throw new Error(`seed failed: ${seeded.stdout}${seeded.stderr}`);
  });
  afterAll(async () => {
    await api?.stop();
    await db?.destroy();
    await database?.drop();
    await sim?.stop();
  });

  it('connects Zoom under K1: every stored token names K1', async () => {
    await restartApi(keyEnv(K1));
    for (const email of USERS) {
      const login = await request<{ login: { token: string } }>('mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }', { email, password: DEMO_PASSWORD });
      sessions.set(email, login.data!.login.token);
      await connectZoom({ url: api!.url, graphql: request }, login.data!.login.token, email);
    }
    // Connecting starts the call and recording syncs, which use the tokens: they finish under K1, before any restart.
    const settled = (sync: { status: string } | null) => sync !== null && ['DONE', 'FAILED'].includes(sync.status);
    for (const email of USERS) {
      await eventually(
        async () => (await graphql<{ callSync: { status: string } | null; recordingSync: { status: string } | null }>(email, '{ callSync { status } recordingSync { status } }')).data!,
        (syncs) => settled(syncs.callSync) && settled(syncs.recordingSync),
        30_000,
      );
    }
    const k1 = keyIdOf(K1);
    expect(await sealingKeys()).toEqual(USERS.map((email) => ({ email, access: k1, refresh: k1 })));
  });

  it('restarted with K2 current and K1 previous: connections still work, and a refresh seals with K2', async () => {
    await restartApi(keyEnv(K2, K1));
    for (const email of USERS) expect(await checkConnection(email)).toEqual({ data: { refreshZoomConnection: { status: 'CONNECTED' } } });

    await sim.control('POST', '/_sim/tokens/expire', { userEmail: 'agent@demo.test' });
    await db.query(`UPDATE zoom_tokens SET expires_at = now() - interval '1 minute' WHERE connection_id = (SELECT id FROM zoom_connections WHERE email = 'agent@demo.test')`);
    const refreshesBefore = (await sim.control<unknown[]>('GET', '/_sim/requests?path=/oauth/token')).length;
    expect(await checkConnection('agent@demo.test')).toEqual({ data: { refreshZoomConnection: { status: 'CONNECTED' } } });
    expect((await sim.control<unknown[]>('GET', '/_sim/requests?path=/oauth/token')).length).toBe(refreshesBefore + 1);

    const [k1, k2] = [keyIdOf(K1), keyIdOf(K2)];
    expect(await sealingKeys()).toEqual([
      { email: 'admin@demo.test', access: k1, refresh: k1 },
      { email: 'agent@demo.test', access: k2, refresh: k2 },
    ]);
  });

  it('rotate-token-key re-seals what is left on K1, while the api runs, and a second run has nothing to do', async () => {
    const k2 = keyIdOf(K2);
    const before = await cli('check-token-keys', keyEnv(K2, K1));
    expect(before).toMatchObject({ code: 0, printed: [`Zoom tokens: 2 rows; 1 sealed with the current key (${k2}), 1 with previous keys, 0 unreadable.`] });

    const rotated = await cli('rotate-token-key', keyEnv(K2, K1));
    expect(rotated).toMatchObject({ code: 0, printed: [`rotate-token-key: re-sealed 1 row with the current key (${k2}); 0 rows remain on other keys.`] });
    expect(await sealingKeys()).toEqual(USERS.map((email) => ({ email, access: k2, refresh: k2 })));
    expect(await checkConnection('admin@demo.test')).toEqual({ data: { refreshZoomConnection: { status: 'CONNECTED' } } });

    const again = await cli('rotate-token-key', keyEnv(K2, K1));
    expect(again).toMatchObject({ code: 0, printed: [`rotate-token-key: re-sealed 0 rows with the current key (${k2}); 0 rows remain on other keys.`] });
  });

  it('restarted with K2 alone (the old key removed): still connected', async () => {
    await restartApi(keyEnv(K2));
    for (const email of USERS) expect(await checkConnection(email)).toEqual({ data: { refreshZoomConnection: { status: 'CONNECTED' } } });
  });

  it('restarted with K1 alone (the new key lost): says which connections cannot be decrypted, keeps their tokens and keeps running', async () => {
    const k2 = keyIdOf(K2);
    await restartApi(keyEnv(K1));
    const failed = await checkConnection('agent@demo.test');
    expect(failed.errors?.[0].extensions?.code).toBe('ZOOM_RECONNECT_REQUIRED');
    const card = await cardOf('agent@demo.test');
    expect(card.status).toBe('NEEDS_RECONNECT');
    expect(card.lastError).toContain(`Sealed with key ${k2}, which is neither TOKEN_ENCRYPTION_KEY nor one of TOKEN_ENCRYPTION_PREVIOUS_KEYS`);
    const health = await graphql<{ integrationHealth: { connections: Array<{ zoomEmail: string; state: string; lastError: string | null }> } }>(
      'admin@demo.test',
      '{ integrationHealth { connections { zoomEmail state lastError } } }',
    );
    expect(health.data!.integrationHealth.connections.find((connection) => connection.zoomEmail === 'agent@demo.test')).toMatchObject({ state: 'NEEDS_RECONNECT', lastError: card.lastError });

    expect((await fetch(`${api!.url}/healthz`)).status).toBe(200);
    expect(await sealingKeys()).toEqual(USERS.map((email) => ({ email, access: k2, refresh: k2 })));
    const output = api!.output.join('');
    expect(output).toContain('Stored Zoom tokens cannot be decrypted with the configured keys');
    expect(output).toContain(`"keyId":"${k2}"`);
    for (const key of [K1, K2]) expect(output).not.toContain(key);

    const check = await cli('check-token-keys', keyEnv(K1));
    expect(check.code).toBe(1);
    expect(check.printed[0]).toBe(`Zoom tokens: 2 rows; 0 sealed with the current key (${keyIdOf(K1)}), 0 with previous keys, 2 unreadable.`);
    for (const email of USERS) expect(check.printed[1]).toMatch(new RegExp(`${email} \\(connection [0-9a-f-]{36}, key ${k2}\\)`));
    const rotated = await cli('rotate-token-key', keyEnv(K1));
    expect(rotated.code).toBe(1);
    expect(rotated.printed[0]).toBe(`rotate-token-key: re-sealed 0 rows with the current key (${keyIdOf(K1)}); 2 rows remain on other keys.`);
    for (const run of [check, rotated]) for (const key of [K1, K2]) expect(run.stdout + run.stderr).not.toContain(key);
    expect(await sealingKeys()).toEqual(USERS.map((email) => ({ email, access: k2, refresh: k2 })));
  });

  it('the lost key found again: as a previous key, rotate-token-key re-seals and the parked connection works again', async () => {
    const k1 = keyIdOf(K1);
    const rotated = await cli('rotate-token-key', keyEnv(K1, K2));
    expect(rotated).toMatchObject({
      code: 0,
      printed: [`rotate-token-key: re-sealed 2 rows with the current key (${k1}); 0 rows remain on other keys.`, 'Connections working again now that their key is back: 1.'],
    });
    // The api still running with K1 alone reads them now.
    expect(await cardOf('agent@demo.test')).toEqual({ status: 'CONNECTED', lastError: null });
    for (const email of USERS) expect(await checkConnection(email)).toEqual({ data: { refreshZoomConnection: { status: 'CONNECTED' } } });
  });

  it('never overwrites a row written while it re-sealed it (a refresh holding the row lock)', async () => {
    const repository = new ZoomTokenRepository(db.getRepository(ZoomTokenEntity), db.getRepository(ZoomConnectionEntity));
    const [row] = await repository.page(null, 1);
    const refresh = db.createQueryRunner();
    await refresh.connect();
    await refresh.startTransaction();
    try {
      await refresh.query('SELECT 1 FROM zoom_tokens WHERE connection_id = $1 FOR UPDATE', [row.connectionId]);
      const resealing = repository.replaceSealed([{ connectionId: row.connectionId, read: row, resealed: { accessTokenSealed: 'v1.resealed.a.b', refreshTokenSealed: 'v1.resealed.c.d' } }]);
      await eventually(
        () => db.query(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE zoom_tokens t%'`),
        ([{ waiting }]) => waiting === 1,
      );
      await refresh.query('UPDATE zoom_tokens SET access_token_sealed = $2, refresh_token_sealed = $3 WHERE connection_id = $1', [row.connectionId, 'v1.refreshed.a.b', 'v1.refreshed.c.d']);
      await refresh.commitTransaction();
      expect(await resealing).toEqual([]);
    } finally {
      if (refresh.isTransactionActive) await refresh.rollbackTransaction();
      await refresh.release();
    }
    const [after] = await db.query('SELECT access_token_sealed, refresh_token_sealed FROM zoom_tokens WHERE connection_id = $1', [row.connectionId]);
    expect(after).toEqual({ access_token_sealed: 'v1.refreshed.a.b', refresh_token_sealed: 'v1.refreshed.c.d' });
  });
});
