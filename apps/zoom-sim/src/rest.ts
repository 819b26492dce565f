import { type NextFunction, type Request, type Response, Router } from 'express';
import type { SimState } from './state';
import { type SimUser, zoomPhoneUserResource, zoomUserResource } from './users';

interface Caller {
  user: SimUser;
  scopes: string[];
}

const zoomError = (response: Response, status: number, code: number, message: string) => response.status(status).json({ code, message });

/** Bearer access token -> the Zoom user and granted scopes, or Zoom's 401 code 124. */
function authenticate(state: SimState) {
  return (request: Request, response: Response, next: NextFunction) => {
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? state.tokens.get(header.slice(7)) : undefined;
    if (!token || token.kind !== 'access' || token.used || state.grant(token.grantId)?.revoked) return zoomError(response, 401, 124, 'Invalid access token.');
    if (token.expiresAt <= Date.now()) return zoomError(response, 401, 124, 'Access token is expired.');
    const grant = state.grant(token.grantId)!;
    response.locals.caller = { user: state.userById(grant.userId)!, scopes: grant.scopes } satisfies Caller;
    next();
  };
}

/** Zoom's answer to a token without the granular scope a call needs. */
function requireScope(scope: string) {
  return (_request: Request, response: Response, next: NextFunction) => {
    const caller = response.locals.caller as Caller;
    if (!caller.scopes.includes(scope)) return zoomError(response, 400, 4711, `Invalid access token, does not contain scopes:[${scope}].`);
    next();
  };
}

/** `me` or the caller's own id; user apps cannot read other users. */
function targetUser(request: Request, response: Response): SimUser | null {
  const caller = (response.locals.caller as Caller).user;
  const userId = String(request.params.userId);
  if (userId === 'me' || userId === caller.id || userId.toLowerCase() === caller.email.toLowerCase()) return caller;
  zoomError(response, 404, 1001, `User does not exist: ${userId}.`);
  return null;
}

export function restRoutes(state: SimState): Router {
  const router = Router();
  router.use('/v2', authenticate(state));

  router.get('/v2/users/:userId', requireScope('user:read:user'), (request, response) => {
    const user = targetUser(request, response);
    if (user) response.json(zoomUserResource(user));
  });

  router.get('/v2/phone/users/:userId', requireScope('phone:read:user'), (request, response) => {
    const user = targetUser(request, response);
    if (!user) return;
    if (!user.phoneUserId) return zoomError(response, 404, 1001, `User does not exist: ${user.id}.`);
    response.json(zoomPhoneUserResource(user));
  });

  router.use('/v2', (request, response) => zoomError(response, 404, 404, `Not found: ${request.method} ${request.path} is not simulated`));
  return router;
}
