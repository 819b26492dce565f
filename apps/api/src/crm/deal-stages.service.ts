import { Injectable } from '@nestjs/common';
import { DEAL_STAGE_ORDER, type DealStage, DEFAULT_DEAL_STAGE_LABELS, readDealStageLabel } from '@switchboard/crm-domain';
import type { Principal } from '../auth';
import { badInput } from '../platform/graphql/errors';
import { readPageSize } from '../platform/graphql/pagination';
import { DealPipelineRepository } from './deal-pipeline.repository';
import { DealStageLabelRepository } from './deal-stage-label.repository';
import type { DealStageInfo, PipelineColumn } from './dto/deal-stage.model';

/** The pipeline's stages as the organisation names them, and the board: each stage's figures and newest deals. */
@Injectable()
export class DealStagesService {
  constructor(
    private readonly labels: DealStageLabelRepository,
    private readonly pipeline: DealPipelineRepository,
  ) {}

  async list(organisationId: string): Promise<DealStageInfo[]> {
    const renamed = await this.labels.renamed(organisationId);
    return DEAL_STAGE_ORDER.map((stage) => ({ stage, label: renamed.get(stage) ?? DEFAULT_DEAL_STAGE_LABELS[stage] }));
  }

  /** Admins (the resolver checks the role); deals keep their stage, only its name changes. */
  async rename(principal: Principal, stage: DealStage, rawLabel: string): Promise<DealStageInfo> {
    const read = readDealStageLabel(rawLabel);
    if ('problem' in read) throw badInput(read.problem, 'label');
    await this.labels.save(principal.organisationId, stage, read.label);
    return { stage, label: read.label };
  }

  async board(principal: Principal, first?: number | null): Promise<PipelineColumn[]> {
    const perStage = readPageSize(first);
    const [stages, figures, deals] = await Promise.all([
      this.list(principal.organisationId),
      this.pipeline.figuresByStage(principal.organisationId),
      this.pipeline.newestByStage(principal.organisationId, perStage),
    ]);
    return stages.map((info) => ({
      ...info,
      count: figures.get(info.stage)?.count ?? 0,
      totalValue: figures.get(info.stage)?.totalValue ?? 0,
      deals: deals.filter((deal) => deal.stage === info.stage),
    }));
  }
}
