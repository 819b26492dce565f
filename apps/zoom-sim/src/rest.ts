import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { cloudRecordingApiRoutes } from './cloud-recordings';
import { meetingRoutes } from './meetings';
import { phoneRoutes } from './phone-routes';
import { rateLimits } from './rate-limits';
import type { SimState } from './state';
import { zoomUserResource } from './users';
import type { WebhookSender } from './webhooks';
import { authenticate, invalidField, requireScope, targetUser, zoomError } from './zoom-api';

/** Zoom's REST API under /v2: token, then rate limits, then the call itself. */
export function restRoutes(state: SimState, webhooks: WebhookSender): Router {
  const router = Router();
  router.use('/v2', authenticate(state), rateLimits(state), express.json({ limit: '1mb' }));
  router.use('/v2', (error: Error, _request: Request, response: Response, next: NextFunction) => {
    if ((error as { type?: string }).type === 'entity.parse.failed') return invalidField(response, 'Request Body should be a valid JSON object.');
    next(error);
  });

  router.get('/v2/users/:userId', requireScope('user:read:user'), (request, response) => {
    const user = targetUser(request, response);
    if (user) response.json(zoomUserResource(user));
  });

  router.use(phoneRoutes(state));
  router.use(meetingRoutes(state, webhooks));
  router.use(cloudRecordingApiRoutes(state));
  router.use('/v2', (request, response) => zoomError(response, 404, 404, `Not found: ${request.method} ${request.path} is not simulated`));
  return router;
}
