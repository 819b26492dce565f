import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { LessThan, Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { LOGGER } from '../platform/logging/logger';
import { clearFinishedJob, logQueueErrors } from '../platform/queues/queue-worker';
import { REDIS } from '../platform/redis/redis';
import { InboxStatus, WebhookInboxEntry } from './entities/webhook-inbox.entity';
import { webhookDedupeKey, type ZoomEnvelope, zoomUserOf } from './zoom-envelope';

export const WEBHOOK_QUEUE = 'zoom-webhooks';
export const WEBHOOK_JOB = 'zoom-event';
const MAX_ATTEMPTS = 5;
const ENQUEUE_TIMEOUT_MS = 500;
export const JOB_OPTIONS = {
  attempts: MAX_ATTEMPTS,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: 1000,
  removeOnFail: 5000,
} as const;

/** At most this many events per INSERT (six parameters each, far below PostgreSQL's 65,535). */
const INSERT_BATCH = 200;

interface PendingRow {
  envelope: ZoomEnvelope;
  dedupeKey: string;
  resolve: (id: string | null) => void;
  reject: (error: Error) => void;
}

/** Which events an organisation may see: those of its connected Zoom users and accounts. */
export interface InboxScope {
  zoomUserIds: string[];
  accountIds: string[];
}
const SCOPED = '(zoom_user_id = ANY($1) OR account_id = ANY($2))';
/** What the health page lists and an admin may retry. */
const WITH_ERRORS = [InboxStatus.FAILED, InboxStatus.PROCESSED_WITH_ERRORS];

/** The durable inbox: a row per distinct Zoom event, then a job per row (job id = row id). */
@Injectable()
export class WebhookInboxService {
  private readonly pendingRows: PendingRow[] = [];
  private readonly pendingJobs: string[] = [];

  constructor(
    @InjectRepository(WebhookInboxEntry) private readonly inbox: Repository<WebhookInboxEntry>,
    @InjectQueue(WEBHOOK_QUEUE) private readonly queue: Queue,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    logQueueErrors(queue, logger);
  }

  /**
   * Stores the event unless it was stored before and resolves to the new row's id (null for a repeat). Events
   * arriving in the same tick share one multi-row INSERT, so a burst costs one round trip and one commit; each
   * caller still hears back only once its row is durable.
   */
  store(envelope: ZoomEnvelope): Promise<string | null> {
    return new Promise((resolve, reject) => {
      this.pendingRows.push({ envelope, dedupeKey: webhookDedupeKey(envelope), resolve, reject });
      if (this.pendingRows.length === 1) setImmediate(() => void this.insertPending());
    });
  }

  private async insertPending(): Promise<void> {
    const batch = this.pendingRows.splice(0, INSERT_BATCH);
    if (this.pendingRows.length > 0) setImmediate(() => void this.insertPending());
    const params: unknown[] = [];
    const tuples = batch.map(({ envelope, dedupeKey }) => {
      const accountId = typeof envelope.payload.account_id === 'string' ? envelope.payload.account_id : null;
      const at = params.push(envelope.event, envelope.event_ts, accountId, zoomUserOf(envelope), dedupeKey, envelope) - 6;
      return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6}, 'received')`;
    });
    try {
      const rows: Array<{ id: string; dedupe_key: string }> = await this.inbox.query(
        `INSERT INTO webhook_inbox (event, event_ts, account_id, zoom_user_id, dedupe_key, body, status)
         VALUES ${tuples.join(', ')}
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id, dedupe_key`,
        params,
      );
      const stored = new Map(rows.map((row) => [row.dedupe_key, row.id]));
      for (const row of batch) {
        // The same event twice in one batch: the first caller gets the row, the second is the repeat it is.
        const id = stored.get(row.dedupeKey) ?? null;
        stored.delete(row.dedupeKey);
        row.resolve(id);
      }
    } catch (error) {
      for (const row of batch) row.reject(error as Error);
    }
  }

  /**
   * Queues the row's job together with the others stored in the same tick: one Redis round trip for a burst.
   * A row whose job could not be queued (Redis down or slow) stays `received`; the sweeper queues it later.
   */
  queueSoon(id: string): void {
    this.pendingJobs.push(id);
    if (this.pendingJobs.length === 1) setImmediate(() => void this.enqueue(this.pendingJobs.splice(0)));
  }

  /** Bounded in time, because BullMQ waits for Redis indefinitely and the sweeper covers what did not get in. */
  async enqueue(ids: string[]): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
    });
    try {
      const jobs = ids.map((id) => ({ name: WEBHOOK_JOB, data: { inboxId: id }, opts: { ...JOB_OPTIONS, jobId: id } }));
      await Promise.race([this.queue.addBulk(jobs), timeout]);
      return true;
    } catch (error) {
      this.logger.warn({ inboxIds: ids, err: (error as Error).message }, 'Could not queue Zoom events; the sweeper will');
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Queues a row again, replacing a finished job of the same id (BullMQ ignores an id it still holds). */
  async requeue(id: string): Promise<boolean> {
    return (await clearFinishedJob(this.queue, id)) && this.enqueue([id]);
  }

  find(id: string): Promise<WebhookInboxEntry | null> {
    return this.inbox.findOneBy({ id });
  }

  /** Claims the row for processing, unless another worker finished it already. */
  async claim(id: string): Promise<WebhookInboxEntry | null> {
    const rows: WebhookInboxEntry[] = await this.inbox.query(
      `UPDATE webhook_inbox SET status = 'processing', attempts = attempts + 1, updated_at = now()
        WHERE id = $1 AND status IN ('received', 'processing', 'failed') RETURNING id`,
      [id],
    );
    return rows.length > 0 ? this.find(id) : null;
  }

  async finish(id: string, status: InboxStatus, error?: string): Promise<void> {
    await this.inbox.update({ id }, { status, lastError: error ?? null, processedAt: status === InboxStatus.FAILED ? null : new Date() });
  }

  async recordError(id: string, error: string): Promise<void> {
    await this.inbox.update({ id }, { lastError: error });
  }

  /** Rows stored but never finished: received long enough ago, or stuck in processing (a worker died). */
  async stale(receivedBefore: Date, processingBefore: Date, limit: number): Promise<WebhookInboxEntry[]> {
    return this.inbox.find({
      where: [
        { status: InboxStatus.RECEIVED, updatedAt: LessThan(receivedBefore) },
        { status: InboxStatus.PROCESSING, updatedAt: LessThan(processingBefore) },
      ],
      order: { receivedAt: 'ASC' },
      take: limit,
    });
  }

  /** Queues a failed or partly processed event again (processing is idempotent, so its logged records stay single). */
  async retryFailed(scope: InboxScope, id: string): Promise<boolean> {
    const result = await this.inbox
      .createQueryBuilder()
      .update()
      .set({ status: InboxStatus.RECEIVED, lastError: null })
      .where(`id = :id AND status IN (:...statuses) AND (zoom_user_id = ANY(:zoomUserIds) OR account_id = ANY(:accountIds))`, { id, statuses: WITH_ERRORS, ...scope })
      .execute();
    if (!result.affected) return false;
    return this.requeue(id);
  }

  /** Zoom validated our endpoint (on subscription and about every 72 hours); shown on the health page. */
  async markUrlValidated(): Promise<void> {
    await this.redis.set(this.urlValidatedKey(), new Date().toISOString()).catch(() => undefined);
  }

  async urlValidatedAt(): Promise<Date | null> {
    const value = await this.redis.get(this.urlValidatedKey()).catch(() => null);
    return value ? new Date(value) : null;
  }

  private urlValidatedKey(): string {
    return `${this.config.redisPrefix}:webhook:url-validated-at`;
  }

  /** Inbox counts by status for the events of the given Zoom users and accounts (one organisation's). */
  async countsByStatus(scope: InboxScope): Promise<Record<string, number>> {
    const rows: Array<{ status: string; count: string }> = await this.inbox.query(
      `SELECT status, count(*) AS count FROM webhook_inbox WHERE ${SCOPED} GROUP BY status`,
      [scope.zoomUserIds, scope.accountIds],
    );
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
  }

  async lastReceivedByEvent(scope: InboxScope): Promise<Array<{ event: string; receivedAt: Date }>> {
    const rows: Array<{ event: string; received_at: Date }> = await this.inbox.query(
      `SELECT event, max(received_at) AS received_at FROM webhook_inbox WHERE ${SCOPED} GROUP BY event ORDER BY event`,
      [scope.zoomUserIds, scope.accountIds],
    );
    return rows.map((row) => ({ event: row.event, receivedAt: row.received_at }));
  }

  /** Events that failed, or were processed without some malformed records: newest first, for the health page. */
  withErrors(scope: InboxScope, limit = 50): Promise<WebhookInboxEntry[]> {
    return this.inbox
      .createQueryBuilder('entry')
      .where(`entry.status IN (:...statuses) AND (entry.zoom_user_id = ANY(:zoomUserIds) OR entry.account_id = ANY(:accountIds))`, {
        statuses: WITH_ERRORS,
        ...scope,
      })
      .orderBy('entry.updated_at', 'DESC')
      .take(limit)
      .getMany();
  }
}
