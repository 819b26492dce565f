import { DataSource } from 'typeorm';
import { aliased, queriesDuring, seedContacts } from './support/graphql-workload';
import { startTestApi, type TestApi } from './support/test-api';
import { postWebhook, zoomHeaders } from './support/zoom-webhooks';

const SECRET = 'isolation-secret';
/** Heavy but within every GraphQL limit: ten full contact pages with phones, deals, each deal's contact and owners. */
const HEAVY = `query Heavy { ${aliased(10, 'contacts(first: 100) { edges { node { id name phones { e164 } deals { id title contact { id name } } owner { id name } } } }')} }`;
const LOAD_WORKERS = 4;
const MAX_REQUESTS_PER_WORKER = 200;
const WEBHOOKS = 20;

const missedCall = (index: number) =>
  JSON.stringify({
    event: 'phone.callee_missed',
    event_ts: 1795970431400 + index,
    payload: { account_id: 'acc-isolation', object: { call_id: `isolation-${index}`, callee: { user_id: 'u-isolation' }, caller: { phone_number: '+14155550199' } } },
  });

describe("Zoom's webhook intake under GraphQL load (real api)", () => {
  let api: TestApi;
  let token: string;
  let db: DataSource;

  beforeAll(async () => {
    api = await startTestApi({ ZOOM_WEBHOOK_SECRET_TOKEN: SECRET });
    await api.createOrganisation('Isolation Realty', [{ email: 'ivy@isolation.test' }]);
    token = await api.login('ivy@isolation.test');
    await seedContacts(api, token, 100, { dealsEach: 2 });
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());
  beforeEach(() => db.query('DELETE FROM webhook_inbox'));

  it('stores webhooks through its own connections, never through the GraphQL pool', async () => {
    const body = missedCall(0);
    let status = 0;
    const queries = await queriesDuring(api, async () => {
      status = (await postWebhook(api.url, body, zoomHeaders(body, SECRET))).status;
    });
    expect(status).toBe(200);
    // The worker's later UPDATEs of the row use the shared pool like any job's; the ack's INSERT has a pool of its own.
    expect(queries.filter((query) => /INSERT INTO webhook_inbox/i.test(query))).toEqual([]);
    expect(await db.query('SELECT event FROM webhook_inbox')).toEqual([{ event: 'phone.callee_missed' }]);
  });

  it('acknowledges every signed webhook, and answers `me`, while heavy allowed queries keep the GraphQL pool busy', async () => {
    let webhooksDone = false;
    const loadResults: Array<{ errors?: unknown }> = [];
    const worker = async () => {
      for (let request = 0; request < MAX_REQUESTS_PER_WORKER && !webhooksDone; request += 1) loadResults.push(await api.graphql(HEAVY, {}, token));
    };
    const load = Promise.all(Array.from({ length: LOAD_WORKERS }, worker));

    // The load is under way before the first delivery.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const acks: Array<{ status: number; ms: number }> = [];
    // A connection reset under this load was seen once on a 2-core CI machine (open in issue 16's note); Zoom
    // redelivers what it could not deliver, so the test does too, and still demands every event stored exactly once.
    let resets = 0;
    const deliverLikeZoom = async (body: string): Promise<number> => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return (await postWebhook(api.url, body, zoomHeaders(body, SECRET))).status;
        } catch (error) {
          if (attempt === 3) throw error;
          resets += 1;
        }
      }
    };
    let me: { errors?: unknown; data?: { me: { email: string } } } = {};
    try {
      for (let index = 1; index <= WEBHOOKS; index += 1) {
        const body = missedCall(index);
        const started = Date.now();
        acks.push({ status: await deliverLikeZoom(body), ms: Date.now() - started });
        if (index === WEBHOOKS / 2) me = await api.graphql('{ me { email } }', {}, token);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      webhooksDone = true;
      await load;
    }

    const slowest = Math.max(...acks.map((ack) => ack.ms));
    console.info(`${acks.length} webhook acks under ${loadResults.length} heavy GraphQL requests: slowest ${slowest} ms (Zoom waits 3,000 ms), ${resets} connection resets redelivered`);
    expect(acks.map((ack) => ack.status)).toEqual(Array(WEBHOOKS).fill(200));
    expect(me).toEqual({ data: { me: { email: 'ivy@isolation.test' } } });
    expect(loadResults.length).toBeGreaterThan(LOAD_WORKERS);
    expect(loadResults.filter((result) => result.errors)).toEqual([]);
    expect(Number((await db.query('SELECT count(*) AS n FROM webhook_inbox'))[0].n)).toBe(WEBHOOKS);
  }, 120_000);
});
