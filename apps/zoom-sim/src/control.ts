import express, { type Request, type Response, Router } from 'express';
import { isRetryTimestamp, RETRY_TIMESTAMPS } from './config';
import type { SimState } from './state';
import { zoomUserResource, type SimUser } from './users';
import type { WebhookSender } from './webhooks';

const badRequest = (response: Response, message: string) => response.status(400).json({ error: message });

function userFrom(state: SimState, request: Request, response: Response, email: unknown): SimUser | null {
  const user = typeof email === 'string' ? state.userByEmail(email) : undefined;
  if (!user) badRequest(response, `unknown userEmail "${String(email)}"; GET /_sim/users lists them`);
  return user ?? null;
}

/** The test and demo control API (`/_sim`); its names are a contract (DESIGN.md §3). */
export function controlRoutes(state: SimState, webhooks: WebhookSender): Router {
  const router = Router();
  router.use('/_sim', express.json());

  router.get('/_sim/users', (_request, response) => {
    response.json(
      state.users.map((user) => ({ id: user.id, email: user.email, accountId: user.accountId, planType: user.planType, phoneNumber: user.phoneNumber, extension: user.extension })),
    );
  });

  router.post('/_sim/reset', (_request, response) => {
    state.reset();
    webhooks.reset();
    response.json({ reset: true });
  });

  router.get('/_sim/config', (_request, response) => response.json(configView(state, webhooks)));

  router.post('/_sim/config', async (request, response) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (body.accessTokenTtlSeconds !== undefined) {
      if (typeof body.accessTokenTtlSeconds !== 'number' || body.accessTokenTtlSeconds < 1) return badRequest(response, 'accessTokenTtlSeconds must be a number >= 1');
      state.config.accessTokenTtlSeconds = body.accessTokenTtlSeconds;
    }
    if (body.retryTimeScale !== undefined) {
      if (typeof body.retryTimeScale !== 'number' || body.retryTimeScale < 0) return badRequest(response, 'retryTimeScale must be a number >= 0');
      state.config.retryTimeScale = body.retryTimeScale;
    }
    if (body.retryTimestamp !== undefined) {
      if (!isRetryTimestamp(body.retryTimestamp)) return badRequest(response, `retryTimestamp must be one of ${RETRY_TIMESTAMPS.join(', ')}`);
      state.config.retryTimestamp = body.retryTimestamp;
    }
    if (body.rateLimits !== undefined) {
      const problem = mergeLimits(state.config.rateLimits as unknown as Record<string, unknown>, body.rateLimits, 'rateLimits');
      if (problem) return badRequest(response, problem);
    }
    if (typeof body.webhookSecret === 'string' && body.webhookSecret) webhooks.subscription.secret = body.webhookSecret;
    if (body.webhookUrl !== undefined) {
      if (typeof body.webhookUrl !== 'string' || !URL.canParse(body.webhookUrl)) return badRequest(response, 'webhookUrl must be an absolute URL');
      webhooks.subscription.url = body.webhookUrl;
      await webhooks.validateEndpoint();
    }
    response.json(configView(state, webhooks));
  });

  router.get('/_sim/tokens', (request, response) => {
    const user = userFrom(state, request, response, request.query.userEmail);
    if (!user) return;
    response.json(state.tokensOf(user.id).map((token) => ({ kind: token.kind, active: state.isActive(token), expiresAt: new Date(token.expiresAt).toISOString() })));
  });

  router.post('/_sim/tokens/expire', (request, response) => {
    const user = userFrom(state, request, response, request.body?.userEmail);
    if (!user) return;
    for (const token of state.tokensOf(user.id)) if (token.kind === 'access') token.expiresAt = Date.now() - 1000;
    response.json({ expired: true });
  });

  router.post('/_sim/tokens/revoke', (request, response) => {
    const user = userFrom(state, request, response, request.body?.userEmail);
    if (!user) return;
    state.revokeGrantsOf(user.id);
    response.json({ revoked: true });
  });

  router.post('/_sim/deauthorize', (request, response) => {
    const user = userFrom(state, request, response, request.body?.userEmail);
    if (!user) return;
    state.revokeGrantsOf(user.id);
    const delivery = webhooks.send(appDeauthorized(user, state.config.clientId));
    response.json({ deliveryId: delivery.id });
  });

  router.post('/_sim/webhooks/send', (request, response) => {
    const { event, payload } = (request.body ?? {}) as { event?: unknown; payload?: unknown };
    if (typeof event !== 'string' || !event || typeof payload !== 'object' || payload === null) return badRequest(response, 'send { event, payload }');
    response.json({ deliveryId: webhooks.send({ event, payload: payload as Record<string, unknown> }).id });
  });

  router.get('/_sim/deliveries', (_request, response) => response.json(webhooks.deliveries));

  router.post('/_sim/deliveries/:id/redeliver', (request, response) => {
    const delivery = webhooks.redeliver(String(request.params.id));
    if (!delivery) return response.status(404).json({ error: 'no such delivery' });
    if (delivery.status === 'withheld') return response.status(409).json({ error: `withheld: the grant lacks ${delivery.missingScope}` });
    response.json({ redelivered: delivery.id });
  });

  router.post('/_sim/faults', (request, response) => {
    const { path, status, count = 1, delayMs = 0, method, body } = (request.body ?? {}) as Record<string, unknown>;
    if (typeof path !== 'string' || !path.startsWith('/')) return badRequest(response, 'path must start with "/"');
    if (typeof status !== 'number' || status < 100 || status > 599) return badRequest(response, 'status must be an HTTP status');
    if (typeof count !== 'number' || count < 1 || typeof delayMs !== 'number' || delayMs < 0) return badRequest(response, 'count >= 1 and delayMs >= 0');
    state.faults.push({ path, status, remaining: count, delayMs, method: typeof method === 'string' ? method.toUpperCase() : undefined, body });
    response.json({ faults: state.faults });
  });

  router.delete('/_sim/faults', (_request, response) => {
    state.faults = [];
    response.json({ faults: [] });
  });

  router.get('/_sim/requests', (request, response) => {
    const prefix = typeof request.query.path === 'string' ? request.query.path : '';
    response.json(state.requests.filter((record) => record.path.startsWith(prefix)));
  });

  router.get('/_sim/me', (request, response) => {
    const user = userFrom(state, request, response, request.query.userEmail);
    if (user) response.json(zoomUserResource(user));
  });

  return router;
}

function configView(state: SimState, webhooks: WebhookSender) {
  return {
    webhookUrl: webhooks.subscription.url,
    webhookValidated: webhooks.subscription.validated,
    accessTokenTtlSeconds: state.config.accessTokenTtlSeconds,
    retryTimeScale: state.config.retryTimeScale,
    retryTimestamp: state.config.retryTimestamp,
    rateLimits: state.config.rateLimits,
  };
}

/** Deep-merges `changes` into the limits: only existing keys, numbers >= 0 at the leaves. Returns what is wrong. */
function mergeLimits(target: Record<string, unknown>, changes: unknown, path: string): string | null {
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) return `${path} must be an object`;
  for (const [key, value] of Object.entries(changes)) {
    if (!(key in target)) return `${path}.${key} is not a rate limit (GET /_sim/config lists them)`;
    const current = target[key];
    if (typeof current === 'number') {
      if (typeof value !== 'number' || value < 0) return `${path}.${key} must be a number >= 0`;
      target[key] = value;
    } else {
      const problem = mergeLimits(current as Record<string, unknown>, value, `${path}.${key}`);
      if (problem) return problem;
    }
  }
  return null;
}

function randomSignature(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('hex');
}

/** app_deauthorized: its fields sit directly in `payload` (no `object`). */
export function appDeauthorized(user: SimUser, clientId: string) {
  return {
    event: 'app_deauthorized' as const,
    payload: { account_id: user.accountId, user_id: user.id, signature: randomSignature(), deauthorization_time: new Date().toISOString(), client_id: clientId },
  };
}
