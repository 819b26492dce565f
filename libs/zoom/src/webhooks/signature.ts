import { createHmac, timingSafeEqual } from 'node:crypto';
import { type HeaderSource, headerValue } from '../errors';

export const ZOOM_SIGNATURE_HEADER = 'x-zm-signature';
export const ZOOM_TIMESTAMP_HEADER = 'x-zm-request-timestamp';

/** Zoom's documented retries of a failed delivery (developer support, "Webhook delays"): each counts from the attempt before. */
export const ZOOM_WEBHOOK_RETRY_DELAYS_SECONDS = [5 * 60, 20 * 60, 60 * 60] as const;

/** How far apart our clock and Zoom's may be; it is also all the future a timestamp may have. */
export const ZOOM_WEBHOOK_CLOCK_SKEW_SECONDS = 5 * 60;

/**
 * The oldest `x-zm-request-timestamp` accepted: 90 minutes, our rule (Zoom states none). Zoom does not say whether a
 * retry is signed again, so a retry may carry the first attempt's timestamp, and its last retry comes 85 minutes
 * after that attempt: it must not be refused as stale. A repeat inside the window is harmless (the inbox stores an
 * event once, by its dedupe key); a signed request older than this is a replay.
 */
export const ZOOM_WEBHOOK_REPLAY_WINDOW_SECONDS =
  ZOOM_WEBHOOK_RETRY_DELAYS_SECONDS.reduce((total, delay) => total + delay, 0) + ZOOM_WEBHOOK_CLOCK_SKEW_SECONDS;

export type ZoomWebhookRejection =
  | 'missing_secret'
  | 'missing_headers'
  | 'malformed_timestamp'
  | 'malformed_signature'
  | 'bad_signature'
  | 'stale_timestamp'
  | 'future_timestamp';

export type ZoomWebhookVerification =
  | { ok: true; timestampSeconds: number }
  | { ok: false; reason: ZoomWebhookRejection };

export interface VerifyZoomWebhookInput {
  /** The body exactly as received: re-serialised JSON would not match the signature. */
  rawBody: Buffer | string;
  headers: HeaderSource;
  secretToken: string;
  nowMs?: number;
  /** Oldest accepted `x-zm-request-timestamp`, in seconds before now. */
  maxAgeSeconds?: number;
  /** Furthest accepted `x-zm-request-timestamp`, in seconds after now. */
  maxFutureSeconds?: number;
}

/** `v0=` + hex HMAC-SHA256(secret, "v0:{timestamp}:{raw body}"), Zoom's `x-zm-signature`. */
export function signZoomWebhook(secretToken: string, timestampSeconds: number | string, rawBody: Buffer | string): string {
  const hmac = createHmac('sha256', secretToken);
  hmac.update(`v0:${timestampSeconds}:`);
  hmac.update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody);
  return `v0=${hmac.digest('hex')}`;
}

/**
 * Checks the signature (constant time, raw bytes) before the timestamp, so an unsigned request learns nothing
 * about our clock; a correctly signed but old request is a replay.
 */
export function verifyZoomWebhook(input: VerifyZoomWebhookInput): ZoomWebhookVerification {
  const {
    rawBody,
    headers,
    secretToken,
    nowMs = Date.now(),
    maxAgeSeconds = ZOOM_WEBHOOK_REPLAY_WINDOW_SECONDS,
    maxFutureSeconds = ZOOM_WEBHOOK_CLOCK_SKEW_SECONDS,
  } = input;
  if (!secretToken) return { ok: false, reason: 'missing_secret' };
  const signature = headerValue(headers, ZOOM_SIGNATURE_HEADER);
  const timestamp = headerValue(headers, ZOOM_TIMESTAMP_HEADER);
  if (!signature || !timestamp) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(timestamp.trim())) return { ok: false, reason: 'malformed_timestamp' };
  if (!/^v0=[0-9a-f]{64}$/i.test(signature.trim())) return { ok: false, reason: 'malformed_signature' };

  const expected = Buffer.from(signZoomWebhook(secretToken, timestamp.trim(), rawBody), 'utf8');
  const received = Buffer.from(signature.trim().toLowerCase(), 'utf8');
  if (expected.length !== received.length || !timingSafeEqual(expected, received)) {
    return { ok: false, reason: 'bad_signature' };
  }

  const timestampSeconds = Number(timestamp.trim());
  const ageSeconds = nowMs / 1000 - timestampSeconds;
  if (ageSeconds > maxAgeSeconds) return { ok: false, reason: 'stale_timestamp' };
  if (ageSeconds < -maxFutureSeconds) return { ok: false, reason: 'future_timestamp' };
  return { ok: true, timestampSeconds };
}

export interface ZoomUrlValidationResponse {
  plainToken: string;
  encryptedToken: string;
}

/** The answer to `endpoint.url_validation`: the plain token and its hex HMAC-SHA256 under the secret token. */
export function buildUrlValidationResponse(plainToken: string, secretToken: string): ZoomUrlValidationResponse {
  return { plainToken, encryptedToken: createHmac('sha256', secretToken).update(plainToken).digest('hex') };
}
