import { randomBytes } from 'node:crypto';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { Client } from 'pg';
import WebSocket from 'ws';
import { onTeardown } from '../../../testing/teardown';
import { hashPassword } from '../src/platform/crypto/secret-hash';
import { type ApiProcess, startApiProcess } from './support/api-process';
import { eventually } from './support/eventually';
import { startPrivateRedis, type PrivateRedis } from './support/private-redis';
import { collect, type GraphQLResult } from './support/test-api';
import { createTestDatabase, type TestDatabase } from './support/test-database';
import { postWebhook, zoomHeaders } from './support/zoom-webhooks';

const SECRET = 'outage-webhook-secret';
const EMAIL = 'outage@outage.test';
const PASSWORD = 'outage-password';

const LOGIN = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';
const ADD_NOTE = 'mutation($c: ID!, $body: String!) { addNote(contactId: $c, body: $body) { id body } }';

/** An event no module handles: stored, queued, and finished as `ignored` by whichever worker takes its job. */
const unhandledEvent = (label: string) => JSON.stringify({ event: 'outage.test_event', event_ts: Date.now(), payload: { account_id: 'acc-outage', object: { label } } });

/**
 * Redis is where live events, queues and login counters live, not where anything is stored: while it is away
 * people still sign in and write, and once it is back (empty: nothing persisted) subscriptions and queues work
 * again without anyone restarting the api.
 */
describe('the api while its Redis is down', () => {
  let redis: PrivateRedis;
  let database: TestDatabase;
  let db: Client;
  let http: ApiProcess;
  let worker: ApiProcess;
  let contactId: string;
  /** Signed in before the outage. */
  let sessionToken: string;
  let ws: WsClient | null = null;
  let stuckRowId: string;
  const webhookIds: Record<string, string> = {};

  const graphql = async <T = Record<string, any>>(query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLResult<T>> => {
    const response = await fetch(`${http.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult<T>;
  };
  const login = () => graphql<{ login: { token: string } }>(LOGIN, { email: EMAIL, password: PASSWORD });
  const inboxStatus = async (id: string) => ((await db.query('SELECT status FROM webhook_inbox WHERE id = $1', [id])).rows[0]?.status as string | undefined) ?? 'missing';
  const sendWebhook = async (label: string) => {
    const body = unhandledEvent(label);
    expect((await postWebhook(http.url, body, zoomHeaders(body, SECRET))).status).toBe(200);
    webhookIds[label] = (await db.query(`SELECT id FROM webhook_inbox WHERE body->'payload'->'object'->>'label' = $1`, [label])).rows[0].id;
  };

  beforeAll(async () => {
    redis = await startPrivateRedis();
    database = await createTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
    onTeardown(() => db.end());
    const organisation = await db.query(`INSERT INTO organisations (name) VALUES ('Outage Realty') RETURNING id`);
    await db.query(`INSERT INTO users (organisation_id, email, name, role, password_hash) VALUES ($1, $2, 'Outage', 'agent', $3)`, [
      organisation.rows[0].id,
      EMAIL,
      await hashPassword(PASSWORD),
    ]);
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      REDIS_PREFIX: `sbtest:${randomBytes(5).toString('hex')}`,
      SESSION_SECRET: randomBytes(24).toString('hex'),
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      ZOOM_WEBHOOK_SECRET_TOKEN: SECRET,
      LOG_LEVEL: 'info',
    };
    http = await startApiProcess({ ...env, API_ROLE: 'http' });
    worker = await startApiProcess({ ...env, API_ROLE: 'worker' });
    sessionToken = (await login()).data!.login.token;
    contactId = (await graphql<{ createContact: { id: string } }>('mutation { createContact(input: { firstName: "Olive", lastName: "Outage" }) { id } }', {}, sessionToken))
      .data!.createContact.id;
  });
  afterAll(async () => {
    await ws?.dispose();
    await worker?.stop();
    await http?.stop();
    await redis?.close();
  });

  it('signs people in while Redis is down', async () => {
    // A job a worker held when Redis went: its row says `processing`, and its keys vanish with Redis's data.
    stuckRowId = (
      await db.query(
        `INSERT INTO webhook_inbox (event, event_ts, account_id, zoom_user_id, dedupe_key, body, status, attempts)
         VALUES ('outage.test_event', 1, 'acc-outage', NULL, 'outage-stuck-row', $1, 'processing', 1) RETURNING id`,
        [unhandledEvent('held by a worker')],
      )
    ).rows[0].id;
    await redis.stop();

    const signedIn = await login();
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data!.login.token).toMatch(/^sbs_/);
  });

  it('stores a note once and answers it while Redis is down', async () => {
    const note = await graphql<{ addNote: { id: string; body: string } }>(ADD_NOTE, { c: contactId, body: 'written while Redis was down' }, sessionToken);
    expect(note.errors).toBeUndefined();
    expect(note.data!.addNote.body).toBe('written while Redis was down');
    const notes = await db.query(`SELECT id FROM activities WHERE contact_id = $1 AND type = 'NOTE'`, [contactId]);
    expect(notes.rows.map((row) => row.id)).toEqual([note.data!.addNote.id]);
  });

  it("takes Zoom's events while Redis is down", async () => {
    // Stored now, queued once Redis is back.
    await sendWebhook('sent during the outage');
    // Long enough for every connection to retry several times: each retry used to print an unhandled error.
    await new Promise((resolve) => setTimeout(resolve, 5000));
  });

  it('delivers subscriptions and runs queued work again once Redis is back, empty', async () => {
    await redis.start();
    const backAt = Date.now();
    await eventually(
      () => fetch(`${http.url}/readyz`).then((response) => response.status),
      (status) => status === 200,
    );

    ws = createClient({ url: `${http.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${sessionToken}` }, retryAttempts: 0 });
    const subscription = collect<{ activityAdded: { body: string } }>(ws, 'subscription($c: ID) { activityAdded(contactId: $c) { body } }', { c: contactId });
    await subscription.ready;
    expect((await graphql(ADD_NOTE, { c: contactId, body: 'after Redis came back' }, sessionToken)).errors).toBeUndefined();
    expect((await subscription.done)[0].activityAdded.body).toBe('after Redis came back');

    await sendWebhook('sent after the outage');
    await eventually(() => inboxStatus(webhookIds['sent after the outage']), (status) => status === 'ignored');
    // The inbox sweeper queues what Redis missed: the event stored during the outage, and the one whose job vanished.
    await eventually(() => inboxStatus(webhookIds['sent during the outage']), (status) => status === 'ignored', 40_000);
    await eventually(() => inboxStatus(stuckRowId), (status) => status === 'ignored', 50_000);
    console.log(`the job lost with Redis's data was recovered ${((Date.now() - backAt) / 1000).toFixed(1)} s after Redis came back`);
  }, 150_000);

  it('hears every Redis connection fail and logs the outage once per process', () => {
    for (const api of [http, worker]) {
      const output = api.output.join('');
      expect(output).not.toContain('Unhandled error event');
      expect(output.match(/Redis is unreachable/g) ?? []).toHaveLength(1);
    }
  });
});
