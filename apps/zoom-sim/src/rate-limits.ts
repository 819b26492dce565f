import type { NextFunction, Request, Response } from 'express';
import type { SimState } from './state';
import type { PlanName } from './users';
import { callerOf, zoomError } from './zoom-api';

export type RateCategory = 'light' | 'medium' | 'heavy';
type PerCategory = Record<RateCategory, number>;

/** Zoom's limits are per account and API category; the figures by plan are unconfirmed, so all are settable. */
export interface RateLimitConfig {
  perSecond: Record<PlanName, PerCategory>;
  phonePerSecond: Record<PlanName, PerCategory>;
  /** Zoom Phone's daily request cap per account. */
  phonePerDay: Record<PlanName, number>;
  /** Meeting create/update requests per user per day. */
  meetingWritesPerUserPerDay: number;
}

export function defaultRateLimits(): RateLimitConfig {
  return {
    perSecond: {
      Basic: { light: 30, medium: 20, heavy: 10 },
      Pro: { light: 30, medium: 20, heavy: 10 },
      Business: { light: 80, medium: 60, heavy: 40 },
    },
    phonePerSecond: {
      Basic: { light: 20, medium: 10, heavy: 5 },
      Pro: { light: 20, medium: 10, heavy: 5 },
      Business: { light: 40, medium: 20, heavy: 10 },
    },
    phonePerDay: { Basic: 10_000, Pro: 10_000, Business: 30_000 },
    meetingWritesPerUserPerDay: 100,
  };
}

interface Route {
  method: string;
  path: RegExp;
  category: RateCategory;
  phone?: boolean;
  meetingWrite?: boolean;
}

/**
 * The simulator's own table of which call is in which category. Phone calls carry the "Rate Limit Label" Zoom's
 * Phone API spec gives each operation; the rest follow Zoom's API reference as integrations quote it (unconfirmed).
 */
const ROUTES: Route[] = [
  { method: 'GET', path: /^\/v2\/users\/[^/]+$/, category: 'light' },
  { method: 'POST', path: /^\/v2\/users\/[^/]+\/meetings$/, category: 'medium', meetingWrite: true },
  { method: 'GET', path: /^\/v2\/users\/[^/]+\/meetings$/, category: 'medium' },
  { method: 'GET', path: /^\/v2\/users\/[^/]+\/recordings$/, category: 'medium' },
  { method: 'GET', path: /^\/v2\/meetings\/[^/]+$/, category: 'light' },
  { method: 'PATCH', path: /^\/v2\/meetings\/[^/]+$/, category: 'light', meetingWrite: true },
  { method: 'DELETE', path: /^\/v2\/meetings\/[^/]+$/, category: 'light' },
  { method: 'GET', path: /^\/v2\/meetings\/[^/]+\/recordings$/, category: 'light' },
  { method: 'GET', path: /^\/v2\/meetings\/[^/]+\/meeting_summary$/, category: 'light' },
  { method: 'GET', path: /^\/v2\/phone\/users\/[^/]+$/, category: 'light', phone: true },
  { method: 'GET', path: /^\/v2\/phone\/users\/[^/]+\/(call_history|call_logs|recordings|voice_mails)$/, category: 'medium', phone: true },
  { method: 'GET', path: /^\/v2\/phone\/(recording|voice_mails)\/download\/[^/]+$/, category: 'medium', phone: true },
  { method: 'GET', path: /^\/v2\/phone\/voice_mails\/[^/]+$/, category: 'light', phone: true },
];

const CATEGORY_HEADER: Record<RateCategory, string> = { light: 'Light', medium: 'Medium', heavy: 'Heavy' };
const utcDay = (now: number) => new Date(now).toISOString().slice(0, 10);
const secondsToUtcMidnight = (now: number) => Math.ceil((Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate() + 1) - now) / 1000);

/** Request counts in fixed windows (this second, this UTC day); a new window drops the previous one. */
export class RateCounters {
  private windows = new Map<string, { id: string; counts: Map<string, number> }>();

  take(kind: 'second' | 'day', windowId: string, key: string): number {
    let window = this.windows.get(kind);
    if (!window || window.id !== windowId) {
      window = { id: windowId, counts: new Map() };
      this.windows.set(kind, window);
    }
    const used = (window.counts.get(key) ?? 0) + 1;
    window.counts.set(key, used);
    return used;
  }

  reset(): void {
    this.windows.clear();
  }
}

interface LimitWindow {
  kind: 'second' | 'day';
  key: string;
  limit: number;
  type: 'QPS' | 'Daily-limit';
  retryAfter: string;
  message: string;
}

const tooMany = (response: Response, headers: Record<string, string>, message: string) => {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  zoomError(response, 429, 429, message);
};

/** Applies per-second, daily and meeting-write limits to /v2 calls, with Zoom's rate-limit headers. */
export function rateLimits(state: SimState) {
  return (request: Request, response: Response, next: NextFunction) => {
    const path = `${request.baseUrl}${request.path}`;
    const route = ROUTES.find((candidate) => candidate.method === request.method && candidate.path.test(path));
    if (!route) return next();
    const { user } = callerOf(response);
    const limits = state.config.rateLimits;
    const now = Date.now();
    const perSecond = (route.phone ? limits.phonePerSecond : limits.perSecond)[user.planType][route.category];
    const scope = `${user.accountId}:${route.phone ? 'phone' : 'api'}:${route.category}`;
    const base = { 'X-RateLimit-Category': CATEGORY_HEADER[route.category] };

    const untilMidnight = String(secondsToUtcMidnight(now));
    // Checked in this order; the first window over its limit answers 429 and counts nothing further.
    const windows: LimitWindow[] = [];
    if (route.meetingWrite) {
      const limit = limits.meetingWritesPerUserPerDay;
      const message = `You have exceeded the daily rate limit (${limit}) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.`;
      windows.push({ kind: 'day', key: `${user.id}:meeting-write`, limit, type: 'Daily-limit', retryAfter: untilMidnight, message });
    }
    if (route.phone) {
      const message = 'You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.';
      windows.push({ kind: 'day', key: `${user.accountId}:phone`, limit: limits.phonePerDay[user.planType], type: 'Daily-limit', retryAfter: untilMidnight, message });
    }
    windows.push({ kind: 'second', key: scope, limit: perSecond, type: 'QPS', retryAfter: '1', message: 'You have reached the maximum per-second rate limit for this API. Try again later.' });
    // The per-second window comes last: `used` is its count when every window passed.
    let used = 0;
    for (const window of windows) {
      used = state.rateCounters.take(window.kind, window.kind === 'day' ? utcDay(now) : String(Math.floor(now / 1000)), window.key);
      if (used > window.limit) {
        return tooMany(
          response,
          { ...base, 'X-RateLimit-Type': window.type, 'X-RateLimit-Limit': String(window.limit), 'X-RateLimit-Remaining': '0', 'Retry-After': window.retryAfter },
          window.message,
        );
      }
    }
    response.setHeader('X-RateLimit-Category', base['X-RateLimit-Category']);
    response.setHeader('X-RateLimit-Type', 'QPS');
    response.setHeader('X-RateLimit-Limit', String(perSecond));
    response.setHeader('X-RateLimit-Remaining', String(perSecond - used));
    next();
  };
}
