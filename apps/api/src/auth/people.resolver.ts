import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { UserRole } from '@switchboard/crm-domain';
import { UserRoleEnum } from '../platform/graphql/enums';
import { CurrentPrincipal, RequireRole } from './auth.guard';
import { AuthService } from './auth.service';
import { Invite, inviteStatus, InviteStatus } from './entities/invite.entity';
import { User } from './entities/user.entity';
import type { GraphQLContext } from './graphql-context';
import { InvitesService } from './invites.service';
import { PeopleService } from './people.service';
import type { Principal } from './principal';
import { userById } from './user-loader';

/** Settings > People: admins list, invite, re-role and deactivate the people of their organisation. */
@Resolver(() => User)
export class PeopleResolver {
  constructor(private readonly people: PeopleService) {}

  @ResolveField(() => Boolean, { description: 'False once an admin has deactivated the user' })
  active(@Parent() user: User): boolean {
    return !user.deactivatedAt;
  }

  @RequireRole(UserRole.ADMIN)
  @Query(() => [User], { description: 'Everyone in your organisation, active first (admins)' })
  users(@CurrentPrincipal() principal: Principal): Promise<User[]> {
    return this.people.list(principal);
  }

  @Query(() => [User], { description: 'The active people of your organisation, by name: whom a task can be handed to or a list filtered by (everyone)' })
  async colleagues(@CurrentPrincipal() principal: Principal): Promise<User[]> {
    return (await this.people.list(principal)).filter((user) => !user.deactivatedAt);
  }

  @RequireRole(UserRole.ADMIN)
  @Mutation(() => User, { description: 'The organisation keeps at least one active admin' })
  setUserRole(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('role', { type: () => UserRoleEnum }) role: UserRole,
  ): Promise<User> {
    return this.people.setRole(principal, id, role);
  }

  @RequireRole(UserRole.ADMIN)
  @Mutation(() => User, { description: "Their sessions and API tokens stop working at once; what they did stays, under their name" })
  deactivateUser(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<User> {
    return this.people.deactivate(principal, id);
  }

  @RequireRole(UserRole.ADMIN)
  @Mutation(() => User, { description: 'They sign in again with their password; revoked sessions and API tokens stay revoked' })
  reactivateUser(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<User> {
    return this.people.reactivate(principal, id);
  }
}

@Resolver(() => Invite)
export class InvitesResolver {
  constructor(
    private readonly invitations: InvitesService,
    private readonly auth: AuthService,
  ) {}

  @ResolveField(() => InviteStatus)
  status(@Parent() invite: Invite): InviteStatus {
    return inviteStatus(invite);
  }

  /** Through the request's user loader: one query for a whole list of invites. */
  @ResolveField(() => User, { nullable: true })
  invitedBy(@Parent() invite: Invite, @Context() context: GraphQLContext): Promise<User | null> {
    if (!invite.invitedById) return Promise.resolve(null);
    return userById(context, this.auth, invite.organisationId).load(invite.invitedById);
  }

  @RequireRole(UserRole.ADMIN)
  @Mutation(() => Invite, { description: 'Emails PUBLIC_URL/invite/<token> (kept in the outbox without SMTP_URL); replaces an open invite to the same email' })
  inviteUser(
    @CurrentPrincipal() principal: Principal,
    @Args('email') email: string,
    @Args('role', { type: () => UserRoleEnum }) role: UserRole,
  ): Promise<Invite> {
    return this.invitations.invite(principal, email, role);
  }

  @RequireRole(UserRole.ADMIN)
  @Query(() => [Invite], { description: 'Invites neither accepted nor withdrawn, expired ones included, newest first (admins)' })
  invites(@CurrentPrincipal() principal: Principal): Promise<Invite[]> {
    return this.invitations.list(principal);
  }

  @RequireRole(UserRole.ADMIN)
  @Mutation(() => Invite)
  revokeInvite(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<Invite> {
    return this.invitations.revoke(principal, id);
  }
}
