import { Injectable, OnModuleInit } from '@nestjs/common';
import { recordingEventSchema } from '@switchboard/zoom';
import { ActivityService } from '../activity';
import { WebhookRouter, type WebhookOutcome } from '../webhook';
import { hasCloudRecordings, ZoomConnectionService } from '../zoom';
import { RecordingsService } from './recordings.service';

/**
 * `recording.completed` (the media) and `recording.transcript_completed` (the VTT): both carry the meeting
 * instance and the files they announce, and both land on the instance's one RECORDING activity.
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
      return this.activities.announceOnce(async (): Promise<WebhookOutcome> => {
        const connection = meeting.host_id ? await this.connections.connectedZoomUser(meeting.host_id) : null;
        // Basic plans have no cloud recordings: then no recording request is ever made.
        if (!connection || !hasCloudRecordings(connection)) return 'skipped';
        await this.recordings.record(connection, meeting, event.download_token);
        return 'processed';
      });
    });
  }
}
