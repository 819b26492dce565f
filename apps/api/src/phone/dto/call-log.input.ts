import { Field, GraphQLISODateTime, ID, InputType, Int } from '@nestjs/graphql';
import type { ActivityDirection } from '@switchboard/crm-domain';
import { ActivityDirection as ActivityDirectionEnum } from '../../platform/graphql/enums';

/** A call made outside Zoom (a mobile, a landline), logged by hand on a contact. */
@InputType()
export class LogCallInput {
  @Field(() => ID)
  contactId: string;

  @Field(() => ActivityDirectionEnum, { description: 'INBOUND or OUTBOUND' })
  direction: ActivityDirection;

  @Field(() => Int, { nullable: true, description: 'How long the call lasted, in seconds' })
  durationSeconds?: number | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the call began; now when left out' })
  occurredAt?: Date | null;

  @Field(() => String, { nullable: true, description: "One of the organisation's callDispositions" })
  disposition?: string | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;
}
