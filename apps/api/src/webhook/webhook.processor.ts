import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { LOGGER } from '../platform/logging/logger';
import { InboxStatus } from './entities/webhook-inbox.entity';
import { WEBHOOK_JOB, WEBHOOK_QUEUE, WebhookInboxService } from './webhook-inbox.service';
import { WebhookRouter } from './webhook-router.service';
import { zoomEnvelopeSchema } from './zoom-envelope';

/** Runs one stored Zoom event through its owner; retried with backoff by BullMQ, then parked as failed. */
@Processor(WEBHOOK_QUEUE, { concurrency: 8 })
export class WebhookProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly inbox: WebhookInboxService,
    private readonly router: WebhookRouter,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  // A worker closed while its connections are still opening emits errors after its listeners are gone.
  async onApplicationBootstrap(): Promise<void> {
    await this.worker.waitUntilReady();
  }

  // Without a listener, a connection error (Redis restarting, shutdown mid-connect) would crash the process.
  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.logger.warn({ queue: WEBHOOK_QUEUE, err: error.message }, 'webhook worker connection error');
  }

  async process(job: Job<{ inboxId: string }>): Promise<string> {
    if (job.name !== WEBHOOK_JOB) throw new Error(`No handler for job "${job.name}" on ${WEBHOOK_QUEUE}`);
    const entry = await this.inbox.claim(job.data.inboxId);
    if (!entry) return 'already finished';
    try {
      const envelope = zoomEnvelopeSchema.parse(entry.body);
      const outcome = await this.router.route(envelope);
      await this.inbox.finish(entry.id, outcome);
      return outcome;
    } catch (error) {
      const message = (error as Error).message.slice(0, 2000);
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.logger.warn({ inboxId: entry.id, event: entry.event, attempt: job.attemptsMade + 1, lastAttempt, err: message }, 'Zoom event failed');
      if (lastAttempt) await this.inbox.finish(entry.id, InboxStatus.FAILED, message);
      else await this.inbox.recordError(entry.id, message);
      throw error;
    }
  }
}
