import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tags, lead source and when the contact was last contacted, with the indexes the contacts list filters and sorts
 * by. last_contacted_at is filled from the timeline as it is today, with the rule of contactedAt()
 * (libs/crm-domain, docs/architecture.md "Contacts"); from now on the activity module keeps it current.
 */
export class ContactListFields1764000000950 implements MigrationInterface {
  name = 'ContactListFields1764000000950';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE contacts
        ADD COLUMN tags text[] NOT NULL DEFAULT '{}',
        ADD COLUMN lead_source text,
        ADD COLUMN last_contacted_at timestamptz(3)`);
    // Milliseconds, as JavaScript dates and so the list's cursors hold them: a keyset over a microsecond value
    // read back to the millisecond would skip the rows created within that millisecond.
    await db.query(`ALTER TABLE contacts ALTER COLUMN created_at TYPE timestamptz(3)`);
    await db.query(`CREATE INDEX contacts_org_last_contacted_idx ON contacts (organisation_id, (coalesce(last_contacted_at, '-infinity')) DESC, id DESC)`);
    await db.query(`CREATE INDEX contacts_org_created_idx ON contacts (organisation_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX contacts_tags_idx ON contacts USING gin (tags)`);
    await db.query(`
      UPDATE contacts SET last_contacted_at = touched.at
        FROM (SELECT contact_id, max(occurred_at) AS at FROM activities
               WHERE contact_id IS NOT NULL AND occurred_at <= now() AND (
                     (type = 'CALL' AND direction IS DISTINCT FROM 'INTERNAL' AND (result = 'ANSWERED' OR direction = 'OUTBOUND' OR (result IS NULL AND zoom_ref IS NULL)))
                  OR (type = 'MEETING' AND status IN ('Started', 'Ended'))
                  OR type = 'SMS'
                  OR (type = 'EMAIL' AND NOT attachments @> '[{"kind": "outbox"}]'))
               GROUP BY contact_id) touched
       WHERE contacts.id = touched.contact_id`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX contacts_tags_idx`);
    await db.query(`DROP INDEX contacts_org_created_idx`);
    await db.query(`DROP INDEX contacts_org_last_contacted_idx`);
    await db.query(`ALTER TABLE contacts ALTER COLUMN created_at TYPE timestamptz`);
    await db.query(`ALTER TABLE contacts DROP COLUMN last_contacted_at, DROP COLUMN lead_source, DROP COLUMN tags`);
  }
}
