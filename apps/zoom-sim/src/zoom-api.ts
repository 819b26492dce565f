import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { zoomDate } from './ids';
import type { SimState } from './state';
import type { SimUser } from './users';

/** The caller of a /v2 request: the token's Zoom user and what its grant allows. */
export interface Caller {
  user: SimUser;
  scopes: string[];
}

export const callerOf = (response: Response) => response.locals.caller as Caller;

/** Zoom's REST error body: `{ code, message }` with an HTTP status. */
export const zoomError = (response: Response, status: number, code: number, message: string) => response.status(status).json({ code, message });

/** Zoom's answer to a request body or query it rejects (code 300 "invalid field" family). */
export const invalidField = (response: Response, message: string) => zoomError(response, 400, 300, message);

/** Bearer access token -> the Zoom user and granted scopes, or Zoom's 401 code 124. */
export function authenticate(state: SimState) {
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

/** Zoom's answer to a token without the granular scope a call needs (it names the admin variant too). */
export function requireScope(scope: string) {
  return (_request: Request, response: Response, next: NextFunction) => {
    if (!callerOf(response).scopes.includes(scope)) return zoomError(response, 400, 4711, `Invalid access token, does not contain scopes:[${scope}, ${scope}:admin].`);
    next();
  };
}

/** `me` or the caller's own id or email; a user-level app cannot act on other users. */
export function targetUser(request: Request, response: Response): SimUser | null {
  const caller = callerOf(response).user;
  const userId = String(request.params.userId);
  if (userId === 'me' || userId === caller.id || userId.toLowerCase() === caller.email.toLowerCase()) return caller;
  zoomError(response, 404, 1001, `User does not exist: ${userId}.`);
  return null;
}

const PAGE_TOKEN_TTL_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

export interface PageRequest {
  pageSize: number;
  offset: number;
}

/** `page_size` (default 30, at most 300) and `next_page_token` (opaque, 15 minutes, bound to the same list). */
export function pageRequest(state: SimState, request: Request, response: Response, listKey: string): PageRequest | null {
  const rawSize = request.query.page_size;
  const pageSize = rawSize === undefined ? 30 : Number(rawSize);
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    invalidField(response, 'Invalid field: page_size.');
    return null;
  }
  const token = typeof request.query.next_page_token === 'string' ? request.query.next_page_token : '';
  if (!token) return { pageSize: Math.min(pageSize, 300), offset: 0 };
  const saved = state.pageTokens.get(token);
  if (!saved || saved.listKey !== listKey || saved.expiresAt < Date.now()) {
    invalidField(response, 'The next page token is invalid or expired.');
    return null;
  }
  return { pageSize: Math.min(pageSize, 300), offset: saved.offset };
}

/** One page of `items` and the paging fields Zoom puts beside it. */
export function page<T>(state: SimState, listKey: string, items: T[], { pageSize, offset }: PageRequest) {
  const slice = items.slice(offset, offset + pageSize);
  let nextPageToken = '';
  if (offset + pageSize < items.length) {
    nextPageToken = randomBytes(24).toString('base64url');
    state.pageTokens.set(nextPageToken, { listKey, offset: offset + pageSize, expiresAt: Date.now() + PAGE_TOKEN_TTL_MS });
  }
  return {
    slice,
    fields: { next_page_token: nextPageToken, page_count: Math.ceil(items.length / pageSize), page_size: pageSize, total_records: items.length },
  };
}

/** The paging fields Zoom puts beside a list's items. */
export type PageFields = ReturnType<typeof page>['fields'];

export interface DateWindow {
  from: string;
  to: string;
  /** Inclusive bounds in ms, whole UTC days. */
  startMs: number;
  endMs: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `from`/`to` (yyyy-mm-dd) at most one month apart; `to` defaults to today and `from` to a month before it. */
function dateWindow(request: Request, response: Response): DateWindow | null {
  const to = typeof request.query.to === 'string' && request.query.to ? request.query.to : zoomDate(Date.now());
  const toMs = Date.parse(`${to}T00:00:00Z`);
  const monthBefore = new Date(toMs);
  monthBefore.setUTCMonth(monthBefore.getUTCMonth() - 1);
  const from = typeof request.query.from === 'string' && request.query.from ? request.query.from : zoomDate(monthBefore.getTime());
  const fromMs = Date.parse(`${from}T00:00:00Z`);
  if (!DATE.test(from) || !DATE.test(to) || Number.isNaN(fromMs) || Number.isNaN(toMs)) {
    invalidField(response, 'Invalid field: from and to must be yyyy-mm-dd.');
    return null;
  }
  const monthAfterFrom = new Date(fromMs);
  monthAfterFrom.setUTCMonth(monthAfterFrom.getUTCMonth() + 1);
  if (fromMs > toMs || toMs > monthAfterFrom.getTime()) {
    invalidField(response, 'The date range must not be more than one month, and from must not be after to.');
    return null;
  }
  return { from, to, startMs: fromMs, endMs: toMs + DAY_MS - 1 };
}

/**
 * Answers a date-windowed, paged Zoom list: checks `from`/`to` and the page token, then sends one page of what
 * `select` finds in the window (in its order) under `listName`, with Zoom's window and paging fields beside it.
 */
export function sendDateWindowedPage<T>(
  state: SimState,
  request: Request,
  response: Response,
  list: { name: string; select: (window: DateWindow) => T[]; render: (item: T) => unknown; besides?: (slice: T[]) => Record<string, unknown> },
): void {
  const window = dateWindow(request, response);
  if (!window) return;
  const listKey = `${request.path}?${window.from}..${window.to}`;
  const paging = pageRequest(state, request, response, listKey);
  if (!paging) return;
  const { slice, fields } = page(state, listKey, list.select(window), paging);
  response.json({ from: window.from, to: window.to, ...fields, [list.name]: slice.map(list.render), ...list.besides?.(slice) });
}
