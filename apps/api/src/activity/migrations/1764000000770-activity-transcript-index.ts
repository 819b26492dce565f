import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Contact search also reads voicemail transcripts: only the rows that have one are scanned. */
export class ActivityTranscriptIndex1764000000770 implements MigrationInterface {
  name = 'ActivityTranscriptIndex1764000000770';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX activities_transcribed_idx ON activities (organisation_id) WHERE transcript IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX activities_transcribed_idx`);
  }
}
