import { ZoomError, ZoomRateLimitError } from '@switchboard/zoom';
import { GraphQLError } from 'graphql';

/** The `extensions.code` values integrators rely on (DESIGN.md §3). */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  ZOOM_NOT_CONNECTED: 'ZOOM_NOT_CONNECTED',
  ZOOM_RECONNECT_REQUIRED: 'ZOOM_RECONNECT_REQUIRED',
  ZOOM_PLAN_REQUIRED: 'ZOOM_PLAN_REQUIRED',
  RATE_LIMITED: 'RATE_LIMITED',
  /** Zoom failed in a way the user can only wait out (5xx, timeout, an answer we could not read). */
  ZOOM_UNAVAILABLE: 'ZOOM_UNAVAILABLE',
  /** A booking slot that is no longer free (taken a moment ago, or never offered). */
  SLOT_UNAVAILABLE: 'SLOT_UNAVAILABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function appError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const badInput = (message: string, field?: string) =>
  appError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});
export const notFound = (what: string) => appError(ErrorCode.NOT_FOUND, `${what} not found`);
export const unauthenticated = () => appError(ErrorCode.UNAUTHENTICATED, 'Sign in first (session cookie or Bearer token)');
export const forbidden = (message = 'You are not allowed to do that') => appError(ErrorCode.FORBIDDEN, message);
export const rateLimited = (retryAfterSeconds: number) =>
  appError(ErrorCode.RATE_LIMITED, `Too many attempts; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });

/** How a Zoom failure that reached a resolver reads to the user: reconnect, wait, or try again later. */
export function zoomFailure(error: ZoomError): GraphQLError {
  if (error instanceof ZoomRateLimitError && error.rateLimit.type === 'Daily-limit') {
    return appError(ErrorCode.RATE_LIMITED, `Zoom's daily limit for this is reached: ${error.message}`, { daily: true });
  }
  if (error.kind === 'rate_limited') {
    const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 60_000) / 1000));
    return appError(ErrorCode.RATE_LIMITED, `Zoom is rate limiting this account; try again in ${seconds} s`, { retryAfterSeconds: seconds });
  }
  if (error.requiresReconnect || error.kind === 'invalid_token' || error.kind === 'insufficient_scope') {
    return appError(ErrorCode.ZOOM_RECONNECT_REQUIRED, 'Zoom no longer accepts this connection: Reconnect Zoom in Settings > Integrations');
  }
  return appError(ErrorCode.ZOOM_UNAVAILABLE, `Zoom did not answer properly (${error.kind}); try again shortly`);
}
