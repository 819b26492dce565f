import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every webhook is an INSERT, so each index on the inbox is paid on Zoom's hot path. The health page's queries are
 * scoped to one organisation's Zoom users, which the event and status indexes did not serve; failed rows are few
 * and are all the health page lists by status.
 */
export class LeanInboxIndexes1764000000500 implements MigrationInterface {
  name = 'LeanInboxIndexes1764000000500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX webhook_inbox_event_idx`);
    await db.query(`DROP INDEX webhook_inbox_status_idx`);
    await db.query(`CREATE INDEX webhook_inbox_failed_idx ON webhook_inbox (updated_at DESC) WHERE status = 'failed'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX webhook_inbox_failed_idx`);
    await db.query(`CREATE INDEX webhook_inbox_status_idx ON webhook_inbox (status)`);
    await db.query(`CREATE INDEX webhook_inbox_event_idx ON webhook_inbox (event, received_at DESC)`);
  }
}
