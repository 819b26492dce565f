import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Skipped rows (events about no connected user) are pruned within 10 days, sooner than the rest: their own index
 * finds them without scanning the other finished rows of the retention period. Received rows are not in it, so
 * Zoom's hot path (an INSERT per event) does not pay for it.
 */
export class InboxSkippedRetention1764000000880 implements MigrationInterface {
  name = 'InboxSkippedRetention1764000000880';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX webhook_inbox_skipped_idx ON webhook_inbox (updated_at) WHERE status = 'skipped'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX webhook_inbox_skipped_idx`);
  }
}
