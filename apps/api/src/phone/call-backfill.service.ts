import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { In, LessThan, Repository } from 'typeorm';
import type { Principal } from '../auth';
import { appError, ErrorCode } from '../platform/graphql/errors';
import { LOGGER } from '../platform/logging/logger';
import { logQueueErrors, queueRun } from '../platform/queues/queue-worker';
import { lastDays } from '../platform/queues/resumable-listing';
import { type ConnectedZoomUser, ZoomConnectionService } from '../zoom';
import { CallBackfill, CallSyncStatus } from './entities/call-backfill.entity';

export const BACKFILL_QUEUE = 'zoom-call-backfill';
export const BACKFILL_JOB = 'backfill-calls';
const BACKFILL_DAYS = 30;

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
    await this.backfills.upsert(
      {
        connectionId: connection.id,
        organisationId: connection.organisationId,
        userId: connection.userId,
        status: CallSyncStatus.QUEUED,
        ...lastDays(BACKFILL_DAYS, new Date()),
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

  enqueue(connectionId: string): Promise<void> {
    return queueRun(this.queue, BACKFILL_JOB, connectionId, { connectionId }, this.logger);
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
