import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Interval, SchedulerRegistry } from '@nestjs/schedule';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { LOGGER } from '../platform/logging/logger';
import { ifLockFree } from '../platform/queues/advisory-lock';
import { hasCloudRecordings, ZoomConnectionService } from '../zoom';
import { RecordingSyncRepository } from './recording-sync.repository';
import { RecordingSyncService } from './recording-sync.service';

/** pg_advisory_xact_lock keys: "recording-sync-scheduler" and "recording-sync-lost-runs". */
const SCHEDULE_LOCK = 7_246_143_903;
const LOST_RUN_LOCK = 7_246_143_904;
const LOST_RUN_CHECK_MS = 60_000;
const SCHEDULE_INTERVAL = 'recording-sync-schedule';

/**
 * The self-healing of cloud recordings: every RECORDING_SYNC_INTERVAL_SECONDS each worker's tick queues an
 * incremental run for every connected user whose plan has cloud recordings; the processor does the work. Ticks
 * fall into fixed slots of the interval (counted from the epoch), and a run that covers the current slot's start
 * is not queued again, so however many workers tick, each slot queues one run per connection; the advisory lock
 * makes the ticks take turns.
 */
@Injectable()
export class RecordingSyncScheduler implements OnApplicationBootstrap {
  private readonly intervalMs: number;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly dataSource: DataSource,
    private readonly syncs: RecordingSyncService,
    private readonly runs: RecordingSyncRepository,
    private readonly connections: ZoomConnectionService,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.intervalMs = config.recordingSyncIntervalSeconds * 1000;
  }

  /** The interval is configured, so it is registered here rather than with @Interval; Nest clears it at shutdown. */
  onApplicationBootstrap(): void {
    this.registry.addInterval(
      SCHEDULE_INTERVAL,
      setInterval(() => void this.tick().catch((error: Error) => this.logger.warn({ err: error.message }, 'Recording sync tick failed; next time')), this.intervalMs),
    );
  }

  /** Queues the due incremental runs; returns how many (0 when another worker holds the lock). */
  tick(now = new Date()): Promise<number> {
    const slotStart = new Date(Math.floor(now.getTime() / this.intervalMs) * this.intervalMs);
    return ifLockFree(this.dataSource, SCHEDULE_LOCK, 0, async () => {
      let queued = 0;
      for (const connection of await this.connections.listConnected()) {
        // Basic plans have no cloud recordings: then no recording request is ever made.
        if (hasCloudRecordings(connection) && (await this.syncs.scheduleIncremental(connection, slotStart, now))) queued += 1;
      }
      if (queued > 0) this.logger.info({ queued }, 'Incremental cloud recording syncs queued');
      return queued;
    });
  }

  /** A run whose job was lost (Redis restarted while it waited) is queued again; queueing is a no-op for a live one. */
  @Interval(LOST_RUN_CHECK_MS)
  async requeueLostRuns(): Promise<void> {
    await ifLockFree(this.dataSource, LOST_RUN_LOCK, undefined, async () => {
      for (const run of await this.runs.stalled(new Date(Date.now() - LOST_RUN_CHECK_MS))) await this.syncs.enqueue(run.connectionId);
    }).catch((error: Error) => this.logger.warn({ err: error.message }, 'Recording sync lost-run check failed; next time'));
  }
}
