import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each organisation's list of call outcomes, in the order agents pick from; no row means the defaults. */
export class CallDispositions1764000000935 implements MigrationInterface {
  name = 'CallDispositions1764000000935';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE call_disposition_lists (
        organisation_id uuid PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
        dispositions text[] NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE call_disposition_lists`);
  }
}
