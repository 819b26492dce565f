import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { readZoomDownload, ZoomError, ZoomNotFoundError } from '@switchboard/zoom';
import { type Job, UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import { LOGGER } from '../platform/logging/logger';
import { attemptOf, isLastAttempt, PAID_CALL_JOB_LOCKS, QueueWorker } from '../platform/queues/queue-worker';
import { ZoomConnectionService } from '../zoom';
import { TranscriptionState, type Voicemail } from './entities/voicemail.entity';
import { MAX_TRANSCRIPTION_BYTES, PermanentTranscriptionError, Transcriber } from './transcriber';
import { TRANSCRIBE_JOB, TRANSCRIPTION_QUEUE, VoicemailTranscriptionService } from './voicemail-transcription.service';

/**
 * Voicemail audio -> transcript. The audio is read from Zoom into memory, handed to the transcriber and dropped:
 * no temporary file, no column, no log line ever holds it.
 */
// Jobs of tens of seconds, paid per call: a lock with a wider margin against transcribing twice (PAID_CALL_JOB_LOCKS).
@Processor(TRANSCRIPTION_QUEUE, { concurrency: 4, ...PAID_CALL_JOB_LOCKS })
export class VoicemailTranscriptionProcessor extends QueueWorker<{ organisationId: string; voicemailId: string }> {
  constructor(
    private readonly voicemails: VoicemailTranscriptionService,
    private readonly connections: ZoomConnectionService,
    private readonly transcriber: Transcriber,
    @Inject(LOGGER) logger: Logger,
  ) {
    super(TRANSCRIPTION_QUEUE, TRANSCRIBE_JOB, logger);
  }

  protected async handle(job: Job<{ organisationId: string; voicemailId: string }>): Promise<string> {
    const voicemail = await this.voicemails.find(job.data.organisationId, job.data.voicemailId);
    if (!voicemail || voicemail.status !== TranscriptionState.TRANSCRIBING) return 'nothing to do';
    await this.voicemails.attempted(voicemail);
    try {
      const { text, language } = await this.transcriber.transcribe(await this.download(voicemail), `voicemail-${voicemail.voicemailId}.mp3`, undefined);
      await this.voicemails.transcribed(voicemail, text, language);
      this.logger.info({ activityId: voicemail.activityId, attempt: attemptOf(job) }, 'Voicemail transcribed');
      return 'transcribed';
    } catch (error) {
      const message = (error as Error).message;
      // A Zoom failure that is not transient (refused, misconfigured) fails the same way on every attempt.
      const permanent = error instanceof PermanentTranscriptionError || (error instanceof ZoomError && !error.isTransient);
      const lastAttempt = permanent || isLastAttempt(job);
      this.logger.warn({ activityId: voicemail.activityId, attempt: attemptOf(job), permanent, err: message }, 'Voicemail transcription failed');
      if (lastAttempt) await this.voicemails.failed(voicemail, message);
      else await this.voicemails.noteError(voicemail, message);
      throw permanent ? new UnrecoverableError(message) : error;
    }
  }

  /** The voicemail's bytes, with its owner's Zoom token; kept in memory only, and refused past the upload limit. */
  private async download(voicemail: Voicemail): Promise<Buffer> {
    const connection = await this.connections.connectedZoomUser(voicemail.zoomUserId);
    if (!connection) throw new PermanentTranscriptionError('Zoom is not connected for this voicemail\u2019s owner any more; reconnect Zoom, then Retry');
    let download;
    try {
      download = await this.connections.apiForConnection(connection.id).download(voicemail.downloadUrl, { kind: 'voicemail' });
    } catch (error) {
      if (error instanceof ZoomNotFoundError) throw new PermanentTranscriptionError('The voicemail was deleted in Zoom (404); there is nothing to transcribe');
      throw error;
    }
    const audio = await readZoomDownload(download, MAX_TRANSCRIPTION_BYTES);
    if (!audio) throw new PermanentTranscriptionError('The voicemail is over the transcription limit of 25 MB');
    return audio;
  }
}
