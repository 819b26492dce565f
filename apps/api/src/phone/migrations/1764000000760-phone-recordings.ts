import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Zoom Phone call recordings attached to call activities: where Zoom keeps each one, never its audio. */
export class PhoneRecordings1764000000760 implements MigrationInterface {
  name = 'PhoneRecordings1764000000760';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE phone_recordings (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        recording_id text NOT NULL,
        activity_id uuid NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        zoom_user_id text NOT NULL,
        download_url text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, recording_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE phone_recordings`);
  }
}
