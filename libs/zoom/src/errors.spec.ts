import {
  ZoomGrantError,
  ZoomInvalidTokenError,
  ZoomNotFoundError,
  ZoomRateLimitError,
  ZoomRequestError,
  ZoomScopeError,
  ZoomServerError,
  classifyZoomError,
  parseMissingScopes,
  parseRetryAfter,
} from './errors';

describe('classifyZoomError', () => {
  it('treats an OAuth invalid_grant as a dead grant that needs reconnecting', () => {
    const error = classifyZoomError({ status: 400, body: { reason: 'Invalid Token!', error: 'invalid_grant' }, source: 'oauth' });
    expect(error).toBeInstanceOf(ZoomGrantError);
    expect(error).toMatchObject({ kind: 'invalid_grant', status: 400, zoomCode: 'invalid_grant', requiresReconnect: true });
  });

  it('recognises a revoked grant', () => {
    const oauth = classifyZoomError({ status: 400, body: { reason: 'Token has been revoked', error: 'invalid_grant' }, source: 'oauth' });
    expect(oauth.kind).toBe('revoked');
    const api = classifyZoomError({ status: 401, body: { code: 124, message: 'Access token has been revoked.' }, source: 'api' });
    expect(api).toBeInstanceOf(ZoomGrantError);
    expect(api).toMatchObject({ kind: 'revoked', requiresReconnect: true });
  });

  it('reports bad client credentials as invalid_client', () => {
    const error = classifyZoomError({ status: 401, body: { reason: 'Invalid client_id or client_secret', error: 'invalid_client' }, source: 'oauth' });
    expect(error.kind).toBe('invalid_client');
  });

  it.each(['Access token is expired.', 'Invalid access token.'])('maps code 124 "%s" to invalid_token', (message) => {
    const error = classifyZoomError({ status: 401, body: { code: 124, message }, source: 'api', endpoint: 'getMe' });
    expect(error).toBeInstanceOf(ZoomInvalidTokenError);
    expect(error).toMatchObject({ kind: 'invalid_token', zoomCode: 124, endpoint: 'getMe', requiresReconnect: false });
    expect(error.message).toContain('getMe');
  });

  it('maps scope errors (4711 and 4700) to insufficient_scope with the missing scopes', () => {
    const error = classifyZoomError({
      status: 400,
      body: { code: 4711, message: 'Invalid access token, does not contain scopes:[meeting:write:meeting, meeting:write:meeting:admin].' },
      source: 'api',
    });
    expect(error).toBeInstanceOf(ZoomScopeError);
    expect((error as ZoomScopeError).missingScopes).toEqual(['meeting:write:meeting', 'meeting:write:meeting:admin']);
    expect(classifyZoomError({ status: 400, body: { code: 4700, message: 'Invalid access token, does not contain scopes.' }, source: 'api' }).kind).toBe(
      'insufficient_scope',
    );
  });

  it('maps 429 to rate_limited with Retry-After and the X-RateLimit-* headers', () => {
    const error = classifyZoomError({
      status: 429,
      body: { code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' },
      headers: new Headers({
        'retry-after': '2',
        'x-ratelimit-category': 'Medium',
        'x-ratelimit-type': 'QPS',
        'x-ratelimit-limit': '20',
        'x-ratelimit-remaining': '0',
      }),
      source: 'api',
    });
    expect(error).toBeInstanceOf(ZoomRateLimitError);
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 2000, isTransient: true });
    expect((error as ZoomRateLimitError).rateLimit).toEqual({ category: 'Medium', type: 'QPS', limit: 20, remaining: 0 });
  });

  it('maps 404s, other 4xx and 5xx', () => {
    expect(classifyZoomError({ status: 404, body: { code: 3001, message: 'Meeting does not exist: 1.' }, source: 'api' })).toBeInstanceOf(
      ZoomNotFoundError,
    );
    expect(classifyZoomError({ status: 400, body: { code: 300, message: 'Invalid meeting id.' }, source: 'api' })).toBeInstanceOf(ZoomRequestError);
    const server = classifyZoomError({ status: 503, body: undefined, source: 'api' });
    expect(server).toBeInstanceOf(ZoomServerError);
    expect(server).toMatchObject({ kind: 'server', isTransient: true });
  });

  it('never repeats the request body or headers in its message', () => {
    const error = classifyZoomError({
      status: 401,
      body: { code: 124, message: 'Invalid access token.' },
      headers: { authorization: 'Bearer secret-access-token' },
      source: 'api',
    });
    expect(error.message).not.toContain('secret-access-token');
  });
});


describe('parseRetryAfter', () => {
  const nowMs = Date.UTC(2026, 10, 24, 12, 0, 0);
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', nowMs)).toBe(3000);
    expect(parseRetryAfter('0.5', nowMs)).toBe(500);
    expect(parseRetryAfter(new Date(nowMs + 10_000).toUTCString(), nowMs)).toBe(10_000);
    expect(parseRetryAfter(new Date(nowMs - 10_000).toUTCString(), nowMs)).toBe(0);
  });
  it('ignores absent or garbage values', () => {
    expect(parseRetryAfter(undefined, nowMs)).toBeUndefined();
    expect(parseRetryAfter('soon', nowMs)).toBeUndefined();
  });
});

describe('parseMissingScopes', () => {
  it('returns nothing when the message lists no scopes', () => {
    expect(parseMissingScopes('Invalid access token, does not contain scopes.')).toEqual([]);
    expect(parseMissingScopes(undefined)).toEqual([]);
  });
});
