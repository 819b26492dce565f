import type { AuthPayload } from './dto/auth-payload';
import type { GraphQLContext } from './graphql-context';
import { SESSION_COOKIE } from './principal';
import { SESSION_TTL_MS } from './auth.service';

/** Browsers keep the session as an HttpOnly cookie; the same token is in the answer for API clients. */
export function signedIn(context: GraphQLContext, payload: AuthPayload): AuthPayload {
  if (context.transport === 'http') {
    context.res.cookie(SESSION_COOKIE, payload.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: context.req.protocol === 'https',
      path: '/',
      maxAge: SESSION_TTL_MS,
    });
  }
  return payload;
}
