import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { callPathFromHistory } from '@switchboard/crm-domain';
import { describeRejectedItem, type ZoomCallHistoryRecord, type ZoomPage } from '@switchboard/zoom';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { ActivityService } from '../activity';
import { LOGGER } from '../platform/logging/logger';
import { attemptOf, isLastAttempt, QueueWorker, RESUMABLE_RUN_WORKER } from '../platform/queues/queue-worker';
import { attemptFailed, hasEnded, runFailed, runStarted } from '../platform/queues/listing-run';
import { ResumableListing } from '../platform/queues/resumable-listing';
import { ZoomConnectionService } from '../zoom';
import { callOwnerOf } from './call-activity';
import { CallBackfillService, BACKFILL_JOB, BACKFILL_QUEUE } from './call-backfill.service';
import { CallLogService } from './call-log.service';
import { CallSyncStatus } from './entities/call-backfill.entity';
import { VoicemailHandler } from './voicemail.handler';

const LOST_RUN_CHECK_MS = 60_000;
/** Pages written at once while the next are fetched. */
const PAGES_IN_FLIGHT = 3;

/**
 * Brings a connection's last 30 days of Zoom call history (then its voicemails) onto the timelines through the
 * current call history API, a page at a time. Progress (counts, and the window and page token to resume from) is saved after every page, so a run killed
 * mid-way resumes where it was; every call goes through the same idempotent logging as the webhooks, so a call
 * seen twice (a resumed page, a webhook at the same moment) is still one activity.
 */
@Processor(BACKFILL_QUEUE, RESUMABLE_RUN_WORKER)
export class CallBackfillProcessor extends QueueWorker<{ connectionId: string }> {
  constructor(
    private readonly backfills: CallBackfillService,
    private readonly connections: ZoomConnectionService,
    private readonly activities: ActivityService,
    private readonly calls: CallLogService,
    private readonly voicemails: VoicemailHandler,
    @Inject(LOGGER) logger: Logger,
  ) {
    super(BACKFILL_QUEUE, BACKFILL_JOB, logger);
  }

  protected async handle(job: Job<{ connectionId: string }>): Promise<string> {
    const { connectionId } = job.data;
    const backfill = await this.backfills.find(connectionId);
    if (!backfill || hasEnded(backfill)) return 'nothing to do';
    const connection = await this.connections.connectionById(connectionId);
    if (!connection) {
      await this.backfills.save(connectionId, runFailed('Zoom was disconnected'));
      return 'disconnected';
    }
    const api = this.connections.apiForConnection(connectionId);
    await this.backfills.save(connectionId, runStarted(backfill));
    try {
      const listing = new ResumableListing(backfill);
      let rejected = backfill.rejected;
      const owner = callOwnerOf(connection);
      // A malformed record is left out of its page and named in the log; its siblings are logged all the same.
      const reportRejected = (page: Pick<ZoomPage<unknown>, 'rejected'>, list: string) => {
        if (page.rejected.length === 0) return;
        rejected += page.rejected.length;
        this.logger.warn({ connectionId, list, rejected: page.rejected.map(describeRejectedItem) }, 'Zoom records left out of a backfill page: malformed');
      };
      // Resumed after its last page was saved: nothing is left to list.
      const remaining = listing.remaining;
      const pages: AsyncIterable<ZoomPage<ZoomCallHistoryRecord>> = remaining ? api.listCallHistory(remaining) : (async function* () {})();
      const saveProgress = async (page: ZoomPage<ZoomCallHistoryRecord>) => {
        reportRejected(page, 'call history');
        await this.backfills.save(connectionId, { ...listing.advance(page), rejected });
        await job.updateProgress(listing.percent);
      };
      // Zoom's limit paces the fetching, so pages are written while the next are fetched, several at once; a page's
      // progress is saved once it and every page before it are written, so a resumed run skips written pages only.
      let progressSaved: Promise<void> = Promise.resolve();
      const writing = new Set<Promise<void>>();
      let failed = false;
      try {
        for await (const page of pages) {
          if (failed) break;
          // A page is one use case: each of its activities is announced once.
          const written = this.activities.announceOnce(() => this.calls.logCalls(connection, page.items.map((record) => callPathFromHistory(record, owner)).filter((path) => path !== null)));
          progressSaved = Promise.all([written, progressSaved]).then(() => saveProgress(page));
          const slot: Promise<void> = progressSaved
            .catch(() => {
              failed = true;
            })
            .finally(() => writing.delete(slot));
          writing.add(slot);
          while (writing.size >= PAGES_IN_FLIGHT) await Promise.race(writing);
        }
      } finally {
        await Promise.all(writing);
      }
      // Throws what failed a page, if one did.
      await progressSaved;
      // The same range's voicemails too: each is recorded and transcribed once, however often it is seen.
      for await (const page of api.listVoicemails({ from: backfill.rangeFrom, to: backfill.rangeTo })) {
        await this.activities.announceOnce(async () => {
          for (const voicemail of page.items) await this.voicemails.receive(connection, voicemail);
        });
        reportRejected(page, 'voicemails');
      }
      const { processed } = listing;
      await this.backfills.save(connectionId, { status: CallSyncStatus.DONE, total: processed, rejected, finishedAt: new Date(), resumeFrom: null, resumePageToken: null });
      this.logger.info({ connectionId, processed }, 'Call history backfill done');
      return `${processed} calls`;
    } catch (error) {
      const message = (error as Error).message.slice(0, 1000);
      const lastAttempt = isLastAttempt(job);
      this.logger.warn({ connectionId, attempt: attemptOf(job), err: message }, 'Call history backfill failed');
      await this.backfills.save(connectionId, attemptFailed(message, lastAttempt));
      throw error;
    }
  }

  /** A run whose job was lost (Redis restarted while it waited) is queued again; queueing is a no-op for a live one. */
  @Interval(LOST_RUN_CHECK_MS)
  async requeueLostRuns(): Promise<void> {
    const lost = await this.backfills.stalled(new Date(Date.now() - LOST_RUN_CHECK_MS)).catch(() => []);
    for (const backfill of lost) await this.backfills.enqueue(backfill.connectionId);
  }
}
