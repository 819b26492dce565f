import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { describeRejectedItem, ZoomError, type ZoomPage, type ZoomRecordingMeeting } from '@switchboard/zoom';
import { type Job, UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import { ActivityService } from '../activity';
import { LOGGER } from '../platform/logging/logger';
import { attemptOf, isLastAttempt, QueueWorker, RESUMABLE_RUN_WORKER } from '../platform/queues/queue-worker';
import { attemptFailed, hasEnded, runFailed, runStarted } from '../platform/queues/listing-run';
import { ResumableListing } from '../platform/queues/resumable-listing';
import { type ConnectedZoomUser, hasCloudRecordings, ZoomConnectionService } from '../zoom';
import { RecordingSyncRepository } from './recording-sync.repository';
import { RECORDING_SYNC_JOB, RECORDING_SYNC_QUEUE } from './recording-sync.service';
import { RecordingsService } from './recordings.service';

/**
 * Zoom's default page: each meeting costs a few requests of its own (transcript, summary), so a page is seconds of
 * work, and a killed run loses at most that.
 */
const PAGE_SIZE = 30;

/**
 * Lists a connection's cloud recordings (GET /users/me/recordings, month windows and pacing by libs/zoom) over the
 * run's days and puts each meeting's on its timeline through the same idempotent path as recording.completed, so a
 * meeting seen by a webhook and by a sync is one activity. Progress (counts, and the window and page token to resume
 * from) is saved after every page: a run killed mid-way resumes where it was.
 */
@Processor(RECORDING_SYNC_QUEUE, RESUMABLE_RUN_WORKER)
export class RecordingSyncProcessor extends QueueWorker<{ connectionId: string }> {
  constructor(
    private readonly syncs: RecordingSyncRepository,
    private readonly connections: ZoomConnectionService,
    private readonly activities: ActivityService,
    private readonly recordings: RecordingsService,
    @Inject(LOGGER) logger: Logger,
  ) {
    super(RECORDING_SYNC_QUEUE, RECORDING_SYNC_JOB, logger);
  }

  protected async handle(job: Job<{ connectionId: string }>): Promise<string> {
    const { connectionId } = job.data;
    const sync = await this.syncs.find(connectionId);
    if (!sync || hasEnded(sync)) return 'nothing to do';
    const connection = await this.connections.connectionById(connectionId);
    const unusable = !connection ? 'Zoom was disconnected' : !hasCloudRecordings(connection) ? 'Cloud recordings need a Pro or higher Zoom plan' : null;
    if (!connection || unusable) {
      await this.syncs.save(connectionId, runFailed(unusable));
      return 'nothing to sync';
    }
    await this.syncs.save(connectionId, runStarted(sync));
    try {
      const listing = new ResumableListing(sync);
      let rejected = sync.rejected;
      const remaining = listing.remaining;
      if (remaining) {
        for await (const page of this.connections.apiForConnection(connectionId).listUserRecordings({ ...remaining, pageSize: PAGE_SIZE })) {
          // A page is one use case: each of its activities is announced once.
          rejected += await this.activities.announceOnce(() => this.recordPage(connection, page));
          await this.syncs.save(connectionId, { ...listing.advance(page), rejected });
          await job.updateProgress(listing.percent);
        }
      }
      await this.syncs.finish(connectionId, listing.processed, rejected);
      this.logger.info({ connectionId, processed: listing.processed, rejected, from: sync.rangeFrom, to: sync.rangeTo }, 'Cloud recording sync done');
      return `${listing.processed} recordings`;
    } catch (error) {
      const message = (error as Error).message.slice(0, 1000);
      // A Zoom refusal that is not transient (a scope, the plan) fails the same way on every attempt.
      const permanent = error instanceof ZoomError && !error.isTransient;
      const lastAttempt = permanent || isLastAttempt(job);
      this.logger.warn({ connectionId, attempt: attemptOf(job), permanent, err: message }, 'Cloud recording sync failed');
      await this.syncs.save(connectionId, attemptFailed(message, lastAttempt));
      throw permanent ? new UnrecoverableError(message) : error;
    }
  }

  /**
   * Records each meeting of a page; returns how many were left out. A malformed item, or a recording Zoom refuses
   * (deleted meanwhile, a file it will not give), is named in the log and skipped: otherwise it would fail this run
   * and every later one. A transient failure fails the page, and the run resumes at it.
   */
  private async recordPage(connection: ConnectedZoomUser, page: ZoomPage<ZoomRecordingMeeting>): Promise<number> {
    if (page.rejected.length > 0) {
      this.logger.warn({ connectionId: connection.id, rejected: page.rejected.map(describeRejectedItem) }, 'Zoom recordings left out of a sync page: malformed');
    }
    let refused = 0;
    for (const meeting of page.items) {
      try {
        await this.recordings.record(connection, meeting);
      } catch (error) {
        if (!(error instanceof ZoomError) || error.isTransient) throw error;
        refused += 1;
        this.logger.warn({ connectionId: connection.id, meetingId: meeting.id, kind: error.kind }, 'A cloud recording was left out of the sync: Zoom refused it');
      }
    }
    return page.rejected.length + refused;
  }
}
