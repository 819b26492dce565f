import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { ActivityService } from '../activity';
import { LOGGER } from '../platform/logging/logger';
import { isLastAttempt, QUICK_JOB_LOCKS, QueueWorker } from '../platform/queues/queue-worker';
import { RecordingsService, SUMMARY_JOB, SUMMARY_QUEUE, type SummaryJob } from './recordings.service';

/** Asks Zoom again for an AI Companion summary that was not ready, with backoff, until it is or the tries run out (NONE). */
// One Zoom request a job: short locks, so a killed worker's fetches run again within seconds.
@Processor(SUMMARY_QUEUE, { concurrency: 2, ...QUICK_JOB_LOCKS })
export class RecordingSummaryProcessor extends QueueWorker<SummaryJob> {
  constructor(
    private readonly recordings: RecordingsService,
    private readonly activities: ActivityService,
    @Inject(LOGGER) logger: Logger,
  ) {
    super(SUMMARY_QUEUE, SUMMARY_JOB, logger);
  }

  protected handle(job: Job<SummaryJob>): Promise<string> {
    return this.activities.announceOnce(() => this.recordings.retrySummary(job.data.activityId, isLastAttempt(job)));
  }
}
