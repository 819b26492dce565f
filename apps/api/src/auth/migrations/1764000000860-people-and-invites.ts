import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Deactivated users (kept, so what they did keeps its owner) and single-use, expiring invites stored hashed. */
export class PeopleAndInvites1764000000860 implements MigrationInterface {
  name = 'PeopleAndInvites1764000000860';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN deactivated_at timestamptz`);
    await db.query(`
      CREATE TABLE invites (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = lower(email)),
        role text NOT NULL CHECK (role IN ('agent', 'admin')),
        token_hash text NOT NULL UNIQUE,
        invited_by uuid REFERENCES users(id) ON DELETE SET NULL,
        delivery text NOT NULL CHECK (delivery IN ('SENT', 'OUTBOX', 'FAILED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        revoked_at timestamptz
      )`);
    await db.query(`CREATE INDEX invites_open_idx ON invites (organisation_id, email) WHERE accepted_at IS NULL AND revoked_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE invites`);
    await db.query(`ALTER TABLE users DROP COLUMN deactivated_at`);
  }
}
