// Every failure the client reports is a ZoomError whose `kind` says how the caller should react: reconnect
// (invalid_grant, revoked), refresh once (invalid_token), ask for consent (insufficient_scope), wait
// (rate_limited), or treat as data (not_found). Messages never contain tokens: they are built from Zoom's
// `code`/`message`/`error` fields only, which Zoom does not fill with credentials.

export type ZoomErrorKind =
  | 'invalid_grant'
  | 'invalid_client'
  | 'invalid_token'
  | 'revoked'
  | 'insufficient_scope'
  | 'rate_limited'
  | 'not_found'
  | 'bad_request'
  | 'server'
  | 'timeout'
  | 'network'
  | 'invalid_response';

export interface ZoomErrorDetails {
  status?: number;
  zoomCode?: number | string;
  retryAfterMs?: number;
  endpoint?: string;
  cause?: unknown;
}

export class ZoomError extends Error {
  readonly status?: number;
  readonly zoomCode?: number | string;
  readonly retryAfterMs?: number;
  /** The ZOOM_ENDPOINTS name (or `oauth.token` etc.) of the call that failed. */
  readonly endpoint?: string;

  constructor(
    readonly kind: ZoomErrorKind,
    message: string,
    details: ZoomErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.status = details.status;
    this.zoomCode = details.zoomCode;
    this.retryAfterMs = details.retryAfterMs;
    this.endpoint = details.endpoint;
  }

  /** The grant is gone (dead or rotated refresh token, revoked app): only a new authorization helps. */
  get requiresReconnect(): boolean {
    return this.kind === 'invalid_grant' || this.kind === 'revoked';
  }

  /** Worth retrying later without user action. */
  get isTransient(): boolean {
    return ['rate_limited', 'server', 'timeout', 'network'].includes(this.kind);
  }
}

/** The OAuth grant or app authorization is unusable: invalid_grant, revoked, invalid_client. */
export class ZoomGrantError extends ZoomError {}
/** The access token was rejected (Zoom code 124): refresh and retry once. */
export class ZoomInvalidTokenError extends ZoomError {}
export class ZoomScopeError extends ZoomError {
  constructor(
    message: string,
    details: ZoomErrorDetails,
    /** Scopes Zoom named as missing, when its message lists them. */
    readonly missingScopes: string[],
  ) {
    super('insufficient_scope', message, details);
  }
}
export class ZoomRateLimitError extends ZoomError {
  constructor(
    message: string,
    details: ZoomErrorDetails,
    readonly rateLimit: ZoomRateLimitInfo,
  ) {
    super('rate_limited', message, details);
  }
}
export class ZoomNotFoundError extends ZoomError {}
export class ZoomRequestError extends ZoomError {}
export class ZoomServerError extends ZoomError {}
/** Timeout or network failure before Zoom answered. */
export class ZoomTransportError extends ZoomError {}
/** Zoom answered 2xx with a body that does not match the documented shape. */
export class ZoomResponseError extends ZoomError {}

export interface ZoomRateLimitInfo {
  category?: string;
  type?: string;
  limit?: number;
  remaining?: number;
}

export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export interface ZoomErrorResponse {
  status: number;
  body: unknown;
  headers?: HeaderSource;
  /** `oauth` for zoom.us/oauth/* (bodies `{ error, reason }`), `api` for REST (bodies `{ code, message }`). */
  source: 'oauth' | 'api';
  endpoint?: string;
  nowMs?: number;
}

export function headerValue(headers: HeaderSource | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value[0] : value;
}

/** `Retry-After` as delta-seconds or an HTTP date, in milliseconds from now; undefined when absent or unparsable. */
export function parseRetryAfter(value: string | undefined, nowMs = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const dateMs = Date.parse(trimmed);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, dateMs - nowMs);
}

export function parseRateLimitHeaders(headers: HeaderSource | undefined): ZoomRateLimitInfo {
  const numberOf = (name: string) => {
    const raw = headerValue(headers, name);
    const parsed = raw === undefined ? NaN : Number(raw);
    return Number.isFinite(parsed) ? parsed : undefined;
  };
  return {
    category: headerValue(headers, 'x-ratelimit-category'),
    type: headerValue(headers, 'x-ratelimit-type'),
    limit: numberOf('x-ratelimit-limit'),
    remaining: numberOf('x-ratelimit-remaining'),
  };
}

const ZOOM_CODE_INVALID_TOKEN = 124;
const ZOOM_SCOPE_CODES = new Set([4700, 4711]);

function bodyField(body: unknown, field: string): unknown {
  return body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
}

function textField(body: unknown, field: string): string | undefined {
  const value = bodyField(body, field);
  return typeof value === 'string' ? value : undefined;
}

/** Zoom's scope errors list the missing scopes as `scopes:[a, b]`. */
export function parseMissingScopes(message: string | undefined): string[] {
  const match = message?.match(/scopes?\s*:?\s*\[([^\]]*)\]/i);
  if (!match) return [];
  return match[1]
    .split(',')
    .map((scope) => scope.trim())
    .filter((scope) => scope.length > 0);
}

function mentionsRevocation(text: string | undefined): boolean {
  return text !== undefined && /revoked|deauthori[sz]ed|uninstalled/i.test(text);
}

/** Turns a non-2xx Zoom answer into the ZoomError subclass its status and body call for. */
export function classifyZoomError(response: ZoomErrorResponse): ZoomError {
  const { status, body, source, endpoint } = response;
  const rawCode = source === 'oauth' ? bodyField(body, 'error') : bodyField(body, 'code');
  const zoomCode = typeof rawCode === 'number' || typeof rawCode === 'string' ? rawCode : undefined;
  const zoomMessage = source === 'oauth' ? textField(body, 'reason') : textField(body, 'message');
  const label = endpoint ?? source;
  const describe = (what: string) =>
    `Zoom ${label}: ${what} (HTTP ${status}${zoomCode === undefined ? '' : `, code ${zoomCode}`})` +
    (zoomMessage ? `: ${zoomMessage}` : '');
  const details: ZoomErrorDetails = { status, zoomCode, endpoint };

  if (status === 429 || zoomCode === 429) {
    const retryAfterMs = parseRetryAfter(headerValue(response.headers, 'retry-after'), response.nowMs);
    return new ZoomRateLimitError(
      describe('rate limited'),
      { ...details, retryAfterMs },
      parseRateLimitHeaders(response.headers),
    );
  }
  if (source === 'oauth') {
    if (zoomCode === 'invalid_grant') {
      const kind = mentionsRevocation(zoomMessage) ? 'revoked' : 'invalid_grant';
      return new ZoomGrantError(kind, describe('grant is no longer valid'), details);
    }
    if (zoomCode === 'invalid_client' || status === 401) {
      return new ZoomGrantError('invalid_client', describe('client credentials rejected'), details);
    }
  } else {
    if (ZOOM_SCOPE_CODES.has(Number(zoomCode)) || (status === 400 && /does not contain scopes/i.test(zoomMessage ?? ''))) {
      return new ZoomScopeError(describe('missing scope'), details, parseMissingScopes(zoomMessage));
    }
    if (mentionsRevocation(zoomMessage) && (status === 401 || status === 403)) {
      return new ZoomGrantError('revoked', describe('app authorization revoked'), details);
    }
    if (Number(zoomCode) === ZOOM_CODE_INVALID_TOKEN || status === 401) {
      return new ZoomInvalidTokenError('invalid_token', describe('access token rejected'), details);
    }
    if (status === 404) return new ZoomNotFoundError('not_found', describe('not found'), details);
  }
  if (status >= 500) return new ZoomServerError('server', describe('server error'), details);
  return new ZoomRequestError('bad_request', describe('request rejected'), details);
}
