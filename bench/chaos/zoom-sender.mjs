// Delivers events as Zoom does: each signed, round-robin over the http processes, 3 s to answer. A delivery that gets
// no answer below 500 (a 5xx, a timeout, a refused or cut connection) goes again, to the next process, after a pause
// (Zoom waits minutes; the suite cannot), until a 2xx or a 4xx ends it or a minute has passed. Every attempt is kept.
import http from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { zoomSignatureHeaders } from '../lib/zoom-webhooks.mjs';

/** How long Zoom waits for an answer before it counts the delivery as failed. */
export const ACK_TIMEOUT_MS = 3000;
const GIVE_UP_MS = 60_000;
const REDELIVERY_PAUSES_MS = [250, 500, 1000, 2000];

/**
 * One POST on a connection of its own (Zoom's deliveries share none with each other), timed to the end of the answer.
 * Resolves with { startedAt, ms, status } or { startedAt, ms, error } (`timeout`, or the socket's error code).
 */
function post(target, body, headers) {
  return new Promise((resolve) => {
    const startedAt = Date.now();
    let settled = false;
    const settle = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ startedAt, ms: Date.now() - startedAt, ...outcome });
    };
    const request = http.request(`${target}/webhooks/zoom`, { method: 'POST', agent: false, headers: { ...headers, 'content-length': Buffer.byteLength(body) } });
    const timer = setTimeout(() => {
      settle({ error: 'timeout' });
      request.destroy();
    }, ACK_TIMEOUT_MS);
    request.on('response', (response) => {
      response.on('error', (error) => settle({ error: error.code ?? error.message }));
      response.on('end', () => settle({ status: response.statusCode }));
      response.resume();
    });
    request.on('error', (error) => settle({ error: error.code ?? error.message }));
    request.end(body);
  });
}

export function createZoomSender({ targets, secret }) {
  /** Every attempt: { event, attempt (0 = first), target, startedAt, ms, status | error }. */
  const attempts = [];
  let deliveries = 0;

  /** Delivers until acknowledged or refused for good; resolves with the last status (null when it gave up). */
  async function deliver(event) {
    // Zoom's redeliveries carry the first attempt's timestamp and signature (the api's replay window allows for it).
    const headers = zoomSignatureHeaders(event.body, secret);
    const first = deliveries++;
    const began = Date.now();
    for (let attempt = 0; ; attempt += 1) {
      const target = targets[(first + attempt) % targets.length];
      const outcome = await post(target, event.body, headers);
      attempts.push({ event, attempt, target, ...outcome });
      if (outcome.status !== undefined && outcome.status < 500) return outcome.status;
      if (Date.now() - began > GIVE_UP_MS) return null;
      await delay(REDELIVERY_PAUSES_MS[Math.min(attempt, REDELIVERY_PAUSES_MS.length - 1)]);
    }
  }

  /**
   * Delivers `events` at `perSecond`, each when its turn comes whether or not the ones before were answered (Zoom
   * does not wait either); resolves once every delivery has ended.
   */
  async function deliverSteadily(events, perSecond) {
    const started = Date.now();
    const pending = [];
    for (const [index, event] of events.entries()) {
      const wait = started + (index * 1000) / perSecond - Date.now();
      if (wait > 0) await delay(wait);
      pending.push(deliver(event));
    }
    return Promise.all(pending);
  }

  return { attempts, deliver, deliverSteadily };
}
