import { Injectable, OnModuleInit } from '@nestjs/common';
import { meetingSummaryCompletedEventSchema, recordingEventSchema } from '@switchboard/zoom';
import { ActivityService } from '../activity';
import { WebhookRouter, type WebhookOutcome } from '../webhook';
import { type ConnectedZoomUser, hasCloudRecordings, ZoomConnectionService } from '../zoom';
import { RecordingsService } from './recordings.service';

/**
 * `recording.completed` (the media), `recording.transcript_completed` (the VTT) and `meeting.summary_completed`
 * (the AI Companion summary): each names the meeting instance, and all land on its one RECORDING activity.
 */
@Injectable()
export class RecordingEventsHandler implements OnModuleInit {
  constructor(
    private readonly router: WebhookRouter,
    private readonly connections: ZoomConnectionService,
    private readonly activities: ActivityService,
    private readonly recordings: RecordingsService,
  ) {}

  onModuleInit(): void {
    this.router.register(['recording.completed', 'recording.transcript_completed'], (envelope) => {
      const event = recordingEventSchema.parse(envelope);
      const meeting = event.payload.object;
      return this.forRecordingHost(meeting.host_id, (connection) => this.recordings.record(connection, meeting, event.download_token));
    });
    this.router.register(['meeting.summary_completed'], (envelope) => {
      const summary = meetingSummaryCompletedEventSchema.parse(envelope).payload.object;
      const meeting = { id: summary.meeting_id ?? summary.meeting_uuid, uuid: summary.meeting_uuid, topic: summary.meeting_topic, start_time: summary.meeting_start_time, duration: minutesBetween(summary.meeting_start_time, summary.meeting_end_time) };
      return this.forRecordingHost(summary.meeting_host_id, (connection) => this.recordings.summaryCompleted(connection, meeting, summary));
    });
  }

  /** Runs `work` for the host's connection as one announced use case; Basic plans have no recordings, and no request is made for them. */
  private forRecordingHost(hostId: string | null | undefined, work: (connection: ConnectedZoomUser) => Promise<unknown>): Promise<WebhookOutcome> {
    return this.activities.announceOnce(async (): Promise<WebhookOutcome> => {
      const connection = hostId ? await this.connections.connectedZoomUser(hostId) : null;
      if (!connection || !hasCloudRecordings(connection)) return 'skipped';
      await work(connection);
      return 'processed';
    });
  }
}

function minutesBetween(start: string | null | undefined, end: string | null | undefined): number | null {
  const minutes = (Date.parse(end ?? '') - Date.parse(start ?? '')) / 60_000;
  return Number.isFinite(minutes) && minutes >= 0 ? Math.round(minutes) : null;
}
