import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { Principal } from '../auth';
import { appError, ErrorCode } from '../platform/graphql/errors';
import { LOGGER } from '../platform/logging/logger';
import { logQueueErrors, queueRun } from '../platform/queues/queue-worker';
import { lastDays, zoomDay } from '../platform/queues/resumable-listing';
import { type ConnectedZoomUser, hasCloudRecordings, ZoomConnectionService } from '../zoom';
import type { RecordingSync } from './entities/recording-sync.entity';
import { RecordingSyncRepository, type RecordingSyncRun } from './recording-sync.repository';

export const RECORDING_SYNC_QUEUE = 'zoom-recording-sync';
export const RECORDING_SYNC_JOB = 'sync-recordings';
/** "Sync recordings" sweeps this many days. */
const SWEEP_DAYS = 30;
/**
 * How far before the last run's end an incremental run lists again. Zoom lists a recording by its meeting's start
 * day, and only once it is processed (about the meeting's length again after it ends): a meeting that began before
 * the last run and was listed after it is caught when its duration and processing together stay under this.
 */
const INCREMENTAL_OVERLAP_MS = 6 * 3_600_000;
/** A connection's first incremental run lists the last day; older recordings are "Sync recordings"' to find. */
const FIRST_RUN_LOOKBACK_MS = 86_400_000;

/**
 * Runs that bring a connection's Zoom cloud recordings onto the timelines, one at a time per connection: the
 * 30-day sweep ("Sync recordings") and the scheduler's incremental runs, which a lost webhook heals through.
 */
@Injectable()
export class RecordingSyncService implements OnModuleInit {
  constructor(
    private readonly syncs: RecordingSyncRepository,
    @InjectQueue(RECORDING_SYNC_QUEUE) private readonly queue: Queue,
    private readonly connections: ZoomConnectionService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    logQueueErrors(queue, logger);
  }

  onModuleInit(): void {
    // A freshly connected user on a paid plan gets the last 30 days of recordings without asking, as calls do.
    this.connections.onConnected(async (connection) => {
      if (hasCloudRecordings(connection)) await this.startSweep(connection);
    });
  }

  /** "Sync recordings" on the Zoom card: the last 30 days; a run already queued or running is the answer instead. */
  async sweep(principal: Principal): Promise<RecordingSync> {
    const connection = await this.connections.connectedFor(principal);
    // Basic plans have no cloud recordings: then no recording request is ever made.
    if (!hasCloudRecordings(connection)) throw appError(ErrorCode.ZOOM_PLAN_REQUIRED, 'Cloud recordings need a Pro or higher Zoom plan');
    return this.startSweep(connection);
  }

  private async startSweep(connection: ConnectedZoomUser): Promise<RecordingSync> {
    const now = new Date();
    if (await this.syncs.queue(connection, { ...lastDays(SWEEP_DAYS, now), coversThrough: now })) {
      await this.enqueue(connection.id);
      this.logger.info({ connectionId: connection.id }, 'Cloud recording sweep queued');
    }
    return (await this.syncs.find(connection.id))!;
  }

  /** The caller's latest run, or null (none yet, or Zoom not connected). */
  async latest(principal: Principal): Promise<RecordingSync | null> {
    const connection = await this.connections.connectedFor(principal).catch(() => null);
    return connection ? this.syncs.find(connection.id) : null;
  }

  /**
   * The scheduler's run for the tick that began at `tickStart`: from where the runs so far have covered (less the
   * overlap) to now. Nothing when a run is queued or running, or when one since `tickStart` already covers it
   * (another worker's tick). True when a run was queued.
   */
  async scheduleIncremental(connection: ConnectedZoomUser, tickStart: Date, now = new Date()): Promise<boolean> {
    const current = await this.syncs.find(connection.id);
    const from = current?.lastSyncedThrough ? new Date(current.lastSyncedThrough.getTime() - INCREMENTAL_OVERLAP_MS) : new Date(now.getTime() - FIRST_RUN_LOOKBACK_MS);
    const run: RecordingSyncRun = { rangeFrom: zoomDay(from), rangeTo: zoomDay(now), coversThrough: now };
    if (!(await this.syncs.queue(connection, run, tickStart))) return false;
    await this.enqueue(connection.id);
    return true;
  }

  enqueue(connectionId: string): Promise<void> {
    return queueRun(this.queue, RECORDING_SYNC_JOB, connectionId, { connectionId }, this.logger);
  }
}
