import { Field, GraphQLISODateTime, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { ActivityDirection } from '@switchboard/crm-domain';
import { User } from '../../auth';
import { Contact } from '../../crm';
import { ActivityDirection as ActivityDirectionEnum } from '../../platform/graphql/enums';

export const LiveCallState = { RINGING: 'RINGING', CONNECTED: 'CONNECTED' } as const;
export type LiveCallState = (typeof LiveCallState)[keyof typeof LiveCallState];
registerEnumType(LiveCallState, { name: 'LiveCallState' });

/** What a Zoom call event says about a call: the board's states plus the end that takes it off. */
export type CallProgress = LiveCallState | 'ENDED';

/** A call in progress on the live call board. */
@ObjectType()
export class LiveCall {
  @Field()
  callId: string;

  @Field(() => LiveCallState)
  state: LiveCallState;

  @Field(() => ActivityDirectionEnum)
  direction: ActivityDirection;

  @Field(() => String, { nullable: true })
  counterpartNumber: string | null;

  @Field(() => String, { nullable: true, description: 'The caller or callee name Zoom gave' })
  counterpartName: string | null;

  @Field(() => Contact, { nullable: true })
  contact?: Contact | null;

  @Field(() => User, { nullable: true })
  owner?: User | null;

  contactId: string | null;
  ownerId: string;
  organisationId: string;

  @Field(() => GraphQLISODateTime)
  since: Date;
}
