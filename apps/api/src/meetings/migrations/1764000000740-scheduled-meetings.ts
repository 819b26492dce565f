import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the CRM needs to know about a Zoom meeting beyond its timeline entry: the schedule as the agent set it, the
 * invite's calendar identity (UID + SEQUENCE) and whom it went to, and what Zoom reported when it ran. Never the
 * start_url: it carries a host token and is fetched fresh on every "Start".
 */
export class ScheduledMeetings1764000000740 implements MigrationInterface {
  name = 'ScheduledMeetings1764000000740';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE scheduled_meetings (
        activity_id uuid PRIMARY KEY REFERENCES activities(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        host_user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        zoom_meeting_id text NOT NULL,
        topic text NOT NULL,
        agenda text,
        timezone text NOT NULL,
        start_time timestamptz NOT NULL,
        duration_minutes int NOT NULL CHECK (duration_minutes > 0),
        join_url text NOT NULL,
        invitee_email text,
        invite_sequence int NOT NULL DEFAULT 0,
        invite_delivery text CHECK (invite_delivery IN ('SENT', 'OUTBOX', 'SKIPPED_NO_EMAIL', 'FAILED')),
        started_at timestamptz,
        ended_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, zoom_meeting_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE scheduled_meetings`);
  }
}
