import { createHmac } from 'node:crypto';
import {
  buildUrlValidationResponse,
  signZoomWebhook,
  verifyZoomWebhook,
  ZOOM_WEBHOOK_CLOCK_SKEW_SECONDS,
  ZOOM_WEBHOOK_REPLAY_WINDOW_SECONDS,
  ZOOM_WEBHOOK_RETRY_DELAYS_SECONDS,
} from './signature';

const secret = 'test-webhook-secret';
const nowMs = Date.UTC(2026, 10, 24, 12, 0, 0);
const nowSeconds = Math.floor(nowMs / 1000);
const body = '{"event":"phone.callee_ringing","event_ts":1795960931200,"payload":{"account_id":"a1","object":{"call_id":"1"}}}';

function signedHeaders(timestamp: number, rawBody: string | Buffer = body, key = secret) {
  return { 'x-zm-request-timestamp': String(timestamp), 'x-zm-signature': signZoomWebhook(key, timestamp, rawBody) };
}

describe('signZoomWebhook', () => {
  it('is v0= + hex HMAC-SHA256 of "v0:{timestamp}:{body}"', () => {
    const expected = createHmac('sha256', secret).update(`v0:${nowSeconds}:${body}`).digest('hex');
    expect(signZoomWebhook(secret, nowSeconds, body)).toBe(`v0=${expected}`);
  });

  it('signs raw bytes, so a Buffer and its utf8 string agree', () => {
    const text = '{"message":"café ☕"}';
    expect(signZoomWebhook(secret, 1, Buffer.from(text, 'utf8'))).toBe(signZoomWebhook(secret, 1, text));
  });
});

describe('verifyZoomWebhook', () => {
  it('accepts a correctly signed, fresh request', () => {
    expect(verifyZoomWebhook({ rawBody: body, headers: signedHeaders(nowSeconds), secretToken: secret, nowMs })).toEqual({
      ok: true,
      timestampSeconds: nowSeconds,
    });
  });

  it('accepts a Buffer body and array-valued, differently cased headers (as Node gives them)', () => {
    const headers = signedHeaders(nowSeconds);
    const result = verifyZoomWebhook({
      rawBody: Buffer.from(body),
      headers: { 'X-Zm-Request-Timestamp': [headers['x-zm-request-timestamp']], 'X-ZM-Signature': headers['x-zm-signature'] },
      secretToken: secret,
      nowMs,
    });
    expect(result.ok).toBe(true);
  });

  it('rejects a tampered body', () => {
    const tampered = body.replace('"call_id":"1"', '"call_id":"2"');
    expect(verifyZoomWebhook({ rawBody: tampered, headers: signedHeaders(nowSeconds), secretToken: secret, nowMs })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('rejects re-serialised JSON (whitespace changes the bytes)', () => {
    const reserialised = JSON.stringify(JSON.parse(body), null, 1);
    expect(verifyZoomWebhook({ rawBody: reserialised, headers: signedHeaders(nowSeconds), secretToken: secret, nowMs }).ok).toBe(false);
  });

  it('rejects a signature made with another secret', () => {
    const headers = signedHeaders(nowSeconds, body, 'another-secret');
    expect(verifyZoomWebhook({ rawBody: body, headers, secretToken: secret, nowMs })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('rejects a signature over another timestamp', () => {
    const headers = { ...signedHeaders(nowSeconds), 'x-zm-request-timestamp': String(nowSeconds - 1) };
    expect(verifyZoomWebhook({ rawBody: body, headers, secretToken: secret, nowMs })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('accepts a timestamp as old as the replay window, which outlasts Zoom\'s last retry, and rejects one older (replay)', () => {
    const lastRetryAfterSeconds = ZOOM_WEBHOOK_RETRY_DELAYS_SECONDS.reduce((total, delay) => total + delay, 0);
    expect(lastRetryAfterSeconds).toBe(85 * 60);
    expect(ZOOM_WEBHOOK_REPLAY_WINDOW_SECONDS).toBeGreaterThan(lastRetryAfterSeconds);
    const atEdge = nowSeconds - ZOOM_WEBHOOK_REPLAY_WINDOW_SECONDS;
    expect(verifyZoomWebhook({ rawBody: body, headers: signedHeaders(atEdge), secretToken: secret, nowMs }).ok).toBe(true);
    expect(verifyZoomWebhook({ rawBody: body, headers: signedHeaders(atEdge - 1), secretToken: secret, nowMs })).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
    const custom = verifyZoomWebhook({ rawBody: body, headers: signedHeaders(nowSeconds - 20), secretToken: secret, nowMs, maxAgeSeconds: 10 });
    expect(custom).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  it('rejects a timestamp further in the future than the clock skew', () => {
    const atEdge = nowSeconds + ZOOM_WEBHOOK_CLOCK_SKEW_SECONDS;
    expect(verifyZoomWebhook({ rawBody: body, headers: signedHeaders(atEdge), secretToken: secret, nowMs }).ok).toBe(true);
    expect(verifyZoomWebhook({ rawBody: body, headers: signedHeaders(atEdge + 1), secretToken: secret, nowMs })).toEqual({
      ok: false,
      reason: 'future_timestamp',
    });
    const custom = verifyZoomWebhook({ rawBody: body, headers: signedHeaders(nowSeconds + 20), secretToken: secret, nowMs, maxFutureSeconds: 10 });
    expect(custom).toEqual({ ok: false, reason: 'future_timestamp' });
  });

  it.each([
    ['no signature', { 'x-zm-request-timestamp': String(nowSeconds) }],
    ['no timestamp', { 'x-zm-signature': signZoomWebhook(secret, nowSeconds, body) }],
    ['no headers', {}],
  ])('rejects a request with %s', (_, headers) => {
    expect(verifyZoomWebhook({ rawBody: body, headers, secretToken: secret, nowMs })).toEqual({ ok: false, reason: 'missing_headers' });
  });

  it('rejects malformed headers without comparing', () => {
    const headers = signedHeaders(nowSeconds);
    expect(
      verifyZoomWebhook({ rawBody: body, headers: { ...headers, 'x-zm-request-timestamp': '12abc' }, secretToken: secret, nowMs }),
    ).toEqual({ ok: false, reason: 'malformed_timestamp' });
    expect(
      verifyZoomWebhook({ rawBody: body, headers: { ...headers, 'x-zm-signature': 'v1=abcd' }, secretToken: secret, nowMs }),
    ).toEqual({ ok: false, reason: 'malformed_signature' });
  });

  it('refuses to verify with an empty secret (a misconfiguration must not accept everything)', () => {
    const headers = signedHeaders(nowSeconds, body, '');
    expect(verifyZoomWebhook({ rawBody: body, headers, secretToken: '', nowMs })).toEqual({ ok: false, reason: 'missing_secret' });
  });
});

describe('buildUrlValidationResponse', () => {
  it('echoes the plain token with its hex HMAC-SHA256 under the secret token', () => {
    const plainToken = 'qgg8vlvZRS6UYooatFL8Aw';
    const response = buildUrlValidationResponse(plainToken, secret);
    expect(response).toEqual({
      plainToken,
      encryptedToken: createHmac('sha256', secret).update(plainToken).digest('hex'),
    });
    expect(response.encryptedToken).toMatch(/^[0-9a-f]{64}$/);
    expect(buildUrlValidationResponse(plainToken, 'other').encryptedToken).not.toBe(response.encryptedToken);
  });
});
