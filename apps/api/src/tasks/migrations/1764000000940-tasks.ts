import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tasks and follow-ups. Times are kept to the millisecond (timestamptz(3)): they are keyset cursors, and a cursor
 * travels as a JavaScript date. `activity_at` is when the call a call-back task answers happened: an answered call
 * with the contact after it closes the task.
 *
 * Indexes: an owner's open tasks in Today order (no due date last), an owner's done tasks newest first, a
 * contact's and a deal's tasks; and at most one open call-back task per owner and contact, which is what the
 * call-back writes upsert on. `task_call_back_activities` remembers every call that was turned into (or folded
 * into) a call-back task, so the same call heard again (redelivered, a later event of it, transcribed) never opens
 * another, even after the first was completed or deleted.
 */
export class Tasks1764000000940 implements MigrationInterface {
  name = 'Tasks1764000000940';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        due_at timestamptz(3),
        completed_at timestamptz(3),
        source text NOT NULL CHECK (source IN ('MANUAL', 'MISSED_CALL', 'VOICEMAIL', 'SUMMARY')),
        contact_id uuid REFERENCES contacts(id) ON DELETE CASCADE,
        deal_id uuid REFERENCES deals(id) ON DELETE SET NULL,
        activity_id uuid REFERENCES activities(id) ON DELETE SET NULL,
        activity_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX tasks_owner_open_due ON tasks (owner_id, (COALESCE(due_at, 'infinity'::timestamptz)), created_at, id) WHERE completed_at IS NULL`);
    await db.query(`CREATE INDEX tasks_owner_done ON tasks (owner_id, completed_at DESC, id DESC) WHERE completed_at IS NOT NULL`);
    await db.query(`CREATE INDEX tasks_contact ON tasks (contact_id) WHERE contact_id IS NOT NULL`);
    await db.query(`CREATE INDEX tasks_deal ON tasks (deal_id) WHERE deal_id IS NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX tasks_one_open_call_back ON tasks (owner_id, contact_id) WHERE completed_at IS NULL AND source IN ('MISSED_CALL', 'VOICEMAIL')`);
    await db.query(`
      CREATE TABLE task_call_back_activities (
        activity_id uuid PRIMARY KEY REFERENCES activities(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        task_id uuid REFERENCES tasks(id) ON DELETE SET NULL
      )`);
    await db.query(`CREATE INDEX task_call_back_activities_task ON task_call_back_activities (task_id) WHERE task_id IS NOT NULL`);
    await db.query(`
      CREATE TABLE task_settings (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        call_back_tasks boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE task_settings`);
    await db.query(`DROP TABLE task_call_back_activities`);
    await db.query(`DROP TABLE tasks`);
  }
}
