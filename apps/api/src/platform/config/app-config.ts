import express from 'express';
import { z } from 'zod';

export const API_ROLES = ['all', 'http', 'worker'] as const;
export type ApiRole = (typeof API_ROLES)[number];
/** `open`: anyone may create an organisation (a hosted service, the demo); `closed`: only the very first one. */
export const SIGNUP_MODES = ['open', 'closed'] as const;
export type SignupMode = (typeof SIGNUP_MODES)[number];

// Demo-only secrets: accepted outside production so `npm start` works out of the box; production must set its own.
const DEMO_SESSION_SECRET = 'switchboard-demo-session-secret-change-me';
const DEMO_TOKEN_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

const urlString = (protocols: string[]) =>
  z.string().trim().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be a URL (${protocols.join(' or ')})`);

const isBase64Key32 = (value: string) => Buffer.from(value, 'base64').length === 32;
const KEY_FORMAT = 'must be 32 bytes, base64-encoded (openssl rand -base64 32)';
const base64Key32 = z.string().trim().refine(isBase64Key32, KEY_FORMAT);

/** Comma-separated keys; a bad one is named by its position in the list, never by its value. Empty entries are skipped. */
const base64Keys32 = z.string().transform((value, context) => {
  const entries = value.split(',').map((entry) => entry.trim());
  entries.forEach((entry, index) => {
    if (entry && !isBase64Key32(entry)) context.addIssue({ code: 'custom', message: `entry ${index + 1} ${KEY_FORMAT}` });
  });
  return entries.filter(Boolean);
});

/** Express's `trust proxy` as text: a hop count, or addresses, CIDR ranges and loopback, linklocal, uniquelocal. */
export type TrustedProxies = number | string;

/** Checked by Express itself (on an app made only for that), so TRUSTED_PROXIES accepts exactly what Express does. */
const trustedProxies = z
  .string()
  .trim()
  .transform((value, context): TrustedProxies => {
    const setting = /^\d+$/.test(value) ? Number(value) : value;
    try {
      express().set('trust proxy', setting);
    } catch (error) {
      context.addIssue({ code: 'custom', message: `must be a hop count, or addresses, CIDR ranges, loopback, linklocal and uniquelocal, comma-separated (${(error as Error).message})` });
      return z.NEVER;
    }
    return setting;
  });

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  API_ROLE: z.enum(API_ROLES).default('all'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  TRUSTED_PROXIES: trustedProxies.default('loopback'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: urlString(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/switchboard'),
  REDIS_URL: urlString(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]+$/, 'letters, digits, : _ - only').default('sb'),
  PUBLIC_URL: urlString(['http:', 'https:']).default('http://localhost:3000'),
  SESSION_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  TOKEN_ENCRYPTION_KEY: base64Key32.optional(),
  TOKEN_ENCRYPTION_PREVIOUS_KEYS: base64Keys32.optional(),
  ZOOM_CLIENT_ID: z.string().min(1).default('sim-client-id'),
  ZOOM_CLIENT_SECRET: z.string().min(1).default('sim-client-secret'),
  ZOOM_WEBHOOK_SECRET_TOKEN: z.string().min(1).default('sim-webhook-secret'),
  ZOOM_OAUTH_BASE: urlString(['http:', 'https:']).default('https://zoom.us'),
  ZOOM_API_BASE: urlString(['http:', 'https:']).default('https://api.zoom.us/v2'),
  ZOOM_SMART_EMBED_URL: urlString(['https:', 'http:']).default('https://applications.zoom.us/integration/phone/embeddablephone/home'),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: urlString(['http:', 'https:']).optional(),
  TRANSCRIPTION_MODEL: z.string().min(1).default('whisper-1'),
  SMTP_URL: urlString(['smtp:', 'smtps:']).optional(),
  WEB_DIST_DIR: z.string().optional(),
  LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(20, 'must be at least 20').default(30),
  RECORDING_SYNC_INTERVAL_SECONDS: z.coerce.number().int('must be a whole number of seconds').min(1, 'must be at least 1').default(900),
  MEETING_SUMMARY_RETRY_SECONDS: z.coerce.number().int('must be a whole number of seconds').min(1, 'must be at least 1').max(3600, 'must be at most 3600').default(60),
  SIGNUP: z.enum(SIGNUP_MODES, { error: 'must be open or closed' }).default('open'),
  INVITE_EXPIRY_HOURS: z.coerce.number().int('must be a whole number of hours').min(1, 'must be at least 1').max(2160, 'must be at most 2160 (90 days)').default(168),
  WEBHOOK_INBOX_RETENTION_DAYS: z.coerce.number().int('must be a whole number of days').min(1, 'must be at least 1').max(365, 'must be at most 365').default(30),
  METRICS_PORT: z.coerce.number().int('must be a whole number').min(1, 'must be a port, 1 to 65535').max(65535, 'must be a port, 1 to 65535').default(9464),
  METRICS_TOKEN: z.string().trim().min(16, 'must be at least 16 characters').optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: urlString(['http:', 'https:']).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: urlString(['http:', 'https:']).optional(),
  OTEL_SERVICE_NAME: z.string().trim().min(1).optional(),
});

export interface AppConfig {
  env: string;
  production: boolean;
  role: ApiRole;
  port: number;
  host: string;
  /** Whose X-Forwarded-For and X-Forwarded-Proto the http role believes (Express's `trust proxy`). */
  trustedProxies: TrustedProxies;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  publicUrl: string;
  sessionSecret: string;
  /** Seals every token written (TOKEN_ENCRYPTION_KEY). */
  tokenEncryptionKey: Buffer;
  /** Open tokens only, never seal: the keys of a rotation (docs/operations.md, Key rotation). */
  tokenEncryptionPreviousKeys: Buffer[];
  zoom: {
    clientId: string;
    clientSecret: string;
    webhookSecretToken: string;
    oauthBase: string;
    apiBase: string;
    /** The Zoom Phone softphone the SPA embeds; its messages are trusted only from this URL's origin. */
    smartEmbedUrl: string;
  };
  openai: { apiKey?: string; baseUrl?: string; transcriptionModel: string };
  smtpUrl?: string;
  webDistDir?: string;
  loginAttemptsPerMinute: number;
  /** How often workers queue the incremental cloud-recording sync of every connected user. */
  recordingSyncIntervalSeconds: number;
  /** How long after Zoom said "no summary yet" it is asked again (then twice as long, three more times). */
  meetingSummaryRetrySeconds: number;
  /** Whether createOrganisation is open to anyone, or only to the first organisation of a fresh install. */
  signup: SignupMode;
  /** How long an invite link stays valid. */
  inviteExpiryHours: number;
  /** How long a Zoom event's stored body is kept once it is finished with (processed, failed, rejected...). */
  webhookInboxRetentionDays: number;
  /** GET /metrics: on PORT for the http and all roles, on `port` for workers (they serve no other HTTP). */
  metrics: { port: number; bearerToken?: string };
  /** OTLP/HTTP traces: off (no exporter, no cost) without a URL. */
  tracing: { tracesUrl?: string; serviceName: string };
}

export class ConfigError extends Error {}

/** As the OpenTelemetry spec reads them: the traces endpoint as is, else the base endpoint's `v1/traces`. */
function otlpTracesUrl(vars: Pick<z.infer<typeof envSchema>, 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'>): string | undefined {
  if (vars.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return vars.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  return vars.OTEL_EXPORTER_OTLP_ENDPOINT && `${vars.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
}

/** Parses the environment once at boot; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const vars = parsed.data;
  const production = vars.NODE_ENV === 'production';
  const missingSecrets = (['SESSION_SECRET', 'TOKEN_ENCRYPTION_KEY'] as const).filter((name) => !vars[name]);
  if (production && missingSecrets.length > 0) {
    throw new ConfigError(`Invalid configuration: ${missingSecrets.join(', ')} must be set in production`);
  }
  return {
    env: vars.NODE_ENV,
    production,
    role: vars.API_ROLE,
    port: vars.PORT,
    host: vars.HOST,
    trustedProxies: vars.TRUSTED_PROXIES,
    logLevel: vars.LOG_LEVEL,
    databaseUrl: vars.DATABASE_URL,
    redisUrl: vars.REDIS_URL,
    redisPrefix: vars.REDIS_PREFIX,
    publicUrl: vars.PUBLIC_URL.replace(/\/+$/, ''),
    sessionSecret: vars.SESSION_SECRET ?? DEMO_SESSION_SECRET,
    tokenEncryptionKey: Buffer.from(vars.TOKEN_ENCRYPTION_KEY ?? DEMO_TOKEN_ENCRYPTION_KEY, 'base64'),
    tokenEncryptionPreviousKeys: (vars.TOKEN_ENCRYPTION_PREVIOUS_KEYS ?? []).map((key) => Buffer.from(key, 'base64')),
    zoom: {
      clientId: vars.ZOOM_CLIENT_ID,
      clientSecret: vars.ZOOM_CLIENT_SECRET,
      webhookSecretToken: vars.ZOOM_WEBHOOK_SECRET_TOKEN,
      oauthBase: vars.ZOOM_OAUTH_BASE.replace(/\/+$/, ''),
      apiBase: vars.ZOOM_API_BASE.replace(/\/+$/, ''),
      smartEmbedUrl: vars.ZOOM_SMART_EMBED_URL,
    },
    openai: {
      apiKey: vars.OPENAI_API_KEY,
      baseUrl: vars.OPENAI_BASE_URL,
      transcriptionModel: vars.TRANSCRIPTION_MODEL,
    },
    smtpUrl: vars.SMTP_URL,
    webDistDir: vars.WEB_DIST_DIR,
    loginAttemptsPerMinute: vars.LOGIN_ATTEMPTS_PER_MINUTE,
    recordingSyncIntervalSeconds: vars.RECORDING_SYNC_INTERVAL_SECONDS,
    meetingSummaryRetrySeconds: vars.MEETING_SUMMARY_RETRY_SECONDS,
    signup: vars.SIGNUP,
    inviteExpiryHours: vars.INVITE_EXPIRY_HOURS,
    webhookInboxRetentionDays: vars.WEBHOOK_INBOX_RETENTION_DAYS,
    metrics: { port: vars.METRICS_PORT, bearerToken: vars.METRICS_TOKEN },
    tracing: { tracesUrl: otlpTracesUrl(vars), serviceName: vars.OTEL_SERVICE_NAME ?? `switchboard-${vars.API_ROLE}` },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
