import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  ActivityType,
  meetingActivityKey,
  parseVtt,
  recordingActivityKey,
  recordingAttachmentTitle,
  type RecordingAttachmentKind,
  recordingFileKind,
  transcriptText,
} from '@switchboard/crm-domain';
import { readZoomDownload, type ZoomApiClient, ZoomError, ZoomNotFoundError, type ZoomRecordingFile, type ZoomRecordingMeeting } from '@switchboard/zoom';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { type Activity, ActivityService } from '../activity';
import type { Principal } from '../auth';
import { ContactsService, DealsService } from '../crm';
import { badInput, notFound } from '../platform/graphql/errors';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { LOGGER } from '../platform/logging/logger';
import { logQueueErrors } from '../platform/queues/queue-worker';
import { type ConnectedZoomUser, ZoomConnectionService, type ZoomConnectionSummary } from '../zoom';
import { CloudRecordingRepository } from './cloud-recording.repository';
import { type CloudRecording, RecordingSummaryStatus } from './entities/cloud-recording.entity';

/** A VTT larger than this is not a meeting transcript we keep (Zoom's are a few hundred kB for hours). */
const MAX_TRANSCRIPT_BYTES = 10 * 1024 * 1024;

export const SUMMARY_QUEUE = 'zoom-meeting-summary';
export const SUMMARY_JOB = 'fetch-meeting-summary';
/** Asked again MEETING_SUMMARY_RETRY_SECONDS (1 minute) after the first try, then 2, 4 and 8 times as long: Zoom usually has it within minutes, or never. */
const SUMMARY_ATTEMPTS = 4;

/**
 * Where a cloud recording file opens: the api's playback proxy (it checks the viewer and streams from Zoom with
 * the host's token; nothing of the media is stored). The file id keeps each file's link, and so its attachment, unique.
 */
export const cloudRecordingUrl = (activityId: string, fileId: string) => `/media/cloud-recordings/${activityId}/${encodeURIComponent(fileId)}`;
/** Where the AI Companion summary of a recording opens as text. */
export const meetingSummaryUrl = (activityId: string) => `/media/cloud-recordings/${activityId}/summary`;

/** A meeting instance's cloud recording as it reached us (a recording.* event's object, or a REST listing). */
export type RecordedMeeting = Pick<ZoomRecordingMeeting, 'id' | 'uuid' | 'topic' | 'start_time' | 'duration' | 'recording_files'>;
/** A meeting instance as any of its Zoom messages name it. */
type MeetingInstance = Pick<RecordedMeeting, 'id' | 'uuid' | 'topic' | 'start_time' | 'duration'>;
/** An AI Companion summary, from meeting.summary_completed or GET /meetings/{uuid}/meeting_summary. */
interface MeetingSummary {
  summary_overview?: string | null;
  next_steps?: string[] | null;
}

/** Zoom makes a summary within minutes of the end; for a meeting found a day later (a sync), "not there" means none. */
const SUMMARY_WAIT_MS = 86_400_000;

function endedRecently(meeting: MeetingInstance): boolean {
  const endsAt = Date.parse(meeting.start_time ?? '') + (meeting.duration ?? 0) * 60_000;
  return Number.isNaN(endsAt) || Date.now() - endsAt < SUMMARY_WAIT_MS;
}

export interface SummaryJob {
  activityId: string;
}

/**
 * Cloud recordings on the timeline: one RECORDING activity per meeting instance, on the contact (and deal) of the
 * meeting's MEETING activity (or, for a meeting booked in Zoom, of its first invitee who is a contact), with one
 * attachment per file, the transcript as text and timed cues, and the AI Companion summary. Every step is
 * idempotent (keyed by the meeting UUID and each file's id), so redeliveries and any order of Zoom's events leave
 * one activity with each file once.
 */
@Injectable()
export class RecordingsService implements OnModuleInit {
  constructor(
    private readonly activities: ActivityService,
    private readonly connections: ZoomConnectionService,
    private readonly contacts: ContactsService,
    private readonly deals: DealsService,
    private readonly recordings: CloudRecordingRepository,
    @InjectQueue(SUMMARY_QUEUE) private readonly summaryQueue: Queue<SummaryJob>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    logQueueErrors(summaryQueue, logger);
  }

  onModuleInit(): void {
    this.connections.onDeauthorized((connection) => this.keepDetachedAsMetadata(connection));
  }

  /** `downloadToken`: the event's download_token (lets the transcript download skip the host's token). */
  async record(connection: ConnectedZoomUser, meeting: RecordedMeeting, downloadToken?: string | null): Promise<Activity> {
    const { organisationId } = connection;
    const { activity, recording } = await this.ensureRecording(connection, meeting, `Recording: ${meeting.topic || 'Zoom meeting'}`);
    let api: ZoomApiClient | null = null;
    const zoomApi = () => (api ??= this.connections.apiForConnection(connection.id));

    for (const file of meeting.recording_files) {
      const kind = recordingFileKind(file.file_type);
      // Zoom lists a file still being processed before it can be read; its own event comes when it can.
      if (!kind || kind === 'summary' || file.status === 'processing') continue;
      await this.recordings.saveFile({ organisationId, fileId: file.id, activityId: activity.id, kind, zoomUserId: connection.zoomUserId, downloadUrl: file.download_url });
      await this.attach(organisationId, activity, kind, cloudRecordingUrl(activity.id, file.id));
      if (kind === 'transcript' && recording.transcriptCues.length === 0) await this.keepTranscript(zoomApi(), activity, file, downloadToken);
    }
    if (recording.summaryStatus === null || recording.summaryStatus === RecordingSummaryStatus.PENDING) await this.fetchSummary(zoomApi(), activity, meeting.uuid, endedRecently(meeting) ? 'retry' : 'none');
    return activity;
  }

  /** meeting.summary_completed: Zoom sends the summary itself; the instance gets its RECORDING entry if it has none yet. */
  async summaryCompleted(connection: ConnectedZoomUser, meeting: MeetingInstance, summary: MeetingSummary): Promise<void> {
    const { activity } = await this.ensureRecording(connection, meeting, `Meeting summary: ${meeting.topic || 'Zoom meeting'}`);
    if (!(await this.applySummary(activity, summary))) await this.fetchSummary(this.connections.apiForConnection(connection.id), activity, meeting.uuid, 'retry');
  }

  /** A queued retry of a summary Zoom did not have yet; throws to be retried while it is still not there. */
  async retrySummary(activityId: string, lastAttempt: boolean): Promise<string> {
    const recording = await this.recordings.find(activityId);
    if (recording?.summaryStatus !== RecordingSummaryStatus.PENDING) return 'settled';
    const connection = await this.connections.connectedZoomUser(recording.zoomUserId);
    const activity = (await this.activities.findMany(recording.organisationId, [activityId]))[0];
    if (!connection || !activity) return 'gone';
    const status = await this.fetchSummary(this.connections.apiForConnection(connection.id), activity, recording.meetingUuid, 'stay pending');
    if (status !== RecordingSummaryStatus.PENDING) return status;
    if (lastAttempt) {
      await this.recordings.setSummaryStatus(activityId, RecordingSummaryStatus.NONE);
      await this.activities.touch(activity.organisationId, activity.id);
      return RecordingSummaryStatus.NONE;
    }
    throw new Error('The meeting summary is not ready at Zoom yet');
  }

  /** "Move to contact" / "Move to deal": a deal brings its contact; another contact leaves the deal behind. */
  async move(principal: Principal, activityId: string, contactId?: string | null, dealId?: string | null): Promise<Activity> {
    if (!contactId && !dealId) throw badInput('Give the contactId or the dealId to move the recording to', 'contactId');
    const activity = await this.recordingActivity(principal, activityId);
    const deal = dealId ? await this.deals.getOrThrow(principal, dealId) : null;
    const contact = contactId ? await this.contacts.getOrThrow(principal, contactId) : null;
    if (deal && contact && deal.contactId && deal.contactId !== contact.id) throw badInput('That deal belongs to another contact', 'dealId');
    const target = {
      contactId: contact?.id ?? deal?.contactId ?? activity.contactId,
      dealId: deal?.id ?? (contact && contact.id !== activity.contactId ? null : activity.dealId),
    };
    await this.recordings.setDetached(activity.id, false);
    return this.activities.relink(principal.organisationId, activity.id, target);
  }

  /** "Detach": off its contact and deal, into Unmatched, kept as a record of its own (even past app_deauthorized). */
  async detach(principal: Principal, activityId: string): Promise<Activity> {
    const activity = await this.recordingActivity(principal, activityId);
    await this.recordings.setDetached(activity.id, true);
    return this.activities.relink(principal.organisationId, activity.id, { contactId: null, dealId: null });
  }

  /** The recordings behind these activities of the organisation, in one query (GraphQL fields of a page of RECORDING activities). */
  recordingsOf(organisationId: string, activityIds: string[]): Promise<CloudRecording[]> {
    return this.recordings.findMany(organisationId, activityIds);
  }

  findFile(organisationId: string, fileId: string) {
    return this.recordings.findFile(organisationId, fileId);
  }

  private async recordingActivity(principal: Principal, activityId: string): Promise<Activity> {
    const activity = await this.activities.get(principal, activityId);
    if (!activity || activity.type !== ActivityType.RECORDING) throw notFound('Recording');
    return activity;
  }

  /**
   * The instance's RECORDING activity and its recording row, made on first sight by whichever Zoom message comes
   * first. It goes where the meeting's MEETING activity is; a meeting booked in Zoom goes to its first invitee who
   * is a contact, else to Unmatched.
   */
  private async ensureRecording(connection: ConnectedZoomUser, meeting: MeetingInstance, title: string): Promise<{ activity: Activity; recording: CloudRecording }> {
    const { organisationId } = connection;
    const meetingActivity = await this.activities.findByZoomRef(organisationId, meetingActivityKey(meeting.id));
    const startedAt = meeting.start_time ? new Date(meeting.start_time) : null;
    const { activity, created } = await this.activities.upsertByZoomRef(
      {
        organisationId,
        type: ActivityType.RECORDING,
        occurredAt: startedAt && !Number.isNaN(startedAt.getTime()) ? startedAt : (meetingActivity?.occurredAt ?? new Date()),
        durationSeconds: typeof meeting.duration === 'number' ? meeting.duration * 60 : null,
        contactId: meetingActivity?.contactId ?? null,
        dealId: meetingActivity?.dealId ?? null,
        ownerId: connection.userId,
        body: title,
        zoom: { meetingId: String(meeting.id), meetingUuid: meeting.uuid },
        zoomRef: recordingActivityKey(meeting.uuid),
      },
      // A summary can come first; the recording's title wins when the recording follows.
      title.startsWith('Recording:') ? ['body'] : [],
    );
    const recording = await this.recordings.ensure({ activityId: activity.id, organisationId, meetingUuid: meeting.uuid, zoomUserId: connection.zoomUserId });
    if (created && !meetingActivity) return { activity: await this.matchInvitees(connection, activity, meeting.id), recording };
    return { activity, recording };
  }

  /**
   * A meeting booked in Zoom directly: its invitees (GET /meetings/{id}, settings.meeting_invitees; no scope beyond
   * the meeting one, on every plan) name its contacts. Participants' emails would need a report scope and are
   * only known for signed-in Zoom users, so invitees it is (docs/architecture.md).
   */
  private async matchInvitees(connection: ConnectedZoomUser, activity: Activity, meetingId: string | number): Promise<Activity> {
    const meeting = await this.connections
      .apiForConnection(connection.id)
      .getMeeting(meetingId)
      .catch((error: unknown) => {
        if (error instanceof ZoomError && !error.isTransient) return null;
        throw error;
      });
    const invitees = (meeting?.settings?.meeting_invitees ?? []).map((invitee) => invitee.email?.trim().toLowerCase() ?? '').filter(Boolean);
    const found = await this.contacts.findIdsByEmails(connection.organisationId, invitees);
    const contactId = invitees.map((email) => found.get(email)).find(Boolean);
    if (!contactId) return activity;
    return (await this.activities.updateById(connection.organisationId, activity.id, { contactId })) ?? activity;
  }

  private attach(organisationId: string, activity: Activity, kind: RecordingAttachmentKind, url: string) {
    return this.activities.attach(organisationId, activity.zoomRef!, { kind, url, title: recordingAttachmentTitle(kind) });
  }

  /** The VTT, read in memory into timed cues and `Speaker: words` lines; never written anywhere else, never logged. */
  private async keepTranscript(api: ZoomApiClient, activity: Activity, file: ZoomRecordingFile, downloadToken?: string | null): Promise<void> {
    const download = await api.download(file.download_url, { kind: 'cloud_recording', ...(downloadToken ? { accessToken: downloadToken } : {}) });
    const vtt = await readZoomDownload(download, MAX_TRANSCRIPT_BYTES);
    if (!vtt) {
      this.logger.warn({ fileId: file.id, maxBytes: MAX_TRANSCRIPT_BYTES }, 'Meeting transcript too large to keep; left as a link');
      return;
    }
    const cues = parseVtt(vtt.toString('utf8'));
    if (cues.length === 0) return;
    // The text first, the cues last: whoever sees the cues finds the text too.
    await this.activities.updateById(activity.organisationId, activity.id, { transcript: transcriptText(cues) });
    await this.recordings.saveCues(activity.id, cues);
  }

  /**
   * Asks Zoom for the AI Companion summary. Not there yet (404), `whenNotReady` says what that means: 'retry',
   * PENDING and asked again later (and fetched at once when meeting.summary_completed comes); 'stay pending', the
   * same without queueing (the retry itself); 'none', NONE (a meeting that ended long ago has none). Refused for good (AI Companion off, plan, scope):
   * NOT_ON_PLAN, said once in the log and quietly on the recording. Zoom unreachable: thrown, so the event is retried.
   */
  private async fetchSummary(api: ZoomApiClient, activity: Activity, meetingUuid: string, whenNotReady: 'retry' | 'stay pending' | 'none'): Promise<RecordingSummaryStatus> {
    let summary: MeetingSummary | null;
    try {
      summary = await api.getMeetingSummary(meetingUuid);
    } catch (error) {
      if (error instanceof ZoomNotFoundError) {
        const status = whenNotReady === 'none' ? RecordingSummaryStatus.NONE : RecordingSummaryStatus.PENDING;
        if (await this.recordings.setSummaryStatus(activity.id, status)) await this.activities.touch(activity.organisationId, activity.id);
        if (whenNotReady === 'retry') await this.queueSummaryRetry(activity.id);
        return status;
      }
      if (error instanceof ZoomError && !error.isTransient) {
        if (await this.recordings.setSummaryStatus(activity.id, RecordingSummaryStatus.NOT_ON_PLAN)) {
          this.logger.info({ activityId: activity.id, kind: error.kind }, 'Zoom gives no AI Companion summary for this meeting (plan or setting)');
          await this.activities.touch(activity.organisationId, activity.id);
        }
        return RecordingSummaryStatus.NOT_ON_PLAN;
      }
      throw error;
    }
    if (await this.applySummary(activity, summary)) return RecordingSummaryStatus.READY;
    await this.recordings.setSummaryStatus(activity.id, RecordingSummaryStatus.NONE);
    return RecordingSummaryStatus.NONE;
  }

  /** Puts the overview and next steps on the activity; false when the summary says nothing. */
  private async applySummary(activity: Activity, summary: MeetingSummary): Promise<boolean> {
    const overview = summary.summary_overview?.trim() || null;
    const nextSteps = (summary.next_steps ?? []).map((step) => step.trim()).filter(Boolean);
    if (!overview && nextSteps.length === 0) return false;
    await this.activities.updateById(activity.organisationId, activity.id, { summary: overview, nextSteps });
    await this.attach(activity.organisationId, activity, 'summary', meetingSummaryUrl(activity.id));
    // READY last: whoever reads it finds the summary there.
    await this.recordings.setSummaryStatus(activity.id, RecordingSummaryStatus.READY);
    return true;
  }

  private async queueSummaryRetry(activityId: string): Promise<void> {
    const delay = this.config.meetingSummaryRetrySeconds * 1000;
    await this.summaryQueue
      .add(
        SUMMARY_JOB,
        { activityId },
        { jobId: `summary-${activityId}`, delay, attempts: SUMMARY_ATTEMPTS, backoff: { type: 'exponential', delay: delay * 2 }, removeOnComplete: 100, removeOnFail: 100 },
      )
      .catch((error: Error) => this.logger.warn({ activityId, err: error.message }, 'Could not queue a summary retry; meeting.summary_completed or the next sync will bring it'));
  }

  /**
   * app_deauthorized: a recording the agent detached and left in Unmatched stays as a record of its own (title,
   * time, length), stripped of everything Zoom gave (files, transcript, summary, Zoom ids), so it no longer counts
   * as Zoom-derived and the deletion that follows passes it by (docs/privacy.md).
   */
  private async keepDetachedAsMetadata(connection: ZoomConnectionSummary): Promise<void> {
    const kept = await this.recordings.detachedUnlinked(connection.organisationId, connection.zoomUserId);
    await this.recordings.forgetZoomData(kept);
    for (const activityId of kept) {
      await this.activities.updateById(connection.organisationId, activityId, { attachments: [], transcript: null, summary: null, nextSteps: [], zoom: null, zoomRef: null });
    }
  }
}
