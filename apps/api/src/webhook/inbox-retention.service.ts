import { Inject, Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { LOGGER } from '../platform/logging/logger';
import { ifLockFree } from '../platform/queues/advisory-lock';
import { WebhookInboxService } from './webhook-inbox.service';

const PRUNE_EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * Zoom's rule: a deauthorized user's data is deleted within 10 days. Events that arrive for them afterwards are
 * stored and skipped (no connected user), so skipped rows go once this old: one prune interval short of 10 days,
 * so that the hourly run has deleted them before they are 10 days old.
 */
const SKIPPED_KEPT_MS = 10 * DAY_MS - PRUNE_EVERY_MS;
/** Rows per DELETE: each batch commits on its own, so pruning a long backlog never holds a large transaction. */
const BATCH = 1000;
/** pg_advisory_xact_lock key: "webhook-inbox-retention". */
export const INBOX_RETENTION_LOCK = 7_246_143_902;

/**
 * Zoom event bodies hold callers' numbers and names: a row finished with (processed, ignored, skipped, failed,
 * processed with errors, rejected) is deleted WEBHOOK_INBOX_RETENTION_DAYS after its last change (a retry starts
 * the period again); a skipped row, about no connected user, within 10 days whatever that setting says. Rows still
 * waiting to be processed are left to the sweeper. Many workers may run it; one prunes.
 */
@Injectable()
export class InboxRetentionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: WebhookInboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Interval(PRUNE_EVERY_MS)
  async scheduledPrune(): Promise<void> {
    await this.prune().catch((error: Error) => this.logger.warn({ err: error.message }, 'Inbox retention prune failed; next time'));
  }

  /** Deletes every row past its retention period at `now`, in batches; 0 when another worker holds the lock. */
  async prune(now = new Date()): Promise<number> {
    const retentionMs = this.config.webhookInboxRetentionDays * DAY_MS;
    const finishedBefore = new Date(now.getTime() - retentionMs);
    const skippedBefore = new Date(now.getTime() - Math.min(retentionMs, SKIPPED_KEPT_MS));
    return ifLockFree(this.dataSource, INBOX_RETENTION_LOCK, 0, async () => {
      const finished = await inBatches((limit) => this.inbox.pruneFinished(finishedBefore, limit));
      const pruned = finished + (await inBatches((limit) => this.inbox.pruneSkipped(skippedBefore, limit)));
      if (pruned > 0) this.logger.info({ pruned, retentionDays: this.config.webhookInboxRetentionDays }, 'Pruned Zoom events past their retention period');
      return pruned;
    });
  }
}

/** Runs `deleteBatch` until it deletes less than a whole batch; what it deleted in all. */
async function inBatches(deleteBatch: (limit: number) => Promise<number>): Promise<number> {
  let pruned = 0;
  let deleted: number;
  do {
    deleted = await deleteBatch(BATCH);
    pruned += deleted;
  } while (deleted === BATCH);
  return pruned;
}
