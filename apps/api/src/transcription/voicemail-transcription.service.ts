import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { LessThan, Repository } from 'typeorm';
import { type Activity, ActivityService } from '../activity';
import type { Principal } from '../auth';
import { badInput, notFound } from '../platform/graphql/errors';
import { LOGGER } from '../platform/logging/logger';
import { clearFinishedJob, logQueueErrors } from '../platform/queues/queue-worker';
import { TranscriptionState, Voicemail } from './entities/voicemail.entity';

export const TRANSCRIPTION_QUEUE = 'voicemail-transcription';
export const TRANSCRIBE_JOB = 'transcribe';
/** The first try and three retries, with backoff, for failures that may pass (network, 429, 5xx, timeouts). */
export const TRANSCRIPTION_ATTEMPTS = 4;
const BACKOFF_MS = 500;

/** The activity statuses the timeline shows (DESIGN.md §3). */
export const VoicemailStatus = { TRANSCRIBING: 'Transcribing', TRANSCRIBED: 'Transcribed', FAILED: 'Transcription failed' } as const;

export interface NewVoicemail {
  organisationId: string;
  voicemailId: string;
  activityId: string;
  ownerId: string;
  zoomUserId: string;
  downloadUrl: string;
}

/** BullMQ job ids may not contain ':'; the organisation and Zoom's voicemail id make it unique. */
const jobIdOf = (voicemail: Pick<Voicemail, 'organisationId' | 'voicemailId'>) => `vm-${voicemail.organisationId}-${Buffer.from(voicemail.voicemailId).toString('base64url')}`;

/** Where each voicemail's transcription stands, and the queue that does the work. */
@Injectable()
export class VoicemailTranscriptionService {
  constructor(
    @InjectRepository(Voicemail) private readonly voicemails: Repository<Voicemail>,
    @InjectQueue(TRANSCRIPTION_QUEUE) private readonly queue: Queue,
    private readonly activities: ActivityService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    logQueueErrors(queue, logger);
  }

  /**
   * Records a voicemail once however often Zoom announces it; the first time, queues its transcription and marks its
   * activity "Transcribing".
   */
  async register(voicemail: NewVoicemail): Promise<void> {
    const inserted = await this.voicemails
      .createQueryBuilder()
      .insert()
      .into(Voicemail)
      .values({ ...voicemail, status: TranscriptionState.TRANSCRIBING })
      .orIgnore()
      .returning(['voicemail_id'])
      .execute();
    if (inserted.raw.length === 0) return;
    await this.enqueue(voicemail);
    await this.activities.updateById(voicemail.organisationId, voicemail.activityId, { status: VoicemailStatus.TRANSCRIBING });
  }

  /** A job that cannot be queued now (Redis away) is queued by the sweeper: the row says TRANSCRIBING. */
  async enqueue(voicemail: Pick<Voicemail, 'organisationId' | 'voicemailId'>): Promise<void> {
    const jobId = jobIdOf(voicemail);
    if (!(await clearFinishedJob(this.queue, jobId).catch(() => true))) return;
    await this.queue
      .add(
        TRANSCRIBE_JOB,
        { organisationId: voicemail.organisationId, voicemailId: voicemail.voicemailId },
        { jobId, attempts: TRANSCRIPTION_ATTEMPTS, backoff: { type: 'exponential', delay: BACKOFF_MS }, removeOnComplete: 1000, removeOnFail: 5000 },
      )
      .catch((error: Error) => this.logger.warn({ err: error.message }, 'Could not queue a transcription; the sweeper will'));
  }

  find(organisationId: string, voicemailId: string): Promise<Voicemail | null> {
    return this.voicemails.findOneBy({ organisationId, voicemailId });
  }

  async attempted(voicemail: Voicemail): Promise<void> {
    await this.voicemails.increment({ organisationId: voicemail.organisationId, voicemailId: voicemail.voicemailId }, 'attempts', 1);
  }

  async transcribed(voicemail: Voicemail, text: string, language: string | null): Promise<void> {
    await this.voicemails.update({ organisationId: voicemail.organisationId, voicemailId: voicemail.voicemailId }, { status: TranscriptionState.TRANSCRIBED, language, lastError: null });
    await this.activities.updateById(voicemail.organisationId, voicemail.activityId, { transcript: text, status: VoicemailStatus.TRANSCRIBED });
  }

  /** After the last attempt, or at once for a permanent failure: the activity says so and offers Retry. */
  async failed(voicemail: Voicemail, error: string): Promise<void> {
    await this.voicemails.update({ organisationId: voicemail.organisationId, voicemailId: voicemail.voicemailId }, { status: TranscriptionState.FAILED, lastError: error.slice(0, 2000) });
    await this.activities.updateById(voicemail.organisationId, voicemail.activityId, { status: VoicemailStatus.FAILED });
  }

  async noteError(voicemail: Voicemail, error: string): Promise<void> {
    await this.voicemails.update({ organisationId: voicemail.organisationId, voicemailId: voicemail.voicemailId }, { lastError: error.slice(0, 2000) });
  }

  /** "Retry" on a failed transcription: the same voicemail through the queue again. */
  async retry(principal: Principal, activityId: string): Promise<Activity> {
    const activity = await this.activities.get(principal, activityId);
    const voicemail = activity ? await this.voicemails.findOneBy({ organisationId: principal.organisationId, activityId: activity.id }) : null;
    if (!activity || !voicemail) throw notFound('Voicemail');
    if (voicemail.status !== TranscriptionState.FAILED) throw badInput('This voicemail is not waiting for a retry', 'activityId');
    await this.voicemails.update({ organisationId: voicemail.organisationId, voicemailId: voicemail.voicemailId }, { status: TranscriptionState.TRANSCRIBING, attempts: 0 });
    const updated = await this.activities.updateById(principal.organisationId, activity.id, { status: VoicemailStatus.TRANSCRIBING });
    await this.enqueue(voicemail);
    return updated ?? activity;
  }

  /** Voicemails whose transcription has been running too long: their job was lost (Redis restarted, a worker died). */
  unfinished(before: Date, limit: number): Promise<Voicemail[]> {
    return this.voicemails.find({ where: { status: TranscriptionState.TRANSCRIBING, updatedAt: LessThan(before) }, order: { updatedAt: 'ASC' }, take: limit });
  }

  async touch(voicemail: Voicemail): Promise<void> {
    await this.voicemails.update({ organisationId: voicemail.organisationId, voicemailId: voicemail.voicemailId }, { updatedAt: new Date() });
  }

  /** Failed transcriptions of these Zoom users, with their error, for the integration health page. */
  failedFor(organisationId: string, limit = 50): Promise<Voicemail[]> {
    return this.voicemails.find({ where: { organisationId, status: TranscriptionState.FAILED }, order: { updatedAt: 'DESC' }, take: limit });
  }
}
