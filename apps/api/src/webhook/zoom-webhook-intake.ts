import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { buildUrlValidationResponse, verifyZoomWebhook } from '@switchboard/zoom';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { LOGGER } from '../platform/logging/logger';
import { WebhookInboxService } from './webhook-inbox.service';
import { zoomEnvelopeSchema } from './zoom-envelope';

export const ZOOM_WEBHOOK_PATH = '/webhooks/zoom';
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Zoom's door: verify on the raw bytes, store, acknowledge; processing happens later, in a worker. It is a plain
 * node:http handler in front of Express (see app.factory.ts) because it is the one route whose load Zoom decides,
 * and Express's and Nest's per-request machinery cost more than everything this handler does.
 */
@Injectable()
export class ZoomWebhookIntake {
  constructor(
    private readonly inbox: WebhookInboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** True for the requests this intake answers; everything else goes on to Express. */
  handles(request: IncomingMessage): boolean {
    const url = request.url ?? '';
    return request.method === 'POST' && (url === ZOOM_WEBHOOK_PATH || url.startsWith(`${ZOOM_WEBHOOK_PATH}?`));
  }

  handle(request: IncomingMessage, response: ServerResponse): void {
    if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return tooLarge(response);
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.removeAllListeners('data');
        request.pause();
        tooLarge(response);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > MAX_BODY_BYTES) return;
      this.receive(request, Buffer.concat(chunks, size)).then(
        ([status, body]) => reply(response, status, body),
        (error: Error) => {
          // Zoom retries anything but a 2xx, so a failed INSERT loses nothing.
          this.logger.error({ err: error.message }, 'Could not store a Zoom webhook');
          reply(response, 500, { error: 'storage_unavailable' });
        },
      );
    });
    request.on('error', () => response.destroy());
  }

  private async receive(request: IncomingMessage, rawBody: Buffer): Promise<[number, unknown]> {
    const secretToken = this.config.zoom.webhookSecretToken;
    // The replay window is verifyZoomWebhook's default, ZOOM_WEBHOOK_REPLAY_WINDOW_SECONDS: long enough for a retry
    // of Zoom's that still carries its first attempt's timestamp.
    const verdict = verifyZoomWebhook({ rawBody, headers: request.headers, secretToken });
    if (!verdict.ok) {
      this.logger.warn({ reason: verdict.reason }, 'Rejected a Zoom webhook');
      return [401, { error: 'invalid_signature', reason: verdict.reason }];
    }
    let json: unknown;
    try {
      json = JSON.parse(rawBody.toString('utf8'));
    } catch {
      return [400, { error: 'invalid_json' }];
    }
    const envelope = zoomEnvelopeSchema.safeParse(json);
    if (!envelope.success) {
      return [400, { error: 'invalid_event', detail: envelope.error.issues.map((issue) => issue.path.join('.')).join(', ') }];
    }
    if (envelope.data.event === 'endpoint.url_validation') {
      const plainToken = envelope.data.payload.plainToken;
      if (typeof plainToken !== 'string' || !plainToken) return [400, { error: 'missing_plain_token' }];
      await this.inbox.markUrlValidated();
      return [200, buildUrlValidationResponse(plainToken, secretToken)];
    }
    const storedId = await this.inbox.store(envelope.data);
    // Queued without holding up the answer: the row is durable, and a job that fails to queue is queued by the sweeper.
    if (storedId) this.inbox.queueSoon(storedId);
    return [200, { received: true }];
  }
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  response.end(json);
}

function tooLarge(response: ServerResponse): void {
  response.setHeader('connection', 'close');
  reply(response, 413, { error: 'payload_too_large', limitBytes: MAX_BODY_BYTES });
}
