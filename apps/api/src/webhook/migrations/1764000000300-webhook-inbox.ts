import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhookInbox1764000000300 implements MigrationInterface {
  name = 'WebhookInbox1764000000300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE webhook_inbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event text NOT NULL,
        event_ts bigint NOT NULL,
        account_id text,
        zoom_user_id text,
        dedupe_key text NOT NULL UNIQUE,
        body jsonb NOT NULL,
        status text NOT NULL DEFAULT 'received'
          CHECK (status IN ('received', 'processing', 'processed', 'ignored', 'skipped', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX webhook_inbox_pending_idx ON webhook_inbox (updated_at) WHERE status IN ('received', 'processing')`);
    await db.query(`CREATE INDEX webhook_inbox_event_idx ON webhook_inbox (event, received_at DESC)`);
    await db.query(`CREATE INDEX webhook_inbox_status_idx ON webhook_inbox (status)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE webhook_inbox`);
  }
}
