import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { notFound } from '../platform/graphql/errors';
import { CallLinkScheme } from '../platform/graphql/enums';
import { CurrentPrincipal, Public } from './auth.guard';
import { AuthService } from './auth.service';
import { AuthPayload } from './dto/auth-payload';
import { ApiToken } from './entities/api-token.entity';
import { Organisation } from './entities/organisation.entity';
import { User } from './entities/user.entity';
import { clientAddress, type GraphQLContext } from './graphql-context';
import { signedIn } from './session-cookie';
import { type Principal, SESSION_COOKIE } from './principal';

@Resolver(() => User)
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => AuthPayload)
  async login(
    @Args('email') email: string,
    @Args('password') password: string,
    @Context() context: GraphQLContext,
  ): Promise<AuthPayload> {
    const { token, user } = await this.auth.login(email, password, clientAddress(context));
    return signedIn(context, { token, user });
  }

  @Mutation(() => Boolean)
  async logout(@CurrentPrincipal() principal: Principal, @Context() context: GraphQLContext): Promise<boolean> {
    await this.auth.logout(principal);
    if (context.transport === 'http') context.res.clearCookie(SESSION_COOKIE, { path: '/' });
    return true;
  }

  @Query(() => User)
  me(@CurrentPrincipal() principal: Principal): Promise<User> {
    return this.auth.userOf(principal);
  }

  @Mutation(() => User, { description: 'Your own preference: what phone numbers open when you click them' })
  setCallLinks(@CurrentPrincipal() principal: Principal, @Args('callLinks', { type: () => CallLinkScheme }) callLinks: CallLinkScheme): Promise<User> {
    return this.auth.setCallLinks(principal, callLinks);
  }

  @Mutation(() => String, { description: 'The token is shown once; send it as Authorization: Bearer <token>.' })
  createApiToken(@CurrentPrincipal() principal: Principal, @Args('name') name: string): Promise<string> {
    return this.auth.createApiToken(principal, name);
  }

  @Mutation(() => Boolean)
  revokeApiToken(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.auth.revokeApiToken(principal, id);
  }

  @Query(() => [ApiToken])
  apiTokens(@CurrentPrincipal() principal: Principal): Promise<ApiToken[]> {
    return this.auth.listApiTokens(principal);
  }

  @ResolveField(() => Organisation)
  async organisation(@Parent() user: User): Promise<Organisation> {
    const organisation = await this.auth.getOrganisation(user.organisationId);
    if (!organisation) throw notFound('Organisation');
    return organisation;
  }
}
