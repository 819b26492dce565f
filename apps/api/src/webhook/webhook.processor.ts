import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { LOGGER } from '../platform/logging/logger';
import { attemptOf, isLastAttempt, QUICK_JOB_LOCKS, QueueWorker } from '../platform/queues/queue-worker';
import { InboxStatus } from './entities/webhook-inbox.entity';
import { WEBHOOK_JOB, WEBHOOK_QUEUE, WebhookInboxService } from './webhook-inbox.service';
import { PartlyProcessed, WebhookRouter } from './webhook-router.service';
import { zoomEnvelopeSchema } from './zoom-envelope';

const MAX_ERROR_LENGTH = 2000;

/** Runs one stored Zoom event through its owner; retried with backoff by BullMQ, then parked as failed. */
// Short locks: a killed worker's events run again within seconds, not after BullMQ's 30 to 90 s (see QUICK_JOB_LOCKS).
@Processor(WEBHOOK_QUEUE, { concurrency: 8, ...QUICK_JOB_LOCKS })
export class WebhookProcessor extends QueueWorker<{ inboxId: string }> {
  constructor(
    private readonly inbox: WebhookInboxService,
    private readonly router: WebhookRouter,
    @Inject(LOGGER) logger: Logger,
  ) {
    super(WEBHOOK_QUEUE, WEBHOOK_JOB, logger);
  }

  protected async handle(job: Job<{ inboxId: string }>): Promise<string> {
    const entry = await this.inbox.claim(job.data.inboxId);
    if (!entry) return 'already finished';
    try {
      const envelope = zoomEnvelopeSchema.parse(entry.body);
      const outcome = await this.router.route(envelope);
      if (outcome instanceof PartlyProcessed) {
        this.logger.warn({ inboxId: entry.id, event: entry.event, rejected: outcome.problems }, 'Zoom event processed without its malformed records');
        await this.inbox.finish(entry.id, InboxStatus.PROCESSED_WITH_ERRORS, outcome.problems.join('\n').slice(0, MAX_ERROR_LENGTH));
        return InboxStatus.PROCESSED_WITH_ERRORS;
      }
      await this.inbox.finish(entry.id, outcome);
      return outcome;
    } catch (error) {
      const message = (error as Error).message.slice(0, MAX_ERROR_LENGTH);
      const lastAttempt = isLastAttempt(job);
      this.logger.warn({ inboxId: entry.id, event: entry.event, attempt: attemptOf(job), lastAttempt, err: message }, 'Zoom event failed');
      if (lastAttempt) await this.inbox.finish(entry.id, InboxStatus.FAILED, message);
      else await this.inbox.recordError(entry.id, message);
      throw error;
    }
  }
}
