import { defaultRateLimits, type RateLimitConfig } from './rate-limits';

/** The simulator's settings, from env (main.ts) or options (tests); all have the demo's values by default. */
export interface SimConfig {
  port: number;
  host: string;
  /** Where download and join URLs point; defaults to the listening address. */
  publicUrl?: string;
  webhookUrl: string;
  webhookSecret: string;
  clientId: string;
  clientSecret: string;
  accessTokenTtlSeconds: number;
  /** 1 = Zoom's real retry delays (5, 20, 60 minutes); tests shrink them. */
  retryTimeScale: number;
  /** The `x-zm-request-timestamp` a retry is signed with (see RetryTimestamp). */
  retryTimestamp: RetryTimestamp;
  deliveryTimeoutMs: number;
  rateLimits: RateLimitConfig;
}

/**
 * Zoom documents its retry schedule but not whether a retry is signed again. `original`: a retry carries the first
 * attempt's timestamp (the default: the case that breaks a receiver with a short replay window); `attempt`: each
 * attempt is signed with its own time.
 */
export const RETRY_TIMESTAMPS = ['original', 'attempt'] as const;
export type RetryTimestamp = (typeof RETRY_TIMESTAMPS)[number];

export const isRetryTimestamp = (value: unknown): value is RetryTimestamp => RETRY_TIMESTAMPS.includes(value as RetryTimestamp);

export class SimConfigError extends Error {}

function numberVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new SimConfigError(`${name} must be a number >= ${min} (got "${raw}")`);
  return value;
}

function retryTimestampVar(env: NodeJS.ProcessEnv, name: string): RetryTimestamp {
  const value = env[name] || 'original';
  if (!isRetryTimestamp(value)) throw new SimConfigError(`${name} must be one of ${RETRY_TIMESTAMPS.join(', ')} (got "${value}")`);
  return value;
}

function urlVar(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = env[name] || fallback;
  try {
    new URL(value);
  } catch {
    throw new SimConfigError(`${name} must be an absolute URL (got "${value}")`);
  }
  return value;
}

export function loadSimConfig(env: NodeJS.ProcessEnv): SimConfig {
  return {
    port: numberVar(env, 'SIM_PORT', 4010, 0),
    host: env.SIM_HOST || '127.0.0.1',
    publicUrl: env.SIM_PUBLIC_URL ? urlVar(env, 'SIM_PUBLIC_URL', '') : undefined,
    webhookUrl: urlVar(env, 'SIM_WEBHOOK_URL', 'http://localhost:3000/webhooks/zoom'),
    webhookSecret: env.SIM_WEBHOOK_SECRET || env.ZOOM_WEBHOOK_SECRET_TOKEN || 'sim-webhook-secret',
    clientId: env.SIM_CLIENT_ID || env.ZOOM_CLIENT_ID || 'sim-client-id',
    clientSecret: env.SIM_CLIENT_SECRET || env.ZOOM_CLIENT_SECRET || 'sim-client-secret',
    accessTokenTtlSeconds: numberVar(env, 'SIM_ACCESS_TOKEN_TTL_SECONDS', 3599, 1),
    retryTimeScale: numberVar(env, 'SIM_RETRY_TIME_SCALE', 1, 0),
    retryTimestamp: retryTimestampVar(env, 'SIM_RETRY_TIMESTAMP'),
    deliveryTimeoutMs: numberVar(env, 'SIM_DELIVERY_TIMEOUT_MS', 3000, 1),
    rateLimits: defaultRateLimits(),
  };
}
