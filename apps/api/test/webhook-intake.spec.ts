import { createHmac } from 'node:crypto';
import { ZOOM_WEBHOOK_CLOCK_SKEW_SECONDS, ZOOM_WEBHOOK_REPLAY_WINDOW_SECONDS } from '@switchboard/zoom';
import { DataSource } from 'typeorm';
import { InboxSweeperService } from '../src/webhook/inbox-sweeper.service';
import { startTestApi, type TestApi } from './support/test-api';
import { eventually } from './support/eventually';
import { postWebhook, zoomHeaders } from './support/zoom-webhooks';

const SECRET = 'intake-secret';

const nowSeconds = () => Math.floor(Date.now() / 1000);

const event = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    event: 'phone.callee_missed',
    event_ts: 1795970431400,
    payload: { account_id: 'acc1', object: { call_id: '7441063528719049988', callee: { user_id: 'u1' }, caller: { phone_number: '+14155550199' } } },
    ...overrides,
  });

describe('POST /webhooks/zoom', () => {
  let api: TestApi;
  let db: DataSource;
  const inboxRows = async () => (await db.query('SELECT event, status, dedupe_key FROM webhook_inbox')) as Array<{ event: string; status: string }>;

  beforeAll(async () => {
    api = await startTestApi({ ZOOM_WEBHOOK_SECRET_TOKEN: SECRET });
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());
  beforeEach(() => db.query('DELETE FROM webhook_inbox'));

  it('stores a signed event and answers 200', async () => {
    const body = event();
    const result = await postWebhook(api.url, body, zoomHeaders(body, SECRET));
    expect(result.status).toBe(200);
    expect(await inboxRows()).toEqual([expect.objectContaining({ event: 'phone.callee_missed' })]);
  });

  it.each([
    ['a tampered body', (body: string) => ({ body: body.replace('7441063528719049988', '7441063528719049989'), headers: zoomHeaders(body, SECRET) })],
    ['a wrong secret', (body: string) => ({ body, headers: zoomHeaders(body, 'not-the-secret') })],
    ['a timestamp older than the replay window', (body: string) => ({ body, headers: zoomHeaders(body, SECRET, nowSeconds() - ZOOM_WEBHOOK_REPLAY_WINDOW_SECONDS - 1) })],
    ['a timestamp from the future', (body: string) => ({ body, headers: zoomHeaders(body, SECRET, nowSeconds() + ZOOM_WEBHOOK_CLOCK_SKEW_SECONDS + 1) })],
    ['missing headers', (body: string) => ({ body, headers: { 'content-type': 'application/json' } })],
  ])('refuses %s with 401 and stores nothing', async (_label, build) => {
    const { body, headers } = build(event());
    const result = await postWebhook(api.url, body, headers);
    expect(result.status).toBe(401);
    expect(await inboxRows()).toEqual([]);
  });

  it('answers endpoint.url_validation with the HMAC of the plain token', async () => {
    const body = JSON.stringify({ payload: { plainToken: 'qgg8vlvZRS6UYooatFL8Aw' }, event_ts: Date.now(), event: 'endpoint.url_validation' });
    const result = await postWebhook(api.url, body, zoomHeaders(body, SECRET));
    expect(result.status).toBe(200);
    expect(result.json).toEqual({
      plainToken: 'qgg8vlvZRS6UYooatFL8Aw',
      encryptedToken: createHmac('sha256', SECRET).update('qgg8vlvZRS6UYooatFL8Aw').digest('hex'),
    });
    expect(await inboxRows()).toEqual([]);
  });

  it('answers 400 to a signed body that is not JSON or not an event, and 413 over 1 MB', async () => {
    const notJson = 'event=phone';
    expect((await postWebhook(api.url, notJson, zoomHeaders(notJson, SECRET))).status).toBe(400);
    const notEvent = JSON.stringify({ hello: 'world' });
    expect((await postWebhook(api.url, notEvent, zoomHeaders(notEvent, SECRET))).status).toBe(400);
    const huge = event({ padding: 'x'.repeat(1_100_000) });
    expect((await postWebhook(api.url, huge, zoomHeaders(huge, SECRET))).status).toBe(413);
    expect(await inboxRows()).toEqual([]);
  });

  it('stores the same event delivered five times once', async () => {
    const body = event();
    for (let i = 0; i < 5; i += 1) expect((await postWebhook(api.url, body, zoomHeaders(body, SECRET))).status).toBe(200);
    expect(await inboxRows()).toHaveLength(1);
  });

  it("accepts Zoom's retries signed with the first attempt's timestamp, up to the last one 85 minutes later, and stores the event once", async () => {
    // As a receiver sees one event whose 200 Zoom missed: the same body and timestamp, 0, 5, 25 and 85 minutes old.
    const body = event();
    for (const minutesSinceFirstAttempt of [0, 5, 25, 85]) {
      const firstAttemptTimestamp = nowSeconds() - minutesSinceFirstAttempt * 60;
      expect((await postWebhook(api.url, body, zoomHeaders(body, SECRET, firstAttemptTimestamp))).status).toBe(200);
    }
    expect(await inboxRows()).toHaveLength(1);
  });

  it('stores a burst of events arriving together once each, duplicates inside the burst included', async () => {
    const distinct = Array.from({ length: 30 }, (_, index) => event({ event_ts: 1_764_000_000_000 + index }));
    const burst = [...distinct, ...distinct.slice(0, 10)];
    const answers = await Promise.all(burst.map((body) => postWebhook(api.url, body, zoomHeaders(body, SECRET))));
    expect(answers.map((answer) => answer.status)).toEqual(burst.map(() => 200));
    expect(await inboxRows()).toHaveLength(30);
  });

  it('stores and acknowledges events nobody handles, then marks them ignored', async () => {
    const body = event({ event: 'phone.something_new' });
    expect((await postWebhook(api.url, body, zoomHeaders(body, SECRET))).status).toBe(200);
    const rows = await eventually(inboxRows, (found) => found[0]?.status === 'ignored');
    expect(rows).toEqual([expect.objectContaining({ event: 'phone.something_new', status: 'ignored' })]);
  });
});

describe('inbox sweeper', () => {
  let api: TestApi;
  let db: DataSource;

  beforeAll(async () => {
    api = await startTestApi({ ZOOM_WEBHOOK_SECRET_TOKEN: SECRET });
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  it('finishes events that were stored while Redis was unreachable', async () => {
    // As the controller leaves a row when the queue cannot be reached: stored, never queued.
    await db.query(
      `INSERT INTO webhook_inbox (event, event_ts, dedupe_key, body, status, updated_at)
       VALUES ('phone.future_event', 1, 'lost-job', $1, 'received', now() - interval '1 minute')`,
      [{ event: 'phone.future_event', event_ts: 1, payload: {} }],
    );
    const requeued = await api.app.get(InboxSweeperService).sweep();
    expect(requeued).toBe(1);
    const lostJob = async (): Promise<string> => (await db.query(`SELECT status FROM webhook_inbox WHERE dedupe_key = 'lost-job'`))[0].status;
    const status = await eventually(lostJob, (found) => found === 'ignored');
    expect(status).toBe('ignored');
    expect(await api.app.get(InboxSweeperService).sweep()).toBe(0);
  });
});
