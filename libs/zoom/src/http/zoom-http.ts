import type { ResolvedZoomConfig } from '../config';
import {
  ZoomError,
  ZoomRateLimitError,
  ZoomResponseError,
  ZoomTransportError,
  classifyZoomError,
} from '../errors';
import { QpsPacer } from './qps-pacer';

export interface ZoomHttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** Name reported in errors (a ZOOM_ENDPOINTS name or `oauth.*`). */
  endpoint: string;
  source: 'oauth' | 'api';
  /**
   * Safe to repeat when Zoom may already have acted on it. 429s are always retried (Zoom did nothing);
   * 5xx, timeouts and network failures only when this is true (a retried POST could create a second meeting).
   */
  idempotent: boolean;
  /** Keep the body as a stream: the timeout then covers only the wait for response headers. */
  stream?: boolean;
  /** The per-second rate-limit bucket this call counts against (e.g. `phone:heavy`); paced when Zoom has said its limit. */
  rateLimitBucket?: string;
}

export interface ZoomHttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON (or undefined for an empty body); absent when `stream` was requested. */
  json?: unknown;
  response: Response;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends one logical request with timeouts and bounded, jittered retries; throws a classified ZoomError. */
export class ZoomHttp {
  /**
   * `pacer`: shared by every client of one Zoom user, so that what one client learnt of Zoom's per-second limits
   * paces the others (a sync makes many short-lived clients).
   */
  constructor(
    private readonly config: ResolvedZoomConfig,
    private readonly pacer: QpsPacer = new QpsPacer(),
    private readonly random: () => number = Math.random,
  ) {}

  async send(request: ZoomHttpRequest): Promise<ZoomHttpResponse> {
    for (let attempt = 0; ; attempt++) {
      let failure: ZoomError;
      try {
        const bucket = request.rateLimitBucket;
        if (bucket) await this.pacer.take(bucket);
        const result = await this.attempt(request);
        if (bucket) this.pacer.learn(bucket, result.headers);
        if (result.status < 400) return result;
        failure = classifyZoomError({
          status: result.status,
          body: result.json,
          headers: result.headers,
          source: request.source,
          endpoint: request.endpoint,
        });
      } catch (error) {
        if (!(error instanceof ZoomError)) throw error;
        failure = error;
      }
      const delayMs = this.retryDelay(failure, request, attempt);
      if (delayMs === undefined) throw failure;
      await sleep(delayMs);
    }
  }

  /** How long to wait before the next attempt, or undefined to give up with `failure`. */
  private retryDelay(failure: ZoomError, request: ZoomHttpRequest, attempt: number): number | undefined {
    if (attempt >= this.config.maxRetries) return undefined;
    if (failure instanceof ZoomRateLimitError) {
      // A daily cap resets at midnight GMT: waiting inside one call cannot help.
      if (/daily/i.test(failure.rateLimit.type ?? '') || /daily/i.test(failure.message)) return undefined;
      if (failure.retryAfterMs !== undefined) {
        if (failure.retryAfterMs > this.config.maxRetryDelayMs) return undefined;
        // Spread simultaneous waiters a little so they do not all return on the same tick.
        return failure.retryAfterMs + Math.floor(this.random() * 250);
      }
      return this.backoff(attempt);
    }
    if (request.idempotent && failure.isTransient) return this.backoff(attempt);
    return undefined;
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.config.maxRetryDelayMs, this.config.retryBaseDelayMs * 2 ** attempt);
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  private async attempt(request: ZoomHttpRequest): Promise<ZoomHttpResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.config.timeoutMs);
    const transportError = (error: unknown) =>
      controller.signal.aborted
        ? new ZoomTransportError('timeout', `Zoom ${request.endpoint}: no answer within ${this.config.timeoutMs} ms`, {
            endpoint: request.endpoint,
          })
        : new ZoomTransportError('network', `Zoom ${request.endpoint}: network error (${networkReason(error)})`, {
            endpoint: request.endpoint,
            cause: error,
          });
    try {
      const response = await this.config
        .fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal: controller.signal,
          redirect: 'follow',
        })
        .catch((error: unknown) => {
          throw transportError(error);
        });
      const base = { status: response.status, headers: response.headers, response };
      if (request.stream && response.status < 400) return base;
      const text = await response.text().catch((error: unknown) => {
        throw transportError(error);
      });
      return { ...base, json: parseJsonBody(text, response.status, request) };
    } finally {
      clearTimeout(timer);
    }
  }
}

function parseJsonBody(text: string, status: number, request: ZoomHttpRequest): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // An HTML error page from a proxy in front of Zoom is still an error worth classifying by status.
    if (status >= 400) return undefined;
    throw new ZoomResponseError('invalid_response', `Zoom ${request.endpoint}: response is not JSON (HTTP ${status})`, {
      status,
      endpoint: request.endpoint,
    });
  }
}

/** The low-level reason (ECONNREFUSED, ...) without the URL, which may carry a token in its query. */
function networkReason(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  if (cause?.code) return cause.code;
  return error instanceof Error ? error.name : 'unknown';
}
