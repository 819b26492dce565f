import { Inject, Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { LOGGER } from '../platform/logging/logger';
import { ifLockFree } from '../platform/queues/advisory-lock';
import { WebhookInboxService } from './webhook-inbox.service';

const SWEEP_EVERY_MS = 10_000;
/** A row `received` this long without being picked up lost its job (Redis was down when it arrived). */
const RECEIVED_GRACE_MS = 15_000;
/**
 * A row `processing` this long whose job BullMQ no longer holds lost it: Redis lost its data, or BullMQ gave up on a
 * job that stalled twice (a killed worker's job it brings back itself within seconds, see QUICK_JOB_LOCKS). Requeueing
 * is a no-op while BullMQ still holds the job (`requeue` skips an id that is waiting, delayed or running), so this only
 * guards a live worker still running a job whose keys vanished: 20 s is longer than all but the slowest events take
 * (a Zoom request gives up after 15 s), and a second run would be an idempotent upsert. A lost job runs again at most
 * this plus a sweep after it was claimed, and within a sweep of Redis being back after a longer outage.
 */
const PROCESSING_GRACE_MS = 20_000;
const BATCH = 500;
/** pg_advisory_xact_lock key: "webhook-inbox-sweeper". */
const SWEEP_LOCK = 7_246_143_901;

/** Re-queues inbox rows that were stored but never processed. Many workers may run it; one sweeps at a time. */
@Injectable()
export class InboxSweeperService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: WebhookInboxService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Interval(SWEEP_EVERY_MS)
  async scheduledSweep(): Promise<void> {
    await this.sweep().catch((error: Error) => this.logger.warn({ err: error.message }, 'Inbox sweep failed; next time'));
  }

  async sweep(now = new Date()): Promise<number> {
    return ifLockFree(this.dataSource, SWEEP_LOCK, 0, async () => {
      const stale = await this.inbox.stale(new Date(now.getTime() - RECEIVED_GRACE_MS), new Date(now.getTime() - PROCESSING_GRACE_MS), BATCH);
      let requeued = 0;
      for (const entry of stale) if (await this.inbox.requeue(entry.id)) requeued += 1;
      if (requeued > 0) this.logger.info({ requeued }, 'Inbox sweeper re-queued Zoom events');
      return requeued;
    });
  }
}
