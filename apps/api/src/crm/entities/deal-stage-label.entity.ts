import type { DealStage } from '@switchboard/crm-domain';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** What an organisation calls one pipeline stage, once an admin has renamed it from the default. */
@Entity('deal_stage_labels')
export class DealStageLabel {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('text')
  stage: DealStage;

  @Column('text')
  label: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
