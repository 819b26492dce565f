import { createHash } from 'node:crypto';
import { ZoomGrantError } from '../errors';
import { scriptedFetch } from '../../test/support/scripted-fetch';
import { createPkcePair, createState, pkceChallenge } from './pkce';
import { ZoomOAuthClient } from './zoom-oauth-client';

const baseConfig = {
  oauthBase: 'https://zoom.example/',
  apiBase: 'https://api.zoom.example/v2',
  clientId: 'client-id',
  clientSecret: 'client-secret',
  redirectUri: 'https://crm.example/oauth/zoom/callback',
  retryBaseDelayMs: 1,
};
const basic = `Basic ${Buffer.from('client-id:client-secret').toString('base64')}`;
const tokenBody = {
  access_token: 'access-1',
  token_type: 'bearer',
  refresh_token: 'refresh-1',
  expires_in: 3599,
  scope: 'user:read:user  meeting:write:meeting',
  api_url: 'https://api.zoom.us',
};
const nowMs = Date.UTC(2026, 10, 24, 12, 0, 0);

function clientWith(answers: Parameters<typeof scriptedFetch>[0]) {
  const scripted = scriptedFetch(answers);
  return { client: new ZoomOAuthClient({ ...baseConfig, fetch: scripted.fetch }, () => nowMs), ...scripted };
}

describe('PKCE', () => {
  it('creates an RFC 7636 verifier and its S256 challenge', () => {
    const { verifier, challenge } = createPkcePair();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
    expect(createPkcePair().verifier).not.toBe(verifier);
  });

  it('matches the RFC 7636 appendix B example', () => {
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('creates unguessable, URL-safe states', () => {
    const state = createState();
    expect(state).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(createState()).not.toBe(state);
  });
});

describe('ZoomOAuthClient', () => {
  it('builds the authorize URL with state and an S256 challenge', () => {
    const { client } = clientWith([]);
    const url = new URL(
      client.buildAuthorizeUrl({ state: 's-1', codeChallenge: 'c-1', scopes: ['user:read:user', 'meeting:write:meeting'], loginHint: 'agent@demo.test' }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://zoom.example/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-id',
      redirect_uri: 'https://crm.example/oauth/zoom/callback',
      state: 's-1',
      code_challenge: 'c-1',
      code_challenge_method: 'S256',
      scope: 'user:read:user meeting:write:meeting',
      login_hint: 'agent@demo.test',
    });
  });

  it('exchanges a code with Basic client auth and a form body, and parses the token set', async () => {
    const { client, requests } = clientWith([{ status: 200, body: tokenBody }]);
    const tokens = await client.exchangeCode('code-1', 'verifier-1');
    expect(requests[0]).toMatchObject({ url: 'https://zoom.example/oauth/token', method: 'POST' });
    expect(requests[0].headers).toMatchObject({ authorization: basic, 'content-type': 'application/x-www-form-urlencoded' });
    expect(Object.fromEntries(new URLSearchParams(requests[0].body))).toEqual({
      grant_type: 'authorization_code',
      code: 'code-1',
      redirect_uri: 'https://crm.example/oauth/zoom/callback',
      code_verifier: 'verifier-1',
    });
    expect(tokens).toEqual({
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
      expiresAt: new Date(nowMs + 3_599_000),
      scopes: ['user:read:user', 'meeting:write:meeting'],
      tokenType: 'bearer',
      apiUrl: 'https://api.zoom.us',
    });
  });

  it('refreshes with grant_type=refresh_token', async () => {
    const { client, requests } = clientWith([{ status: 200, body: { ...tokenBody, refresh_token: 'refresh-2' } }]);
    expect((await client.refresh('refresh-1')).refreshToken).toBe('refresh-2');
    expect(Object.fromEntries(new URLSearchParams(requests[0].body))).toEqual({ grant_type: 'refresh_token', refresh_token: 'refresh-1' });
  });

  it('reports a rotated refresh token as invalid_grant without retrying or echoing the token', async () => {
    const { client, remaining } = clientWith([
      { status: 400, body: { reason: 'Invalid Token!', error: 'invalid_grant' } },
      { status: 200, body: tokenBody },
    ]);
    const error = await client.refresh('refresh-secret-value').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZoomGrantError);
    expect(error).toMatchObject({ kind: 'invalid_grant', requiresReconnect: true });
    expect((error as Error).message).not.toContain('refresh-secret-value');
    expect(remaining()).toBe(1);
  });

  it('does not repeat a token request after a 5xx (the code or refresh token may already be spent)', async () => {
    const { client, remaining } = clientWith([{ status: 502 }, { status: 200, body: tokenBody }]);
    await expect(client.refresh('refresh-1')).rejects.toMatchObject({ kind: 'server' });
    expect(remaining()).toBe(1);
  });

  it('rejects a token response missing a required field as invalid_response', async () => {
    const { access_token: _omitted, ...withoutAccessToken } = tokenBody;
    const { client } = clientWith([{ status: 200, body: withoutAccessToken }]);
    await expect(client.exchangeCode('code', 'verifier')).rejects.toMatchObject({ kind: 'invalid_response' });
  });

  it('revokes an access token with Basic auth', async () => {
    const { client, requests } = clientWith([{ status: 200, body: { status: 'success' } }]);
    await client.revoke('access-1');
    const url = new URL(requests[0].url);
    expect(url.pathname).toBe('/oauth/revoke');
    expect(url.searchParams.get('token')).toBe('access-1');
    expect(requests[0].headers.authorization).toBe(basic);
  });
});
