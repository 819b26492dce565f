import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ActivityTables1764000000200 implements MigrationInterface {
  name = 'ActivityTables1764000000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE activities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('CALL', 'VOICEMAIL', 'MEETING', 'RECORDING', 'SMS', 'NOTE', 'EMAIL')),
        occurred_at timestamptz NOT NULL,
        direction text CHECK (direction IN ('INBOUND', 'OUTBOUND', 'INTERNAL')),
        duration_seconds int CHECK (duration_seconds >= 0),
        result text CHECK (result IN ('ANSWERED', 'MISSED', 'VOICEMAIL', 'REJECTED', 'BUSY', 'CANCELLED', 'UNKNOWN')),
        counterpart_number text,
        status text,
        transcript text,
        contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
        deal_id uuid REFERENCES deals(id) ON DELETE SET NULL,
        owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
        body text,
        attachments jsonb NOT NULL DEFAULT '[]',
        zoom jsonb,
        zoom_ref text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX activities_org_zoom_ref_key ON activities (organisation_id, zoom_ref) WHERE zoom_ref IS NOT NULL`);
    await db.query(`CREATE INDEX activities_contact_timeline_idx ON activities (organisation_id, contact_id, occurred_at DESC, id DESC)`);
    await db.query(
      `CREATE INDEX activities_deal_timeline_idx ON activities (organisation_id, deal_id, occurred_at DESC, id DESC) WHERE deal_id IS NOT NULL`,
    );
    await db.query(`CREATE INDEX activities_org_timeline_idx ON activities (organisation_id, occurred_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE activities`);
  }
}
