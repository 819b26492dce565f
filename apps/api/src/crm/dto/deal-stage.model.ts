import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { DealStage } from '@switchboard/crm-domain';
import { DealStageEnum } from '../../platform/graphql/enums';
import { Deal } from '../entities/deal.entity';

/** A pipeline stage and what the organisation calls it. */
@ObjectType()
export class DealStageInfo {
  @Field(() => DealStageEnum)
  stage: DealStage;

  @Field()
  label: string;
}

/** One column of the pipeline board: its stage, its figures over all its deals, and its most recently changed deals. */
@ObjectType()
export class PipelineColumn extends DealStageInfo {
  @Field(() => Int, { description: 'Deals at this stage' })
  count: number;

  @Field(() => Float, { description: 'Sum of the values of the deals at this stage, in whole currency units (deals without a value count as 0)' })
  totalValue: number;

  @Field(() => [Deal], { description: 'Most recently changed first, at most `first` of them' })
  deals: Deal[];
}
