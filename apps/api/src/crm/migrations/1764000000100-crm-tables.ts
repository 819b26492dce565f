import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CrmTables1764000000100 implements MigrationInterface {
  name = 'CrmTables1764000000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
        first_name text NOT NULL,
        last_name text NOT NULL DEFAULT '',
        emails text[] NOT NULL DEFAULT '{}',
        stage text NOT NULL DEFAULT 'lead' CHECK (stage IN ('lead', 'client', 'past_client')),
        company text,
        notes text,
        sort_name text GENERATED ALWAYS AS (lower(first_name || ' ' || last_name)) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX contacts_org_sort_idx ON contacts (organisation_id, sort_name, id)`);
    await db.query(`
      CREATE TABLE contact_phones (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        raw text NOT NULL,
        e164 text,
        extension text,
        position int NOT NULL DEFAULT 0
      )`);
    await db.query(`CREATE INDEX contact_phones_org_e164_idx ON contact_phones (organisation_id, e164) INCLUDE (contact_id)`);
    await db.query(`CREATE INDEX contact_phones_contact_idx ON contact_phones (contact_id)`);
    await db.query(`
      CREATE TABLE deals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
        owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
        title text NOT NULL,
        stage text NOT NULL DEFAULT 'prospect'
          CHECK (stage IN ('prospect', 'active', 'under_contract', 'closed_won', 'closed_lost')),
        property_address text,
        value int CHECK (value >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX deals_org_contact_idx ON deals (organisation_id, contact_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE deals`);
    await db.query(`DROP TABLE contact_phones`);
    await db.query(`DROP TABLE contacts`);
  }
}
