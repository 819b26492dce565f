import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How many call records a backfill left out because Zoom sent them malformed (each is named in the api's log). */
export class CallBackfillRejected1764000000820 implements MigrationInterface {
  name = 'CallBackfillRejected1764000000820';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE call_backfills ADD COLUMN rejected int NOT NULL DEFAULT 0`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE call_backfills DROP COLUMN rejected`);
  }
}
