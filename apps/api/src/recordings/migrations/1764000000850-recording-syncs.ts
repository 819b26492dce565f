import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cloud-recording sync of each Zoom connection: its latest run (window, the window and page token to resume
 * from after a crash, counts for the Zoom card's progress bar) and how far every run so far has covered, where the
 * scheduled incremental sync goes on from.
 */
export class RecordingSyncs1764000000850 implements MigrationInterface {
  name = 'RecordingSyncs1764000000850';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE recording_syncs (
        connection_id uuid PRIMARY KEY REFERENCES zoom_connections(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
        range_from date NOT NULL,
        range_to date NOT NULL,
        covers_through timestamptz NOT NULL,
        resume_from date,
        resume_page_token text,
        processed int NOT NULL DEFAULT 0,
        rejected int NOT NULL DEFAULT 0,
        total int,
        error text,
        started_at timestamptz,
        finished_at timestamptz,
        last_synced_through timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE recording_syncs`);
  }
}
