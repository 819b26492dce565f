import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { DealStage } from '@switchboard/crm-domain';
import { Repository } from 'typeorm';
import { DealStageLabel } from './entities/deal-stage-label.entity';

/** The deal_stage_labels table: the stages an organisation has renamed. */
@Injectable()
export class DealStageLabelRepository {
  constructor(@InjectRepository(DealStageLabel) private readonly labels: Repository<DealStageLabel>) {}

  async renamed(organisationId: string): Promise<Map<DealStage, string>> {
    const rows = await this.labels.findBy({ organisationId });
    return new Map(rows.map((row) => [row.stage, row.label]));
  }

  async save(organisationId: string, stage: DealStage, label: string): Promise<void> {
    await this.labels.upsert({ organisationId, stage, label }, ['organisationId', 'stage']);
  }
}
