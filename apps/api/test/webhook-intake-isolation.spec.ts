import { DataSource } from 'typeorm';
import { queriesDuring } from './support/graphql-workload';
import { startTestApi, type TestApi } from './support/test-api';
import { postWebhook, zoomHeaders } from './support/zoom-webhooks';

const SECRET = 'isolation-secret';

const missedCall = (index: number) =>
  JSON.stringify({
    event: 'phone.callee_missed',
    event_ts: 1795970431400 + index,
    payload: { account_id: 'acc-isolation', object: { call_id: `isolation-${index}`, callee: { user_id: 'u-isolation' }, caller: { phone_number: '+14155550199' } } },
  });

describe("Zoom's webhook intake keeps its own database connections (real api)", () => {
  let api: TestApi;
  let db: DataSource;

  beforeAll(async () => {
    api = await startTestApi({ ZOOM_WEBHOOK_SECRET_TOKEN: SECRET });
    await api.createOrganisation('Isolation Realty', [{ email: 'ivy@isolation.test' }]);
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
});
