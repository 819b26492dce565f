import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES_BEFORE = `'received', 'processing', 'processed', 'ignored', 'skipped', 'failed', 'processed_with_errors'`;

/** The body's text at `path` when it is a non-empty JSON string, else NULL. */
const textAt = (path: string) => `CASE WHEN jsonb_typeof(body #> '${path}') = 'string' THEN NULLIF(body #>> '${path}', '') END`;

/**
 * The Zoom user each stored event is about, as `zoomUserOf` (zoom-envelope.ts) read it when this migration was
 * written: rows stored before it named only the deauthorizing user, `object.user_id` and `object.host_id`.
 */
const ZOOM_USER_OF_BODY = `COALESCE(
  ${textAt('{payload,user_id}')},
  ${textAt('{payload,object,user_id}')},
  ${textAt('{payload,object,call_logs,0,user_id}')},
  CASE WHEN starts_with(event, 'phone.caller_') THEN ${textAt('{payload,object,caller,user_id}')}
       WHEN starts_with(event, 'phone.callee_') THEN ${textAt('{payload,object,callee,user_id}')} END,
  ${textAt('{payload,object,callee_user_id}')},
  ${textAt('{payload,object,callee_id}')},
  ${textAt('{payload,object,recordings,0,owner,id}')},
  ${textAt('{payload,object,recordings,0,user_id}')},
  ${textAt('{payload,object,owner,id}')},
  ${textAt('{payload,object,host_id}')},
  ${textAt('{payload,object,meeting_host_id}')},
  ${textAt('{payload,operator_id}')}
)`;

/**
 * Inbox rows belong to the organisation of the Zoom user they are about, no longer to every organisation with a user
 * in the same Zoom account: rows stored before are attributed again, and the health page, retries and the deletion
 * on app_deauthorized find a user's rows by `zoom_user_id`. `rejected`: an event PostgreSQL could never store,
 * kept as its reason only. The finished-rows index serves the retention pruner.
 */
export class InboxAttributionAndRetention1764000000870 implements MigrationInterface {
  name = 'InboxAttributionAndRetention1764000000870';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE webhook_inbox SET zoom_user_id = ${ZOOM_USER_OF_BODY} WHERE zoom_user_id IS NULL`);
    await db.query(`CREATE INDEX webhook_inbox_zoom_user_idx ON webhook_inbox (zoom_user_id)`);
    await db.query(`CREATE INDEX webhook_inbox_finished_idx ON webhook_inbox (updated_at) WHERE status NOT IN ('received', 'processing')`);
    await db.query(`ALTER TABLE webhook_inbox DROP CONSTRAINT webhook_inbox_status_check`);
    await db.query(`ALTER TABLE webhook_inbox ADD CONSTRAINT webhook_inbox_status_check CHECK (status IN (${STATUSES_BEFORE}, 'rejected'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    // A rejected row holds no event to process: without its status it would be nothing but a misleading row.
    await db.query(`DELETE FROM webhook_inbox WHERE status = 'rejected'`);
    await db.query(`ALTER TABLE webhook_inbox DROP CONSTRAINT webhook_inbox_status_check`);
    await db.query(`ALTER TABLE webhook_inbox ADD CONSTRAINT webhook_inbox_status_check CHECK (status IN (${STATUSES_BEFORE}))`);
    await db.query(`DROP INDEX webhook_inbox_finished_idx`);
    await db.query(`DROP INDEX webhook_inbox_zoom_user_idx`);
    // The attribution stays: it is what the events say, and the code before this migration reads it the same way.
  }
}
