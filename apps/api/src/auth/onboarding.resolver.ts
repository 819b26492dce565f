import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Public } from './auth.guard';
import { AuthPayload } from './dto/auth-payload';
import { CreateOrganisationInput } from './dto/create-organisation.input';
import { InvitationPreview, SignupStatus } from './dto/onboarding.models';
import type { GraphQLContext } from './graphql-context';
import { InvitesService } from './invites.service';
import { OrganisationSignupService } from './organisation-signup.service';
import { signedIn } from './session-cookie';

/** The way in before anyone is signed in: the first-run page, and the invite page. Both sign the new user in. */
@Resolver()
export class OnboardingResolver {
  constructor(
    private readonly signup: OrganisationSignupService,
    private readonly invites: InvitesService,
  ) {}

  @Public()
  @Query(() => SignupStatus)
  signupStatus(): Promise<SignupStatus> {
    return this.signup.status();
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'A new organisation and its first admin; FORBIDDEN unless SIGNUP=open or no organisation exists yet' })
  async createOrganisation(@Args('input') input: CreateOrganisationInput, @Context() context: GraphQLContext): Promise<AuthPayload> {
    return signedIn(context, await this.signup.create(input));
  }

  @Public()
  @Query(() => InvitationPreview, { nullable: true, description: 'What an invite link offers, and whether it still works; null for an unknown token' })
  invitation(@Args('token') token: string): Promise<InvitationPreview | null> {
    return this.invites.preview(token);
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'Single use; BAD_USER_INPUT with extensions.reason USED, EXPIRED, REVOKED or INVALID when the link cannot be used' })
  async acceptInvite(
    @Args('token') token: string,
    @Args('name') name: string,
    @Args('password') password: string,
    @Context() context: GraphQLContext,
  ): Promise<AuthPayload> {
    return signedIn(context, await this.invites.accept(token, name, password));
  }
}
