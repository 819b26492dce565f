import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rejected rows (events PostgreSQL could never store) get their own partial index: /metrics counts them on every
 * scrape and the health page lists them newest first, and without it both scanned every finished row of the
 * retention period. Rejected rows are rare, so the index is small, and Zoom's hot path (an INSERT of a received
 * row) never touches it.
 */
export class InboxRejectedIndex1764000000915 implements MigrationInterface {
  name = 'InboxRejectedIndex1764000000915';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX webhook_inbox_rejected_idx ON webhook_inbox (updated_at DESC) WHERE status = 'rejected'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX webhook_inbox_rejected_idx`);
  }
}
