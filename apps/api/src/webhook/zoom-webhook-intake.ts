import type { IncomingMessage, ServerResponse } from 'node:http';
import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { buildUrlValidationResponse, verifyZoomWebhook } from '@switchboard/zoom';
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { WEBHOOK_INTAKE_DATA_SOURCE } from '../database';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { LOGGER } from '../platform/logging/logger';
import { currentTraceCarrier, inSpan, markFailed, type Span, SpanAttribute, SpanKind } from '../platform/observability/tracing';
import { REDIS } from '../platform/redis/redis';
import { WebhookInboxEntry } from './entities/webhook-inbox.entity';
import { whyUnstorable } from './inbox-storable';
import { UnstorableEventError, WEBHOOK_QUEUE, WebhookInboxService } from './webhook-inbox.service';
import { type IntakeOutcome, WebhookMetrics } from './webhook-metrics';
import { type ZoomEnvelope, zoomEnvelopeSchema } from './zoom-envelope';

export const ZOOM_WEBHOOK_PATH = '/webhooks/zoom';
const MAX_BODY_BYTES = 1024 * 1024;

/** What Zoom is answered, and for the span and the metrics what became of the delivery (never its body). */
interface IntakeAnswer {
  status: number;
  body: unknown;
  outcome: IntakeOutcome;
  /** Only once the signature is verified: before that the name is anyone's. */
  event?: string;
  inboxId?: string;
}

/**
 * Zoom's door: verify on the raw bytes, store, acknowledge; processing happens later, in a worker. It is a plain
 * node:http handler in front of Express (see app.factory.ts) because it is the one route whose load Zoom decides,
 * and Express's and Nest's per-request machinery cost more than everything this handler does.
 */
@Injectable()
export class ZoomWebhookIntake implements OnModuleInit {
  private inbox!: WebhookInboxService;

  constructor(
    @InjectDataSource(WEBHOOK_INTAKE_DATA_SOURCE) private readonly intakeDatabase: DataSource,
    private readonly moduleRef: ModuleRef,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: WebhookMetrics,
  ) {}

  /**
   * The intake's own inbox, on the intake's own pool (database.ts): no GraphQL or job query can hold up an ack.
   * Same queue as the module's inbox (its provider is the webhook module's own, hence the look-up).
   */
  onModuleInit(): void {
    const queue = this.moduleRef.get<Queue>(getQueueToken(WEBHOOK_QUEUE), { strict: false });
    this.inbox = new WebhookInboxService(this.intakeDatabase.getRepository(WebhookInboxEntry), queue, this.logger, this.redis, this.config);
  }

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
      void inSpan('webhook.receive', { kind: SpanKind.SERVER }, async (span) => {
        const answer = await this.receive(request, Buffer.concat(chunks, size)).catch((error: Error): IntakeAnswer => {
          // Zoom retries anything but a 2xx, so a failed INSERT loses nothing.
          this.logger.error({ err: error.message }, 'Could not store a Zoom webhook');
          markFailed(span, error);
          return { status: 500, body: { error: 'storage_unavailable' }, outcome: 'error' };
        });
        recordOnSpan(span, answer);
        this.metrics.answered(answer.outcome);
        reply(response, answer.status, answer.body);
      });
    });
    request.on('error', () => response.destroy());
  }

  private async receive(request: IncomingMessage, rawBody: Buffer): Promise<IntakeAnswer> {
    const secretToken = this.config.zoom.webhookSecretToken;
    // The replay window is verifyZoomWebhook's default, ZOOM_WEBHOOK_REPLAY_WINDOW_SECONDS: long enough for a retry
    // of Zoom's that still carries its first attempt's timestamp.
    const verdict = verifyZoomWebhook({ rawBody, headers: request.headers, secretToken });
    if (!verdict.ok) {
      this.logger.warn({ reason: verdict.reason }, 'Rejected a Zoom webhook');
      return { status: 401, body: { error: 'invalid_signature', reason: verdict.reason }, outcome: 'invalid_signature' };
    }
    let json: unknown;
    try {
      json = JSON.parse(rawBody.toString('utf8'));
    } catch {
      return { status: 400, body: { error: 'invalid_json' }, outcome: 'invalid_json' };
    }
    const envelope = zoomEnvelopeSchema.safeParse(json);
    if (!envelope.success) {
      return { status: 400, body: { error: 'invalid_event', detail: envelope.error.issues.map((issue) => issue.path.join('.')).join(', ') }, outcome: 'invalid_event' };
    }
    const event = envelope.data.event;
    if (event === 'endpoint.url_validation') {
      const plainToken = envelope.data.payload.plainToken;
      if (typeof plainToken !== 'string' || !plainToken) return { status: 400, body: { error: 'missing_plain_token' }, outcome: 'invalid_event', event };
      await this.inbox.markUrlValidated();
      return { status: 200, body: buildUrlValidationResponse(plainToken, secretToken), outcome: 'url_validation', event };
    }
    // Checked before it joins the others of this tick in one INSERT, which one row PostgreSQL refuses would fail whole.
    const unstorable = whyUnstorable(envelope.data);
    if (unstorable) return this.reject(envelope.data, unstorable);
    let storedId: string | null;
    try {
      storedId = await this.inbox.store(envelope.data);
    } catch (error) {
      if (error instanceof UnstorableEventError) return this.reject(envelope.data, error.reason);
      throw error;
    }
    if (!storedId) return { status: 200, body: { received: true }, outcome: 'duplicate', event };
    // Queued without holding up the answer: the row is durable, and a job that fails to queue is queued by the sweeper.
    // The job carries this span's context, so that its processing in a worker continues this trace.
    this.inbox.queueSoon({ inboxId: storedId, traceContext: currentTraceCarrier() });
    return { status: 200, body: { received: true }, outcome: 'stored', event, inboxId: storedId };
  }

  /** An event PostgreSQL can never store: 400 to Zoom, and its reason (not its body) on the admin's health page. */
  private async reject(envelope: ZoomEnvelope, reason: string): Promise<IntakeAnswer> {
    this.logger.warn({ event: envelope.event, reason }, 'Refused a Zoom webhook that cannot be stored');
    await this.inbox.recordRejected(envelope, reason);
    return { status: 400, body: { error: 'unstorable_event', reason }, outcome: 'rejected', event: envelope.event };
  }
}

function recordOnSpan(span: Span, answer: IntakeAnswer): void {
  span.setAttributes({ [SpanAttribute.HTTP_STATUS]: answer.status, [SpanAttribute.WEBHOOK_OUTCOME]: answer.outcome });
  if (answer.event) span.setAttribute(SpanAttribute.WEBHOOK_EVENT, answer.event);
  if (answer.inboxId) span.setAttribute(SpanAttribute.WEBHOOK_INBOX_ID, answer.inboxId);
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
