import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The caller or callee name Zoom gives: shown in Unmatched and prefilled when a contact is created from a call. */
export class ActivityCounterpartName1764000000700 implements MigrationInterface {
  name = 'ActivityCounterpartName1764000000700';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE activities ADD COLUMN counterpart_name text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE activities DROP COLUMN counterpart_name`);
  }
}
