import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A call's log as the agent keeps it: its outcome from the organisation's list, and notes. */
export class ActivityCallLog1764000000930 implements MigrationInterface {
  name = 'ActivityCallLog1764000000930';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE activities ADD COLUMN disposition text NULL`);
    await db.query(`ALTER TABLE activities ADD COLUMN notes text NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE activities DROP COLUMN notes`);
    await db.query(`ALTER TABLE activities DROP COLUMN disposition`);
  }
}
