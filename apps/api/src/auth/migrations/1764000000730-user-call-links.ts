import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How the app's phone numbers dial for this user: the Zoom client's schemes, or tel: for people without it. */
export class UserCallLinks1764000000730 implements MigrationInterface {
  name = 'UserCallLinks1764000000730';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN call_links text NOT NULL DEFAULT 'ZOOM_PHONE' CHECK (call_links IN ('ZOOM_PHONE', 'TEL'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN call_links`);
  }
}
