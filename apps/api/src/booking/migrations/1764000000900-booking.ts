import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public booking links: each agent's settings (the slug is unique everywhere: it is the public link) and the
 * bookings made through them. A confirmed booking's slot is checked free under the agent's advisory lock; the
 * index serves that check and the slot queries (an agent's confirmed bookings in a time range).
 */
export class Booking1764000000900 implements MigrationInterface {
  name = 'Booking1764000000900';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE booking_settings (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        enabled boolean NOT NULL DEFAULT false,
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$'),
        timezone text NOT NULL,
        durations int[] NOT NULL,
        buffer_minutes int NOT NULL CHECK (buffer_minutes >= 0),
        min_notice_minutes int NOT NULL CHECK (min_notice_minutes >= 0),
        max_days_ahead int NOT NULL CHECK (max_days_ahead > 0),
        daily_cap int CHECK (daily_cap > 0),
        require_phone boolean NOT NULL,
        weekly_hours jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE bookings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        agent_user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        activity_id uuid REFERENCES activities(id) ON DELETE SET NULL,
        status text NOT NULL CHECK (status IN ('CONFIRMED', 'CANCELLED')),
        start_time timestamptz NOT NULL,
        end_time timestamptz NOT NULL CHECK (end_time > start_time),
        duration_minutes int NOT NULL,
        agent_day date NOT NULL,
        name text NOT NULL,
        email text NOT NULL,
        phone text,
        note text,
        timezone text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX bookings_agent_confirmed_start ON bookings (agent_user_id, start_time) WHERE status = 'CONFIRMED'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE bookings`);
    await db.query(`DROP TABLE booking_settings`);
  }
}
