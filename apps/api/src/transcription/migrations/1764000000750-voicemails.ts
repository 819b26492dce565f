import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per Zoom voicemail: where its transcription stands. The audio itself is never stored: only Zoom's
 * download address, read with the owner's token while transcribing.
 */
export class Voicemails1764000000750 implements MigrationInterface {
  name = 'Voicemails1764000000750';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE voicemails (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        voicemail_id text NOT NULL,
        activity_id uuid NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        zoom_user_id text NOT NULL,
        download_url text NOT NULL,
        status text NOT NULL CHECK (status IN ('TRANSCRIBING', 'TRANSCRIBED', 'FAILED')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        language text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, voicemail_id)
      )`);
    await db.query(`CREATE INDEX voicemails_activity_idx ON voicemails (activity_id)`);
    await db.query(`CREATE INDEX voicemails_unfinished_idx ON voicemails (updated_at) WHERE status = 'TRANSCRIBING'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE voicemails`);
  }
}
