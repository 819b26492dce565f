import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ZoomConnections1764000000400 implements MigrationInterface {
  name = 'ZoomConnections1764000000400';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE zoom_connections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        user_id uuid NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
        zoom_user_id text NOT NULL,
        zoom_account_id text NOT NULL,
        email text NOT NULL,
        plan_type int NOT NULL,
        phone_number text,
        phone_extension text,
        scopes text[] NOT NULL DEFAULT '{}',
        state text NOT NULL CHECK (state IN ('CONNECTED', 'NEEDS_RECONNECT', 'REVOKED')),
        last_error text,
        connected_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One Zoom user links to one Switchboard user (a revoked link no longer counts).
    await db.query(`CREATE UNIQUE INDEX zoom_connections_zoom_user_key ON zoom_connections (zoom_user_id) WHERE state <> 'REVOKED'`);
    await db.query(`
      CREATE TABLE zoom_tokens (
        connection_id uuid PRIMARY KEY REFERENCES zoom_connections(id) ON DELETE CASCADE,
        access_token_sealed text NOT NULL,
        refresh_token_sealed text NOT NULL,
        expires_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE zoom_tokens`);
    await db.query(`DROP TABLE zoom_connections`);
  }
}
