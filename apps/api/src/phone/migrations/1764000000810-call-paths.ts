import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The paths (legs) of Zoom calls, one row per path a call record described: a queued, transferred or forwarded call
 * has several, which may arrive in different events and pages; its activity is rebuilt from all of them.
 */
export class CallPaths1764000000810 implements MigrationInterface {
  name = 'CallPaths1764000000810';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE call_paths (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        zoom_ref text NOT NULL,
        source text NOT NULL,
        path_id text NOT NULL,
        call_id text NOT NULL,
        activity_id uuid REFERENCES activities(id) ON DELETE CASCADE,
        direction text NOT NULL,
        result text NOT NULL,
        started_at timestamptz NOT NULL,
        duration_seconds int,
        counterpart_raw text,
        counterpart_name text,
        call_history_id text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, zoom_ref, source, path_id)
      )`);
    // What the cascade from a deleted activity (app_deauthorized) looks paths up by.
    await db.query(`CREATE INDEX call_paths_activity_idx ON call_paths (activity_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE call_paths`);
  }
}
