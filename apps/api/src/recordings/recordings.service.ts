import { Inject, Injectable } from '@nestjs/common';
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
import type { Logger } from 'pino';
import { type Activity, ActivityService } from '../activity';
import { LOGGER } from '../platform/logging/logger';
import { type ConnectedZoomUser, ZoomConnectionService } from '../zoom';

/** A VTT larger than this is not a meeting transcript we keep (Zoom's are a few hundred kB for hours). */
const MAX_TRANSCRIPT_BYTES = 10 * 1024 * 1024;

/**
 * Where a cloud recording file opens: the api's playback proxy (it checks the viewer and streams from Zoom with
 * the owner's token; nothing of the media is stored). The file id keeps each file's link, and so its attachment, unique.
 */
export const cloudRecordingUrl = (activityId: string, fileId: string) => `/media/cloud-recordings/${activityId}/${encodeURIComponent(fileId)}`;
/** Where the AI Companion summary of a recording opens in the app. */
export const meetingSummaryUrl = (activityId: string) => `/media/cloud-recordings/${activityId}/summary`;

/** A meeting instance's cloud recording as it reached us (a recording.* event's object, or a REST listing). */
export type RecordedMeeting = Pick<ZoomRecordingMeeting, 'id' | 'uuid' | 'topic' | 'start_time' | 'duration' | 'recording_files'>;

/**
 * Cloud recordings on the timeline: one RECORDING activity per meeting instance, on the contact (and deal) of the
 * meeting's MEETING activity, with one attachment per file, the transcript as text and the AI Companion summary.
 * Every step is idempotent (keyed by the meeting UUID and each file's id), so redeliveries and any order of
 * Zoom's events leave one activity with each file once.
 */
@Injectable()
export class RecordingsService {
  constructor(
    private readonly activities: ActivityService,
    private readonly connections: ZoomConnectionService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** `downloadToken`: the event's download_token (lets the transcript download skip the owner's token). */
  async record(connection: ConnectedZoomUser, meeting: RecordedMeeting, downloadToken?: string | null): Promise<Activity> {
    const { organisationId } = connection;
    const zoomRef = recordingActivityKey(meeting.uuid);
    const meetingActivity = await this.activities.findByZoomRef(organisationId, meetingActivityKey(meeting.id));
    const startedAt = meeting.start_time ? new Date(meeting.start_time) : null;
    const { activity } = await this.activities.upsertByZoomRef(
      {
        organisationId,
        type: ActivityType.RECORDING,
        occurredAt: startedAt && !Number.isNaN(startedAt.getTime()) ? startedAt : (meetingActivity?.occurredAt ?? new Date()),
        durationSeconds: typeof meeting.duration === 'number' ? meeting.duration * 60 : null,
        contactId: meetingActivity?.contactId ?? null,
        dealId: meetingActivity?.dealId ?? null,
        ownerId: connection.userId,
        body: `Recording: ${meeting.topic || meetingActivity?.body || 'Zoom meeting'}`,
        zoom: { meetingId: String(meeting.id), meetingUuid: meeting.uuid },
        zoomRef,
      },
      [],
    );
    let api: ZoomApiClient | null = null;
    const zoomApi = () => (api ??= this.connections.apiForConnection(connection.id));

    for (const file of meeting.recording_files) {
      const kind = recordingFileKind(file.file_type);
      if (!kind) continue;
      // Zoom's hosted player until the api's playback proxy exists; the file id keeps the fallback link unique.
      await this.attach(organisationId, zoomRef, kind, file.play_url || cloudRecordingUrl(activity.id, file.id));
      if (kind === 'transcript' && !activity.transcript) {
        const transcript = await this.downloadTranscript(zoomApi(), file, downloadToken);
        if (transcript) await this.activities.updateById(organisationId, activity.id, { transcript });
      }
    }
    if (!activity.summary) await this.addSummary(zoomApi(), organisationId, zoomRef, activity.id, meeting.uuid);
    return activity;
  }

  private attach(organisationId: string, zoomRef: string, kind: RecordingAttachmentKind, url: string) {
    return this.activities.attach(organisationId, zoomRef, { kind, url, title: recordingAttachmentTitle(kind) });
  }

  /** The VTT, read in memory and turned into `Speaker: words` lines; never written anywhere else, never logged. */
  private async downloadTranscript(api: ZoomApiClient, file: ZoomRecordingFile, downloadToken?: string | null): Promise<string | null> {
    const download = await api.download(file.download_url, { kind: 'cloud_recording', ...(downloadToken ? { accessToken: downloadToken } : {}) });
    const vtt = await readZoomDownload(download, MAX_TRANSCRIPT_BYTES);
    if (!vtt) {
      this.logger.warn({ fileId: file.id, maxBytes: MAX_TRANSCRIPT_BYTES }, 'Meeting transcript too large to keep; left as a link');
      return null;
    }
    return transcriptText(parseVtt(vtt.toString('utf8'))) || null;
  }

  /**
   * The AI Companion summary (overview and next steps), when the meeting has one. Zoom answers 404 until (or
   * unless) it exists; a summary Zoom will not give (scope, plan) leaves the recording as it is.
   */
  private async addSummary(api: ZoomApiClient, organisationId: string, zoomRef: string, activityId: string, meetingUuid: string): Promise<void> {
    const summary = await api.getMeetingSummary(meetingUuid).catch((error: unknown) => {
      if (error instanceof ZoomNotFoundError) return null;
      if (error instanceof ZoomError && !error.isTransient) {
        this.logger.warn({ kind: error.kind, activityId }, 'Zoom did not give the meeting summary');
        return null;
      }
      throw error;
    });
    const overview = summary?.summary_overview?.trim() || null;
    const nextSteps = (summary?.next_steps ?? []).map((step) => step.trim()).filter(Boolean);
    if (!overview && nextSteps.length === 0) return;
    await this.activities.updateById(organisationId, activityId, { summary: overview, nextSteps });
    await this.attach(organisationId, zoomRef, 'summary', meetingSummaryUrl(activityId));
  }
}
