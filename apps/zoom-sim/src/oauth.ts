import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import { escapeHtml, simPage } from './html';
import type { SimState } from './state';

/** The scopes the simulated Marketplace app is configured with (requested scopes must be among them). */
export const APP_SCOPES = [
  'user:read:user',
  'meeting:write:meeting',
  'meeting:update:meeting',
  'meeting:delete:meeting',
  'meeting:read:meeting',
  'meeting:read:list_meetings',
  'meeting:read:summary',
  'phone:read:user',
  'phone:read:list_call_logs',
  'phone:read:call_log',
  'phone:read:call',
  'phone:read:list_recordings',
  'phone:read:call_recording',
  'phone:read:list_voicemails',
  'phone:read:voicemail',
  'phone:read:sms_message',
  'cloud_recording:read:list_user_recordings',
  'cloud_recording:read:list_recording_files',
  'cloud_recording:read:recording',
];

const CODE_TTL_MS = 5 * 60_000;
/** Zoom documents long-lived refresh tokens; the exact life is unconfirmed, so pick 90 days. */
const REFRESH_TTL_SECONDS = 90 * 24 * 3600;

const oauthError = (response: Response, status: number, error: string, reason: string) => response.status(status).json({ reason, error });

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** HTTP Basic `client_id:client_secret`, as Zoom requires on /oauth/token and /oauth/revoke. */
function clientAuthenticated(state: SimState, request: Request): boolean {
  const header = request.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return false;
  const [id, secret] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
  return sameSecret(id ?? '', state.config.clientId) && sameSecret(secret ?? '', state.config.clientSecret);
}

function consentPage(query: Record<string, string>, users: Array<{ email: string; planType: string }>, scopes: string[]): string {
  const hidden = Object.entries(query)
    .filter(([name]) => !['login_hint', 'auto_approve'].includes(name))
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const options = users
    .map((user) => `<option value="${escapeHtml(user.email)}"${user.email === query.login_hint ? ' selected' : ''}>${escapeHtml(user.email)} (${user.planType})</option>`)
    .join('');
  return simPage(
    'authorize app',
    `<h1>Switchboard would like to access your Zoom account</h1>
<form method="post" action="/oauth/authorize">${hidden}
<label>Sign in as <select name="login_hint">${options}</select></label>
<p>Switchboard will be allowed to:</p><ul>${scopes.map((scope) => `<li><code>${escapeHtml(scope)}</code></li>`).join('')}</ul>
<button class="approve" name="decision" value="approve" type="submit">Approve</button>
<button class="deny" name="decision" value="deny" type="submit">Decline</button></form>`,
  );
}

export function oauthRoutes(state: SimState): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false }));

  const requestedScopes = (scope: string | undefined) => (scope ? scope.split(/[\s+]+/).filter((name) => APP_SCOPES.includes(name)) : APP_SCOPES);

  /** Validates an authorize request; answers the error page itself and returns null when it is bad. */
  const checkAuthorize = (query: Record<string, string>, response: Response): boolean => {
    if (query.response_type !== 'code') return void response.status(400).send('Invalid response_type: only "code" is supported'), false;
    if (query.client_id !== state.config.clientId) return void response.status(400).send('Invalid client_id'), false;
    if (!query.redirect_uri) return void response.status(400).send('Missing redirect_uri'), false;
    if (query.code_challenge && query.code_challenge_method !== 'S256') return void response.status(400).send('code_challenge_method must be S256'), false;
    return true;
  };

  const approve = (query: Record<string, string>, response: Response) => {
    const user = state.userByEmail(query.login_hint || 'agent@demo.test');
    if (!user) return void response.status(400).send(`No Zoom user ${escapeHtml(query.login_hint)}`);
    const code = randomBytes(24).toString('base64url');
    state.codes.set(code, {
      code,
      userId: user.id,
      clientId: query.client_id,
      redirectUri: query.redirect_uri,
      scopes: requestedScopes(query.scope),
      codeChallenge: query.code_challenge || undefined,
      expiresAt: Date.now() + CODE_TTL_MS,
      used: false,
    });
    const target = new URL(query.redirect_uri);
    target.searchParams.set('code', code);
    if (query.state) target.searchParams.set('state', query.state);
    response.redirect(302, target.toString());
  };

  router.get('/oauth/authorize', (request, response) => {
    const query = request.query as Record<string, string>;
    if (!checkAuthorize(query, response)) return;
    if (query.auto_approve === '1') return approve(query, response);
    response.type('html').send(consentPage(query, state.users, requestedScopes(query.scope)));
  });

  router.post('/oauth/authorize', (request, response) => {
    const form = request.body as Record<string, string>;
    if (!checkAuthorize(form, response)) return;
    if (form.decision === 'approve') return approve(form, response);
    const target = new URL(form.redirect_uri);
    target.searchParams.set('error', 'access_denied');
    if (form.state) target.searchParams.set('state', form.state);
    response.redirect(302, target.toString());
  });

  router.post('/oauth/token', (request, response) => {
    if (!clientAuthenticated(state, request)) return oauthError(response, 401, 'invalid_client', 'Invalid client_id or client_secret');
    const form = (request.body ?? {}) as Record<string, string>;
    if (form.grant_type === 'authorization_code') {
      const code = state.codes.get(form.code ?? '');
      if (!code || code.used || code.expiresAt < Date.now()) return oauthError(response, 400, 'invalid_grant', 'Invalid authorization code');
      code.used = true;
      if (code.redirectUri !== form.redirect_uri) return oauthError(response, 400, 'invalid_request', 'Redirect URI mismatch.');
      if (code.codeChallenge) {
        const computed = createHash('sha256').update(form.code_verifier ?? '').digest('base64url');
        if (computed !== code.codeChallenge) return oauthError(response, 400, 'invalid_request', 'Invalid code_verifier');
      }
      state.revokeGrantsOf(code.userId);
      const grant = { id: randomBytes(8).toString('hex'), userId: code.userId, scopes: code.scopes, revoked: false };
      state.grants.push(grant);
      return response.json(tokenResponse(state, grant.id, grant.scopes));
    }
    if (form.grant_type === 'refresh_token') {
      const refresh = state.tokens.get(form.refresh_token ?? '');
      if (!refresh || refresh.kind !== 'refresh' || !state.isActive(refresh)) return oauthError(response, 400, 'invalid_grant', 'Invalid Token!');
      // Rotation: the refresh token just used dies now; a second refresh with it fails.
      refresh.used = true;
      return response.json(tokenResponse(state, refresh.grantId, state.grant(refresh.grantId)!.scopes));
    }
    return oauthError(response, 400, 'unsupported_grant_type', 'Unsupported grant type');
  });

  router.post('/oauth/revoke', (request, response) => {
    if (!clientAuthenticated(state, request)) return oauthError(response, 401, 'invalid_client', 'Invalid client_id or client_secret');
    const token = state.tokens.get(String(request.query.token ?? (request.body as Record<string, string> | undefined)?.token ?? ''));
    if (!token) return oauthError(response, 400, 'invalid_request', 'Invalid Token!');
    const grant = state.grant(token.grantId);
    if (grant) grant.revoked = true;
    response.json({ status: 'success' });
  });

  return router;
}

function tokenResponse(state: SimState, grantId: string, scopes: string[]) {
  const access = state.issueToken('access', grantId, state.config.accessTokenTtlSeconds);
  const refresh = state.issueToken('refresh', grantId, REFRESH_TTL_SECONDS);
  return {
    access_token: access.value,
    token_type: 'bearer',
    refresh_token: refresh.value,
    expires_in: state.config.accessTokenTtlSeconds,
    scope: scopes.join(' '),
    api_url: state.publicUrl,
  };
}
