import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database';
import { InboxAttributionAndRetention1764000000870 } from '../src/webhook/migrations/1764000000870-inbox-attribution-and-retention';
import { zoomEnvelopeSchema, zoomUserOf } from '../src/webhook/zoom-envelope';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/** Events as rows stored before migration 870 hold them: attributed only to `payload.user_id`, `object.user_id` or `object.host_id`. */
const STORED_BEFORE = [
  { event: 'phone.callee_ringing', event_ts: 1, payload: { account_id: 'acc', object: { call_id: 'c1', caller: { user_id: 'colleague', phone_number: '+14155550142' }, callee: { user_id: 'callee-leg' } } } },
  { event: 'phone.caller_connected', event_ts: 2, payload: { account_id: 'acc', object: { call_id: 'c2', caller: { user_id: 'caller-leg' }, callee: { phone_number: '+14155550142' } } } },
  { event: 'phone.voicemail_received', event_ts: 3, payload: { account_id: 'acc', object: { id: 'v', callee_user_id: 'voicemail-box', caller_user_id: 'other' } } },
  { event: 'phone.recording_completed', event_ts: 4, payload: { account_id: 'acc', object: { recordings: [{ id: 'r', owner: { id: 'recording-owner' }, user_id: 'x' }] } } },
  { event: 'phone.sms_received', event_ts: 5, payload: { account_id: 'acc', object: { message_id: 'm', owner: { id: 'sms-owner' } } } },
  { event: 'meeting.summary_completed', event_ts: 6, payload: { account_id: 'acc', object: { meeting_host_id: 'summary-host' } } },
  { event: 'meeting.updated', event_ts: 7, payload: { account_id: 'acc', operator_id: 'operator', object: { id: 9 } } },
  { event: 'phone.callee_call_log_completed', event_ts: 8, payload: { account_id: 'acc', object: { call_logs: [{ id: 'l', user_id: 'log-owner' }] } } },
  { event: 'phone.something_new', event_ts: 9, payload: { account_id: 'acc', object: { host_id: 42, user_id: '' } } },
];

describe('migration 870: inbox attribution', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource(dataSourceOptions(database.url)).initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('attributes rows stored before it as the intake now does, and is reversible', async () => {
    const migration = new InboxAttributionAndRetention1764000000870();
    const runner = db.createQueryRunner();
    try {
      await migration.down(runner);
      for (const [index, body] of STORED_BEFORE.entries()) {
        await db.query(`INSERT INTO webhook_inbox (event, event_ts, dedupe_key, body, status) VALUES ($1, $2, $3, $4, 'processed')`, [body.event, body.event_ts, `before-${index}`, body]);
      }
      await expect(db.query(`INSERT INTO webhook_inbox (event, event_ts, dedupe_key, body, status) VALUES ('x', 1, 'r', '{}', 'rejected')`)).rejects.toThrow(/webhook_inbox_status_check/);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const rows: Array<{ event: string; zoom_user_id: string | null }> = await db.query(`SELECT event, zoom_user_id FROM webhook_inbox ORDER BY event_ts`);
    expect(rows).toEqual(STORED_BEFORE.map((body) => ({ event: body.event, zoom_user_id: zoomUserOf(zoomEnvelopeSchema.parse(body)) })));
    expect(rows.map((row) => row.zoom_user_id)).toEqual(['callee-leg', 'caller-leg', 'voicemail-box', 'recording-owner', 'sms-owner', 'summary-host', 'operator', 'log-owner', null]);
  });
});
