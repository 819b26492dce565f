import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live call board's state: one row per connected user's leg of a call. Ended calls stay a day as tombstones,
 * so a ringing event delivered after the hang-up cannot bring a call back.
 */
export class LiveCalls1764000000720 implements MigrationInterface {
  name = 'LiveCalls1764000000720';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE live_calls (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        call_id text NOT NULL,
        state text NOT NULL CHECK (state IN ('RINGING', 'CONNECTED', 'ENDED')),
        direction text NOT NULL CHECK (direction IN ('INBOUND', 'OUTBOUND', 'INTERNAL')),
        counterpart_number text,
        counterpart_name text,
        contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
        since timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, owner_id, call_id)
      )`);
    await db.query(`CREATE INDEX live_calls_in_progress_idx ON live_calls (organisation_id) WHERE state <> 'ENDED'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE live_calls`);
  }
}
