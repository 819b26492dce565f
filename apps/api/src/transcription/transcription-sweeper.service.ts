import { Inject, Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { LOGGER } from '../platform/logging/logger';
import { ifLockFree } from '../platform/queues/advisory-lock';
import { VoicemailTranscriptionService } from './voicemail-transcription.service';

const SWEEP_EVERY_MS = 30_000;
/** Longer than any attempt with its backoff: a voicemail transcribing this long has lost its job. */
const STUCK_AFTER_MS = 5 * 60_000;
/** pg_advisory_xact_lock key: "voicemail-transcription-sweeper". */
const SWEEP_LOCK = 7_246_143_902;

/** Re-queues voicemails whose transcription job was lost, so none is ever silently left "Transcribing". */
@Injectable()
export class TranscriptionSweeperService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly voicemails: VoicemailTranscriptionService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Interval(SWEEP_EVERY_MS)
  async scheduledSweep(): Promise<void> {
    await this.sweep().catch((error: Error) => this.logger.warn({ err: error.message }, 'Transcription sweep failed; next time'));
  }

  async sweep(now = new Date()): Promise<number> {
    return ifLockFree(this.dataSource, SWEEP_LOCK, 0, async () => {
      const stuck = await this.voicemails.unfinished(new Date(now.getTime() - STUCK_AFTER_MS), 200);
      for (const voicemail of stuck) {
        await this.voicemails.touch(voicemail);
        await this.voicemails.enqueue(voicemail);
      }
      if (stuck.length > 0) this.logger.info({ requeued: stuck.length }, 'Transcription sweeper re-queued voicemails');
      return stuck.length;
    });
  }
}
