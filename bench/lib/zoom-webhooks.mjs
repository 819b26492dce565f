// What the benchmarks send as Zoom: its events (from the project's fixtures) and its request signature.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './stack.mjs';

/** A fresh copy of fixtures/zoom/webhook.<name>.json, e.g. zoomFixture('phone.callee_call_history_completed'). */
export function zoomFixture(name) {
  return JSON.parse(readFileSync(path.join(ROOT, `fixtures/zoom/webhook.${name}.json`), 'utf8'));
}

/** The headers Zoom signs a delivery with: v0=HMAC-SHA256(secret, "v0:<timestamp>:<body>"). */
export function zoomSignatureHeaders(body, secret, timestampSeconds = Math.floor(Date.now() / 1000)) {
  const signature = createHmac('sha256', secret).update(`v0:${timestampSeconds}:${body}`).digest('hex');
  return { 'content-type': 'application/json', 'x-zm-request-timestamp': String(timestampSeconds), 'x-zm-signature': `v0=${signature}` };
}
