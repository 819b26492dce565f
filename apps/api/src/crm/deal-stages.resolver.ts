import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type DealStage, UserRole } from '@switchboard/crm-domain';
import { CurrentPrincipal, type Principal, RequireRole } from '../auth';
import { DealStageEnum } from '../platform/graphql/enums';
import { DealStagesService } from './deal-stages.service';
import { DealStageInfo, PipelineColumn } from './dto/deal-stage.model';

/** The pipeline board: its stages, their names (admins rename them) and each stage's deals and figures. */
@Resolver()
export class DealStagesResolver {
  constructor(private readonly stages: DealStagesService) {}

  @Query(() => [DealStageInfo], { description: 'Every deal stage in pipeline order, with the name the organisation gave it' })
  dealStages(@CurrentPrincipal() principal: Principal): Promise<DealStageInfo[]> {
    return this.stages.list(principal.organisationId);
  }

  @Query(() => [PipelineColumn], { description: 'The pipeline board: one column per stage in order, with its count, total value and most recently changed deals' })
  dealPipeline(
    @CurrentPrincipal() principal: Principal,
    @Args('first', { type: () => Int, nullable: true, description: 'Deals per column: 20 unless given, at most 100' }) first?: number,
  ): Promise<PipelineColumn[]> {
    return this.stages.board(principal, first);
  }

  @RequireRole(UserRole.ADMIN)
  @Mutation(() => DealStageInfo, { description: 'Renames a stage for the whole organisation (admins); 1 to 40 characters' })
  renameDealStage(
    @CurrentPrincipal() principal: Principal,
    @Args('stage', { type: () => DealStageEnum }) stage: DealStage,
    @Args('label') label: string,
  ): Promise<DealStageInfo> {
    return this.stages.rename(principal, stage, label);
  }
}
