import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { In, LessThan, Repository } from 'typeorm';
import type { Principal } from '../auth';
import { appError, ErrorCode } from '../platform/graphql/errors';
import { LOGGER } from '../platform/logging/logger';
import { clearFinishedJob, logQueueErrors } from '../platform/queues/queue-worker';
import { type ConnectedZoomUser, ZoomConnectionService } from '../zoom';
import { CallBackfill, CallSyncStatus } from './entities/call-backfill.entity';

export const BACKFILL_QUEUE = 'zoom-call-backfill';
export const BACKFILL_JOB = 'backfill-calls';
const BACKFILL_DAYS = 30;
const DAY_MS = 86_400_000;

const zoomDay = (date: Date) => date.toISOString().slice(0, 10);

/** Call-history backfills: queued on first connect and by "Sync calls", one at a time per connection. */
@Injectable()
export class CallBackfillService implements OnModuleInit {
  constructor(
    @InjectRepository(CallBackfill) private readonly backfills: Repository<CallBackfill>,
    @InjectQueue(BACKFILL_QUEUE) private readonly queue: Queue,
    private readonly connections: ZoomConnectionService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    logQueueErrors(queue, logger);
  }

  onModuleInit(): void {
    // A freshly connected Zoom Phone user gets the last 30 days of calls without asking.
    this.connections.onConnected(async (connection) => {
      if (connection.phoneNumber || connection.phoneExtension) await this.start(connection);
    });
  }

  /** "Sync calls" on the Zoom card. */
  async sync(principal: Principal): Promise<CallBackfill> {
    const connection = await this.connections.connectedFor(principal);
    if (!connection.phoneNumber && !connection.phoneExtension) {
      throw appError(ErrorCode.ZOOM_PLAN_REQUIRED, 'Your Zoom account has no Zoom Phone licence, so there are no calls to sync');
    }
    return this.start(connection);
  }

  async progress(principal: Principal): Promise<CallBackfill | null> {
    const connection = await this.connections.connectedFor(principal).catch(() => null);
    return connection ? this.backfills.findOneBy({ connectionId: connection.id }) : null;
  }

  /** Queues a run over the last 30 days unless one is queued or running; resumable state starts afresh. */
  async start(connection: ConnectedZoomUser): Promise<CallBackfill> {
    const running = await this.backfills.findOneBy({ connectionId: connection.id, status: In([CallSyncStatus.QUEUED, CallSyncStatus.RUNNING]) });
    if (running) return running;
    const now = new Date();
    await this.backfills.upsert(
      {
        connectionId: connection.id,
        organisationId: connection.organisationId,
        userId: connection.userId,
        status: CallSyncStatus.QUEUED,
        rangeFrom: zoomDay(new Date(now.getTime() - (BACKFILL_DAYS - 1) * DAY_MS)),
        rangeTo: zoomDay(now),
        resumeFrom: null,
        resumePageToken: null,
        processed: 0,
        rejected: 0,
        total: null,
        error: null,
        startedAt: null,
        finishedAt: null,
      },
      ['connectionId'],
    );
    await this.enqueue(connection.id);
    this.logger.info({ connectionId: connection.id }, 'Call history backfill queued');
    return this.backfills.findOneByOrFail({ connectionId: connection.id });
  }

  async enqueue(connectionId: string): Promise<void> {
    if (!(await clearFinishedJob(this.queue, connectionId).catch(() => true))) return;
    await this.queue
      .add(BACKFILL_JOB, { connectionId }, { jobId: connectionId, attempts: 5, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: 100, removeOnFail: 100 })
      .catch((error: Error) => this.logger.warn({ err: error.message }, 'Could not queue a backfill; the sweeper will'));
  }

  find(connectionId: string): Promise<CallBackfill | null> {
    return this.backfills.findOneBy({ connectionId });
  }

  async save(connectionId: string, changes: Partial<CallBackfill>): Promise<void> {
    await this.backfills.update({ connectionId }, changes);
  }

  /** Runs whose job was lost (Redis restarted): queued or running, and silent for a while. */
  stalled(before: Date): Promise<CallBackfill[]> {
    return this.backfills.find({ where: { status: In([CallSyncStatus.QUEUED, CallSyncStatus.RUNNING]), updatedAt: LessThan(before) } });
  }
}
