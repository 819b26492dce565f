import type { MigrationInterface, QueryRunner } from 'typeorm';

const RESULTS_BEFORE = `'ANSWERED', 'MISSED', 'VOICEMAIL', 'REJECTED', 'BUSY', 'CANCELLED', 'UNKNOWN'`;

/** FAILED: a call Zoom could not put through (call_failed, system_blocked, service_unavailable...), which is neither missed nor unknown. */
export class ActivityFailedResult1764000000790 implements MigrationInterface {
  name = 'ActivityFailedResult1764000000790';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE activities DROP CONSTRAINT activities_result_check`);
    await db.query(`ALTER TABLE activities ADD CONSTRAINT activities_result_check CHECK (result IN (${RESULTS_BEFORE}, 'FAILED'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    // Without the value a failed call reads as it did before FAILED existed.
    await db.query(`UPDATE activities SET result = 'UNKNOWN' WHERE result = 'FAILED'`);
    await db.query(`ALTER TABLE activities DROP CONSTRAINT activities_result_check`);
    await db.query(`ALTER TABLE activities ADD CONSTRAINT activities_result_check CHECK (result IN (${RESULTS_BEFORE}))`);
  }
}
