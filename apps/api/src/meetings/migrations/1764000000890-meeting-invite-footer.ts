import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A text that ends every invite of a meeting: a booked meeting's manage link, set by the booking module. */
export class MeetingInviteFooter1764000000890 implements MigrationInterface {
  name = 'MeetingInviteFooter1764000000890';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE scheduled_meetings ADD COLUMN invite_footer text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE scheduled_meetings DROP COLUMN invite_footer`);
  }
}
