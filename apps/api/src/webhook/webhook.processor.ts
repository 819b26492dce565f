import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { LOGGER } from '../platform/logging/logger';
import { contextFromCarrier, inSpan, type Span, SpanAttribute, SpanKind } from '../platform/observability/tracing';
import { attemptOf, isLastAttempt, QUICK_JOB_LOCKS, QueueWorker } from '../platform/queues/queue-worker';
import { InboxStatus } from './entities/webhook-inbox.entity';
import { WEBHOOK_JOB, WEBHOOK_QUEUE, WebhookInboxService, type WebhookJob } from './webhook-inbox.service';
import { WebhookMetrics } from './webhook-metrics';
import { PartlyProcessed, WebhookRouter } from './webhook-router.service';
import { zoomEnvelopeSchema } from './zoom-envelope';

const MAX_ERROR_LENGTH = 2000;

/**
 * Runs one stored Zoom event through its owner; retried with backoff by BullMQ, then parked as failed. Traced as
 * `webhook.process`, a child of the intake's `webhook.receive` in the http process that stored it (the job carries
 * its context); the owner's spans, such as `activity.publish`, are children of it.
 */
// Short locks: a killed worker's events run again within seconds, not after BullMQ's 30 to 90 s (see QUICK_JOB_LOCKS).
@Processor(WEBHOOK_QUEUE, { concurrency: 8, ...QUICK_JOB_LOCKS })
export class WebhookProcessor extends QueueWorker<WebhookJob> {
  constructor(
    private readonly inbox: WebhookInboxService,
    private readonly router: WebhookRouter,
    private readonly metrics: WebhookMetrics,
    @Inject(LOGGER) logger: Logger,
  ) {
    super(WEBHOOK_QUEUE, WEBHOOK_JOB, logger);
  }

  protected handle(job: Job<WebhookJob>): Promise<string> {
    const attributes = { [SpanAttribute.WEBHOOK_INBOX_ID]: job.data.inboxId, [SpanAttribute.WEBHOOK_ATTEMPT]: attemptOf(job) };
    return inSpan('webhook.process', { kind: SpanKind.CONSUMER, attributes, parent: contextFromCarrier(job.data.traceContext) }, async (span) => {
      const outcome = await this.run(job, span);
      span.setAttribute(SpanAttribute.WEBHOOK_OUTCOME, outcome);
      return outcome;
    });
  }

  private async run(job: Job<WebhookJob>, span: Span): Promise<string> {
    const entry = await this.inbox.claim(job.data.inboxId);
    if (!entry) return 'already finished';
    span.setAttribute(SpanAttribute.WEBHOOK_EVENT, entry.event);
    try {
      const envelope = zoomEnvelopeSchema.parse(entry.body);
      const outcome = await this.router.route(envelope);
      if (outcome instanceof PartlyProcessed) {
        this.logger.warn({ inboxId: entry.id, event: entry.event, rejected: outcome.problems }, 'Zoom event processed without its malformed records');
        return this.finish(entry.id, InboxStatus.PROCESSED_WITH_ERRORS, outcome.problems.join('\n').slice(0, MAX_ERROR_LENGTH));
      }
      return this.finish(entry.id, outcome);
    } catch (error) {
      const message = (error as Error).message.slice(0, MAX_ERROR_LENGTH);
      const lastAttempt = isLastAttempt(job);
      this.logger.warn({ inboxId: entry.id, event: entry.event, attempt: attemptOf(job), lastAttempt, err: message }, 'Zoom event failed');
      if (lastAttempt) await this.finish(entry.id, InboxStatus.FAILED, message);
      else await this.inbox.recordError(entry.id, message);
      throw error;
    }
  }

  private async finish(id: string, status: InboxStatus, error?: string): Promise<InboxStatus> {
    this.metrics.finished(status, await this.inbox.finish(id, status, error));
    return status;
  }
}
