import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { INBOX_RETENTION_LOCK, InboxRetentionService } from '../src/webhook/inbox-retention.service';
import { startTestApi, type TestApi } from './support/test-api';

const DAY_MS = 24 * 60 * 60 * 1000;

interface InboxUnderTest {
  api: TestApi;
  /** `count` inbox rows of one status, last changed `ageDays` ago, each body holding a caller's number. */
  rows(label: string, status: string, ageDays: number, count?: number): Promise<void>;
  /** The dedupe keys of the rows still there, sorted. */
  left(): Promise<string[]>;
  prune(now?: Date): Promise<number>;
}

/** An api started with `env` for the enclosing describe, its inbox emptied before each test. */
function inboxForSuite(env: Record<string, string>): InboxUnderTest {
  let api: TestApi;
  let db: DataSource;
  beforeAll(async () => {
    api = await startTestApi(env);
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());
  beforeEach(() => db.query('DELETE FROM webhook_inbox'));
  return {
    get api() {
      return api;
    },
    async rows(label, status, ageDays, count = 1) {
      await db.query(
        `INSERT INTO webhook_inbox (event, event_ts, zoom_user_id, dedupe_key, body, status, updated_at)
         SELECT 'phone.callee_missed', n, 'zoom-user', $1 || n, $2, $3, now() - $4::float8 * interval '1 day'
           FROM generate_series(1, $5) AS n`,
        [`${label}-`, { payload: { object: { caller: { phone_number: '+14155550142' } } } }, status, ageDays, count],
      );
    },
    async left() {
      return ((await db.query(`SELECT dedupe_key FROM webhook_inbox ORDER BY dedupe_key`)) as Array<{ dedupe_key: string }>).map((row) => row.dedupe_key);
    },
    prune: (now) => api.app.get(InboxRetentionService).prune(now),
  };
}

describe('webhook inbox retention', () => {
  const inbox = inboxForSuite({ WEBHOOK_INBOX_RETENTION_DAYS: '7' });

  it('prunes every finished row last changed before the retention period, in batches, and keeps what is waiting to be processed', async () => {
    for (const status of ['processed', 'ignored', 'skipped', 'failed', 'processed_with_errors', 'rejected']) await inbox.rows(`old-${status}`, status, 8);
    await inbox.rows('old-bulk', 'processed', 30, 2_500);
    await inbox.rows('recent-processed', 'processed', 6);
    await inbox.rows('recent-failed', 'failed', 6);
    await inbox.rows('old-received', 'received', 8);
    await inbox.rows('old-processing', 'processing', 8);

    expect(await inbox.prune()).toBe(2_506);
    expect(await inbox.left()).toEqual(['old-processing-1', 'old-received-1', 'recent-failed-1', 'recent-processed-1']);
  });

  it('counts the period from the given time, so a row ages out exactly when it passes it', async () => {
    await inbox.rows('aging', 'processed', 6);
    expect(await inbox.prune(new Date(Date.now() + 0.5 * DAY_MS))).toBe(0);
    expect(await inbox.prune(new Date(Date.now() + 1.5 * DAY_MS))).toBe(1);
  });

  it('prunes nothing while another worker holds the lock', async () => {
    await inbox.rows('old', 'processed', 8);
    const other = new Client({ connectionString: inbox.api.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1)', [INBOX_RETENTION_LOCK]);
      expect(await inbox.prune()).toBe(0);
      expect(await inbox.left()).toEqual(['old-1']);
      await other.query('SELECT pg_advisory_unlock($1)', [INBOX_RETENTION_LOCK]);
      expect(await inbox.prune()).toBe(1);
    } finally {
      await other.end();
    }
  });
});

/**
 * Zoom's rule for a deauthorized user: their data is deleted within 10 days. Events that still arrive for them are
 * stored and skipped, as every event about no connected user: those go within 10 days, whatever the retention period.
 */
describe('webhook inbox retention of skipped events, with the default 30 days', () => {
  const inbox = inboxForSuite({});

  it('prunes a skipped row by the hourly run before it is 10 days old, in batches, and keeps other finished rows their 30 days', async () => {
    await inbox.rows('skipped-9d', 'skipped', 9);
    await inbox.rows('skipped-10d-less-30min', 'skipped', 10 - 1 / 48);
    await inbox.rows('skipped-20d', 'skipped', 20, 1_200);
    await inbox.rows('processed-20d', 'processed', 20);
    await inbox.rows('failed-20d', 'failed', 20);
    await inbox.rows('processed-31d', 'processed', 31);

    expect(await inbox.prune()).toBe(1 + 1_200 + 1);
    expect(await inbox.left()).toEqual(['failed-20d-1', 'processed-20d-1', 'skipped-9d-1']);
  });
});
