import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES_BEFORE = `'received', 'processing', 'processed', 'ignored', 'skipped', 'failed'`;

/**
 * `processed_with_errors`: an event processed without some of its records, which Zoom sent malformed (named in
 * `last_error`). The health page lists these beside the failed ones, so its partial index covers both.
 */
export class InboxProcessedWithErrors1764000000800 implements MigrationInterface {
  name = 'InboxProcessedWithErrors1764000000800';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE webhook_inbox DROP CONSTRAINT webhook_inbox_status_check`);
    await db.query(`ALTER TABLE webhook_inbox ADD CONSTRAINT webhook_inbox_status_check CHECK (status IN (${STATUSES_BEFORE}, 'processed_with_errors'))`);
    await db.query(`DROP INDEX webhook_inbox_failed_idx`);
    await db.query(`CREATE INDEX webhook_inbox_with_errors_idx ON webhook_inbox (updated_at DESC) WHERE status IN ('failed', 'processed_with_errors')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX webhook_inbox_with_errors_idx`);
    await db.query(`CREATE INDEX webhook_inbox_failed_idx ON webhook_inbox (updated_at DESC) WHERE status = 'failed'`);
    // Without the status these were processed; what they left out is no longer listed.
    await db.query(`UPDATE webhook_inbox SET status = 'processed' WHERE status = 'processed_with_errors'`);
    await db.query(`ALTER TABLE webhook_inbox DROP CONSTRAINT webhook_inbox_status_check`);
    await db.query(`ALTER TABLE webhook_inbox ADD CONSTRAINT webhook_inbox_status_check CHECK (status IN (${STATUSES_BEFORE}))`);
  }
}
