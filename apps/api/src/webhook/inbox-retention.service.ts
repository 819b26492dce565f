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
/** Rows per DELETE: each batch commits on its own, so pruning a long backlog never holds a large transaction. */
const BATCH = 1000;
/** pg_advisory_xact_lock key: "webhook-inbox-retention". */
export const INBOX_RETENTION_LOCK = 7_246_143_902;

/**
 * Zoom event bodies hold callers' numbers and names: a row finished with (processed, ignored, skipped, failed,
 * processed with errors, rejected) is deleted WEBHOOK_INBOX_RETENTION_DAYS after its last change (a retry starts
 * the period again). Rows still waiting to be processed are left to the sweeper. Many workers may run it; one prunes.
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

  /** Deletes every row past the retention period at `now`, in batches; 0 when another worker holds the lock. */
  async prune(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.config.webhookInboxRetentionDays * DAY_MS);
    return ifLockFree(this.dataSource, INBOX_RETENTION_LOCK, 0, async () => {
      let pruned = 0;
      let deleted: number;
      do {
        deleted = await this.inbox.pruneFinished(before, BATCH);
        pruned += deleted;
      } while (deleted === BATCH);
      if (pruned > 0) this.logger.info({ pruned, retentionDays: this.config.webhookInboxRetentionDays }, 'Pruned Zoom events past their retention period');
      return pruned;
    });
  }
}
