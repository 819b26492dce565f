import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The call-history backfill of each Zoom connection: its window, how far it got (the window and page token to
 * resume from after a crash) and its counts, which the Zoom card shows as a progress bar.
 */
export class CallBackfills1764000000780 implements MigrationInterface {
  name = 'CallBackfills1764000000780';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE call_backfills (
        connection_id uuid PRIMARY KEY REFERENCES zoom_connections(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
        range_from date NOT NULL,
        range_to date NOT NULL,
        resume_from date,
        resume_page_token text,
        processed int NOT NULL DEFAULT 0,
        total int,
        error text,
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE call_backfills`);
  }
}
