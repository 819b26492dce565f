import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { UserRole } from '@switchboard/crm-domain';
import { forbidden, unauthenticated } from '../platform/graphql/errors';
import { AuthService, credentialFromHeaders } from './auth.service';
import type { Principal } from './principal';
import type { GraphQLContext } from './graphql-context';

const PUBLIC = 'auth:public';
const ROLES = 'auth:roles';
/** Open to anonymous callers (login). */
export const Public = () => SetMetadata(PUBLIC, true);
export const RequireRole = (...roles: UserRole[]) => SetMetadata(ROLES, roles);

/** Every GraphQL operation needs a principal unless marked @Public; HTTP controllers opt in per route. */
@Injectable()
export class GraphQLAuthGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const gqlContext = GqlExecutionContext.create(context).getContext<GraphQLContext>();
    if (gqlContext.transport === 'http' && gqlContext.principal === undefined) {
      gqlContext.principal = await this.auth.authenticate(credentialFromHeaders(gqlContext.req.headers));
    }
    if (!gqlContext.principal) throw unauthenticated();
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(gqlContext.principal.role)) throw forbidden();
    return true;
  }
}

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = GqlExecutionContext.create(context).getContext<GraphQLContext>().principal;
  if (!principal) throw unauthenticated();
  return principal;
});
