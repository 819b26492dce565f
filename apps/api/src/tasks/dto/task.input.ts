import { Field, GraphQLISODateTime, ID, InputType } from '@nestjs/graphql';

@InputType()
export class CreateTaskInput {
  @Field({ description: 'At most 200 characters' })
  title: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  dueAt?: Date | null;

  @Field(() => ID, { nullable: true })
  contactId?: string | null;

  @Field(() => ID, { nullable: true, description: "The deal; its contact is the task's when contactId is left out" })
  dealId?: string | null;

  @Field(() => ID, { nullable: true, description: 'An active user of the organisation; the caller when left out' })
  ownerId?: string | null;

  @Field(() => ID, { nullable: true, description: "The activity the task comes from: a recording's AI summary next step (source SUMMARY), or any other" })
  activityId?: string | null;
}

/** A field left out stays; `dueAt`, `contactId` and `dealId` set to null are cleared. */
@InputType()
export class UpdateTaskInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'A new due time snoozes the task; null clears it' })
  dueAt?: Date | null;

  @Field(() => ID, { nullable: true })
  contactId?: string | null;

  @Field(() => ID, { nullable: true })
  dealId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Reassigns the task to another active user of the organisation' })
  ownerId?: string | null;
}
