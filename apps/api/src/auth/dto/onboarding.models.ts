import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import type { UserRole } from '@switchboard/crm-domain';
import { UserRoleEnum } from '../../platform/graphql/enums';
import { InviteStatus } from '../entities/invite.entity';

/** What the login and first-run pages need to know before anyone is signed in. */
@ObjectType()
export class SignupStatus {
  @Field({ description: 'createOrganisation is allowed now: SIGNUP=open, or no organisation exists yet' })
  open: boolean;

  @Field({ description: 'No organisation exists yet: the app shows the first-run page' })
  firstRun: boolean;
}

/** What the invite page shows to whoever holds the link. */
@ObjectType()
export class InvitationPreview {
  @Field()
  email: string;

  @Field(() => UserRoleEnum)
  role: UserRole;

  @Field()
  organisationName: string;

  @Field(() => String, { nullable: true })
  invitedByName: string | null;

  @Field(() => InviteStatus)
  status: InviteStatus;

  @Field(() => GraphQLISODateTime)
  expiresAt: Date;
}
