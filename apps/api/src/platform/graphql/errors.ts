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
