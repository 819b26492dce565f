import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Which contact a number shared by several contacts means, answered once by a user ("Which contact?"). */
export class PhoneNumberChoices1764000000710 implements MigrationInterface {
  name = 'PhoneNumberChoices1764000000710';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE phone_number_choices (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        e164 text NOT NULL,
        contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        chosen_by uuid REFERENCES users(id) ON DELETE SET NULL,
        chosen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, e164)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE phone_number_choices`);
  }
}
