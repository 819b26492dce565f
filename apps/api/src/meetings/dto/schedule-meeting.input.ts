import { Field, GraphQLISODateTime, ID, InputType, Int } from '@nestjs/graphql';

@InputType()
export class ScheduleMeetingInput {
  @Field(() => ID, { description: 'Who the meeting is with; they get the invite' })
  contactId: string;

  @Field(() => ID, { nullable: true, description: 'The deal or listing it is about, if any' })
  dealId?: string | null;

  @Field()
  topic: string;

  @Field(() => GraphQLISODateTime, { description: 'ISO-8601 with Z or an offset' })
  startTime: Date;

  @Field(() => Int)
  durationMinutes: number;

  @Field({ description: 'IANA timezone, e.g. America/Los_Angeles: how Zoom and the invite show the time' })
  timezone: string;

  @Field(() => String, { nullable: true })
  agenda?: string | null;
}
