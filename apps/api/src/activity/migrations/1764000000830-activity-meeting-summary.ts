import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A recorded meeting's AI Companion summary: its overview and its next steps, on the RECORDING activity. */
export class ActivityMeetingSummary1764000000830 implements MigrationInterface {
  name = 'ActivityMeetingSummary1764000000830';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE activities ADD COLUMN summary text NULL`);
    await db.query(`ALTER TABLE activities ADD COLUMN next_steps jsonb NOT NULL DEFAULT '[]'::jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE activities DROP COLUMN next_steps`);
    await db.query(`ALTER TABLE activities DROP COLUMN summary`);
  }
}
