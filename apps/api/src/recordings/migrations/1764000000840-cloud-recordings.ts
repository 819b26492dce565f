import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Cloud recordings behind RECORDING activities and where Zoom keeps their files: addresses, cues, never media. */
export class CloudRecordings1764000000840 implements MigrationInterface {
  name = 'CloudRecordings1764000000840';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE cloud_recordings (
        activity_id uuid PRIMARY KEY REFERENCES activities(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        meeting_uuid text NOT NULL,
        zoom_user_id text NOT NULL,
        transcript_cues jsonb NOT NULL DEFAULT '[]',
        summary_status text,
        detached boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE cloud_recording_files (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        file_id text NOT NULL,
        activity_id uuid NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        kind text NOT NULL,
        zoom_user_id text NOT NULL,
        download_url text NOT NULL,
        PRIMARY KEY (organisation_id, file_id)
      )`);
    await db.query(`CREATE INDEX cloud_recording_files_activity ON cloud_recording_files (activity_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE cloud_recording_files`);
    await db.query(`DROP TABLE cloud_recordings`);
  }
}
