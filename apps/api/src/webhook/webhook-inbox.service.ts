import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { LessThan, Not, QueryFailedError, Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { LOGGER } from '../platform/logging/logger';
import type { TraceCarrier } from '../platform/observability/tracing';
import { clearFinishedJob, logQueueErrors } from '../platform/queues/queue-worker';
import { REDIS } from '../platform/redis/redis';
import { InboxStatus, WebhookInboxEntry } from './entities/webhook-inbox.entity';
import { storableText } from './inbox-storable';
import { webhookDedupeKey, type ZoomEnvelope, zoomUserOf } from './zoom-envelope';

export const WEBHOOK_QUEUE = 'zoom-webhooks';
export const WEBHOOK_JOB = 'zoom-event';
/** A job per inbox row; `traceContext` parents its processing to the delivery's span (absent while tracing is off, and for the sweeper's re-queues). */
export interface WebhookJob {
  inboxId: string;
  traceContext?: TraceCarrier;
}
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

/**
 * Which events an organisation may see: those about the Zoom users connected in it. Not by Zoom account: one
 * account's users may be agents of different organisations.
 */
export interface InboxScope {
  zoomUserIds: string[];
}
const SCOPED = 'zoom_user_id = ANY($1)';
/** What the health page lists and an admin may retry. */
const WITH_ERRORS = [InboxStatus.FAILED, InboxStatus.PROCESSED_WITH_ERRORS];

/**
 * PostgreSQL refused this event on its own, so it never will store it: the intake refuses it (400) and shows it
 * to the admin, instead of failing it (500) on every one of Zoom's retries.
 */
export class UnstorableEventError extends Error {
  constructor(readonly reason: string) {
    super(`Zoom event not stored: ${reason}`);
  }
}

/** The rows themselves were refused (SQLSTATE class 22, data exception; 54, e.g. nesting too deep) or could not be serialised. */
function refusalOf(error: unknown): string | null {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^(22|54)/.test(code)) return `PostgreSQL refused it (${code}: ${(error as Error).message.slice(0, 200)})`;
  const cause = error instanceof QueryFailedError ? error.driverError : error;
  return cause instanceof RangeError ? `it could not be serialised (${cause.message.slice(0, 200)})` : null;
}

/** The durable inbox: a row per distinct Zoom event, then a job per row (job id = row id). */
@Injectable()
export class WebhookInboxService {
  private readonly pendingRows: PendingRow[] = [];
  private readonly pendingJobs: WebhookJob[] = [];

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
   * caller still hears back only once its row is durable. When PostgreSQL refuses the statement for what a row
   * holds, each row is inserted again on its own: only the one it refuses fails, with UnstorableEventError.
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
    try {
      settle(batch, await this.insertRows(batch));
    } catch (error) {
      if (batch.length === 1 || !refusalOf(error)) return rejectAll(batch, error);
      for (const row of batch) {
        await this.insertRows([row]).then(
          (stored) => settle([row], stored),
          (rowError: unknown) => rejectAll([row], rowError),
        );
      }
    }
  }

  /** One INSERT for the rows; the ids of those stored, by dedupe key (a repeat of an earlier event is not). */
  private async insertRows(rows: PendingRow[]): Promise<Map<string, string>> {
    const params: unknown[] = [];
    const tuples = rows.map(({ envelope, dedupeKey }) => {
      const accountId = typeof envelope.payload.account_id === 'string' ? envelope.payload.account_id : null;
      const at = params.push(envelope.event, envelope.event_ts, accountId, zoomUserOf(envelope), dedupeKey, envelope) - 6;
      return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6}, 'received')`;
    });
    const stored: Array<{ id: string; dedupe_key: string }> = await this.inbox.query(
      `INSERT INTO webhook_inbox (event, event_ts, account_id, zoom_user_id, dedupe_key, body, status)
       VALUES ${tuples.join(', ')}
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id, dedupe_key`,
      params,
    );
    return new Map(stored.map((row) => [row.dedupe_key, row.id]));
  }

  /**
   * Keeps what the admin needs of an event PostgreSQL can never store: its name, whom it is about, why, and how often
   * Zoom delivered it (each retry is refused again, and counted on the same row). Never its body.
   */
  async recordRejected(envelope: ZoomEnvelope, reason: string): Promise<void> {
    const text = (value: unknown) => (typeof value === 'string' ? storableText(value) : null);
    await this.inbox.query(
      `INSERT INTO webhook_inbox (event, event_ts, account_id, zoom_user_id, dedupe_key, body, status, attempts, last_error)
       VALUES ($1, $2, $3, $4, $5, '{}', 'rejected', 1, $6)
       ON CONFLICT (dedupe_key) DO UPDATE SET attempts = webhook_inbox.attempts + 1, last_error = EXCLUDED.last_error, updated_at = now()
         WHERE webhook_inbox.status = 'rejected'`,
      // Its own key: were Zoom to send a storable event of the same name, time and ids, that one would still be stored.
      [text(envelope.event), envelope.event_ts, text(envelope.payload.account_id), text(zoomUserOf(envelope)), `rejected:${webhookDedupeKey(envelope)}`, storableText(reason)],
    );
  }

  /**
   * Queues the row's job together with the others stored in the same tick: one Redis round trip for a burst.
   * A row whose job could not be queued (Redis down or slow) stays `received`; the sweeper queues it later.
   */
  queueSoon(job: WebhookJob): void {
    this.pendingJobs.push(job);
    if (this.pendingJobs.length === 1) setImmediate(() => void this.enqueue(this.pendingJobs.splice(0)));
  }

  /** Bounded in time, because BullMQ waits for Redis indefinitely and the sweeper covers what did not get in. */
  async enqueue(batch: WebhookJob[]): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
    });
    try {
      const jobs = batch.map((data) => ({ name: WEBHOOK_JOB, data, opts: { ...JOB_OPTIONS, jobId: data.inboxId } }));
      await Promise.race([this.queue.addBulk(jobs), timeout]);
      return true;
    } catch (error) {
      this.logger.warn({ inboxIds: batch.map((job) => job.inboxId), err: (error as Error).message }, 'Could not queue Zoom events; the sweeper will');
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Queues a row again, replacing a finished job of the same id (BullMQ ignores an id it still holds). */
  async requeue(id: string): Promise<boolean> {
    return (await clearFinishedJob(this.queue, id)) && this.enqueue([{ inboxId: id }]);
  }

  find(id: string): Promise<WebhookInboxEntry | null> {
    return this.inbox.findOneBy({ id });
  }

  /** Claims the row for processing, unless another worker finished it already. */
  async claim(id: string): Promise<WebhookInboxEntry | null> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [Array<{ id: string }>, number] = await this.inbox.query(
      `UPDATE webhook_inbox SET status = 'processing', attempts = attempts + 1, updated_at = now()
        WHERE id = $1 AND status IN ('received', 'processing', 'failed') RETURNING id`,
      [id],
    );
    return rows.length > 0 ? this.find(id) : null;
  }

  /** Records how the row ended; resolves to its lag, the seconds since it was stored, on PostgreSQL's one clock. */
  async finish(id: string, status: InboxStatus, error?: string): Promise<number> {
    const [rows]: [Array<{ lag_seconds: number }>, number] = await this.inbox.query(
      `UPDATE webhook_inbox SET status = $2, last_error = $3, processed_at = CASE WHEN $2 = 'failed' THEN NULL ELSE now() END, updated_at = now()
        WHERE id = $1 RETURNING extract(epoch FROM now() - received_at)::float8 AS lag_seconds`,
      [id, status, error ?? null],
    );
    return rows[0]?.lag_seconds ?? 0;
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
      .where(`id = :id AND status IN (:...statuses) AND zoom_user_id = ANY(:zoomUserIds)`, { id, statuses: WITH_ERRORS, zoomUserIds: scope.zoomUserIds })
      .execute();
    if (!result.affected) return false;
    return this.requeue(id);
  }

  /**
   * The backlog and what was given up on, for /metrics: one statement, each part answered by its partial index
   * (pending: its first entry; failed and rejected rows are few), so a scrape costs well under a millisecond of
   * PostgreSQL whatever the inbox holds.
   */
  async backlogAndFailures(): Promise<{ oldestPendingSeconds: number; failed: number; rejected: number }> {
    const [row]: Array<{ oldest_pending_seconds: number | null; failed: number; rejected: number }> = await this.inbox.query(
      `SELECT (SELECT extract(epoch FROM now() - min(updated_at))::float8 FROM webhook_inbox WHERE status IN ('received', 'processing')) AS oldest_pending_seconds,
              (SELECT count(*)::int FROM webhook_inbox WHERE status = 'failed') AS failed,
              (SELECT count(*)::int FROM webhook_inbox WHERE status = 'rejected') AS rejected`,
    );
    return { oldestPendingSeconds: Math.max(0, row.oldest_pending_seconds ?? 0), failed: row.failed, rejected: row.rejected };
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

  /** Inbox counts by status for the events of the given Zoom users (one organisation's). */
  async countsByStatus(scope: InboxScope): Promise<Record<string, number>> {
    const rows: Array<{ status: string; count: string }> = await this.inbox.query(
      `SELECT status, count(*) AS count FROM webhook_inbox WHERE ${SCOPED} GROUP BY status`,
      [scope.zoomUserIds],
    );
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
  }

  async lastReceivedByEvent(scope: InboxScope): Promise<Array<{ event: string; receivedAt: Date }>> {
    const rows: Array<{ event: string; received_at: Date }> = await this.inbox.query(
      `SELECT event, max(received_at) AS received_at FROM webhook_inbox WHERE ${SCOPED} GROUP BY event ORDER BY event`,
      [scope.zoomUserIds],
    );
    return rows.map((row) => ({ event: row.event, receivedAt: row.received_at }));
  }

  /** Events that failed, or were processed without some malformed records: newest first, for the health page. */
  withErrors(scope: InboxScope, limit = 50): Promise<WebhookInboxEntry[]> {
    return this.inbox
      .createQueryBuilder('entry')
      .where(`entry.status IN (:...statuses) AND entry.zoom_user_id = ANY(:zoomUserIds)`, { statuses: WITH_ERRORS, zoomUserIds: scope.zoomUserIds })
      .orderBy('entry.updated_at', 'DESC')
      .take(limit)
      .getMany();
  }

  /** Events refused at intake because PostgreSQL could never store them: newest first, for the health page. */
  rejected(scope: InboxScope, limit = 50): Promise<WebhookInboxEntry[]> {
    return this.inbox
      .createQueryBuilder('entry')
      .where(`entry.status = :status AND entry.zoom_user_id = ANY(:zoomUserIds)`, { status: InboxStatus.REJECTED, zoomUserIds: scope.zoomUserIds })
      .orderBy('entry.updated_at', 'DESC')
      .take(limit)
      .getMany();
  }

  /**
   * app_deauthorized: deletes every stored event about the Zoom user (bodies hold callers' numbers and names) except
   * the app_deauthorized events, which hold only ids and times and stay as the record of the removal.
   */
  async forgetZoomUser(zoomUserId: string): Promise<number> {
    return (await this.inbox.delete({ zoomUserId, event: Not('app_deauthorized') })).affected ?? 0;
  }

  /**
   * Deletes up to `limit` rows finished with (every status but received and processing) whose last change is older
   * than `before`; the retention pruner calls it until it deletes fewer. Rows waiting to be processed are never pruned.
   */
  pruneFinished(before: Date, limit: number): Promise<number> {
    return this.pruneBatch(`status NOT IN ('received', 'processing')`, before, limit);
  }

  /** As pruneFinished, for skipped rows only (events about no connected user), which are kept a shorter time. */
  pruneSkipped(before: Date, limit: number): Promise<number> {
    return this.pruneBatch(`status = 'skipped'`, before, limit);
  }

  /** Deletes up to `limit` rows in `statusCondition` whose last change is older than `before`; the condition matches a partial index's. */
  private async pruneBatch(statusCondition: string, before: Date, limit: number): Promise<number> {
    const result = await this.inbox
      .createQueryBuilder()
      .delete()
      // = ANY(ARRAY(...)): the ids are looked up by primary key; `id IN (SELECT ... LIMIT)` is planned as a scan of the whole table.
      .where(`id = ANY(ARRAY(SELECT id FROM webhook_inbox WHERE ${statusCondition} AND updated_at < :before LIMIT :limit))`, { before, limit })
      .execute();
    return result.affected ?? 0;
  }
}

function settle(rows: PendingRow[], stored: Map<string, string>): void {
  for (const row of rows) {
    // The same event twice in one batch: the first caller gets the row, the second is the repeat it is.
    const id = stored.get(row.dedupeKey) ?? null;
    stored.delete(row.dedupeKey);
    row.resolve(id);
  }
}

function rejectAll(rows: PendingRow[], error: unknown): void {
  const refusal = refusalOf(error);
  for (const row of rows) row.reject(refusal && rows.length === 1 ? new UnstorableEventError(refusal) : (error as Error));
}
