import { Field, ID, InputType, Int } from '@nestjs/graphql';
import type { ContactStage, DealStage } from '@switchboard/crm-domain';
import { ContactStageEnum, DealStageEnum } from '../../platform/graphql/enums';

/** Fields left out keep their value on update; firstName is required on create. */
@InputType()
export class ContactInput {
  @Field(() => String, { nullable: true })
  firstName?: string | null;

  @Field(() => String, { nullable: true })
  lastName?: string | null;

  @Field(() => [String], { nullable: true })
  emails?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Any format; stored as typed plus E.164' })
  phones?: string[] | null;

  @Field(() => ContactStageEnum, { nullable: true })
  stage?: ContactStage | null;

  @Field(() => String, { nullable: true })
  company?: string | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the tags; repeats (any letter case) are dropped' })
  tags?: string[] | null;

  @Field(() => String, { nullable: true })
  leadSource?: string | null;
}

@InputType()
export class DealInput {
  @Field(() => ID, { nullable: true })
  contactId?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => DealStageEnum, { nullable: true })
  stage?: DealStage | null;

  @Field(() => String, { nullable: true })
  propertyAddress?: string | null;

  @Field(() => Int, { nullable: true })
  value?: number | null;
}
