import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { INBOX_RETENTION_LOCK, InboxRetentionService } from '../src/webhook/inbox-retention.service';
import { startTestApi, type TestApi } from './support/test-api';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('webhook inbox retention', () => {
  let api: TestApi;
  let db: DataSource;

  beforeAll(async () => {
    api = await startTestApi({ WEBHOOK_INBOX_RETENTION_DAYS: '7' });
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());
  beforeEach(() => db.query('DELETE FROM webhook_inbox'));

  /** `count` inbox rows of one status, last changed `ageDays` ago, each body holding a caller's number. */
  const rows = (label: string, status: string, ageDays: number, count = 1) =>
    db.query(
      `INSERT INTO webhook_inbox (event, event_ts, zoom_user_id, dedupe_key, body, status, updated_at)
       SELECT 'phone.callee_missed', n, 'zoom-user', $1 || n, $2, $3, now() - make_interval(days => $4)
         FROM generate_series(1, $5) AS n`,
      [`${label}-`, { payload: { object: { caller: { phone_number: '+14155550142' } } } }, status, ageDays, count],
    );
  const left = async () =>
    ((await db.query(`SELECT dedupe_key FROM webhook_inbox ORDER BY dedupe_key`)) as Array<{ dedupe_key: string }>).map((row) => row.dedupe_key);

  it('prunes every finished row last changed before the retention period, in batches, and keeps what is waiting to be processed', async () => {
    for (const status of ['processed', 'ignored', 'skipped', 'failed', 'processed_with_errors', 'rejected']) await rows(`old-${status}`, status, 8);
    await rows('old-bulk', 'processed', 30, 2_500);
    await rows('recent-processed', 'processed', 6);
    await rows('recent-failed', 'failed', 6);
    await rows('old-received', 'received', 8);
    await rows('old-processing', 'processing', 8);

    expect(await api.app.get(InboxRetentionService).prune()).toBe(2_506);
    expect(await left()).toEqual(['old-processing-1', 'old-received-1', 'recent-failed-1', 'recent-processed-1']);
  });

  it('counts the period from the given time, so a row ages out exactly when it passes it', async () => {
    await rows('aging', 'processed', 6);
    const retention = api.app.get(InboxRetentionService);
    expect(await retention.prune(new Date(Date.now() + 0.5 * DAY_MS))).toBe(0);
    expect(await retention.prune(new Date(Date.now() + 1.5 * DAY_MS))).toBe(1);
  });

  it('prunes nothing while another worker holds the lock', async () => {
    await rows('old', 'processed', 8);
    const other = new Client({ connectionString: api.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1)', [INBOX_RETENTION_LOCK]);
      expect(await api.app.get(InboxRetentionService).prune()).toBe(0);
      expect(await left()).toEqual(['old-1']);
      await other.query('SELECT pg_advisory_unlock($1)', [INBOX_RETENTION_LOCK]);
      expect(await api.app.get(InboxRetentionService).prune()).toBe(1);
    } finally {
      await other.end();
    }
  });
});
