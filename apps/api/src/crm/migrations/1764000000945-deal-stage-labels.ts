import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each organisation's names for its pipeline stages (no row: the default name), and the index the board reads a
 * stage's newest deals and the stage filter through.
 */
export class DealStageLabels1764000000945 implements MigrationInterface {
  name = 'DealStageLabels1764000000945';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE deal_stage_labels (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        stage text NOT NULL CHECK (stage IN ('prospect', 'active', 'under_contract', 'closed_won', 'closed_lost')),
        label text NOT NULL CHECK (char_length(label) BETWEEN 1 AND 40),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, stage)
      )`);
    await db.query(`CREATE INDEX deals_org_stage_updated_idx ON deals (organisation_id, stage, updated_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX deals_org_stage_updated_idx`);
    await db.query(`DROP TABLE deal_stage_labels`);
  }
}
