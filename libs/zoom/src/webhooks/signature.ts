import { createHmac, timingSafeEqual } from 'node:crypto';
import { type HeaderSource, headerValue } from '../errors';

export const ZOOM_SIGNATURE_HEADER = 'x-zm-signature';
export const ZOOM_TIMESTAMP_HEADER = 'x-zm-request-timestamp';

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
  /** Accepted distance of `x-zm-request-timestamp` from now, both ways; Zoom's rule is 5 minutes. */
  toleranceSeconds?: number;
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
  const { rawBody, headers, secretToken, nowMs = Date.now(), toleranceSeconds = 300 } = input;
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
  if (ageSeconds > toleranceSeconds) return { ok: false, reason: 'stale_timestamp' };
  if (ageSeconds < -toleranceSeconds) return { ok: false, reason: 'future_timestamp' };
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
