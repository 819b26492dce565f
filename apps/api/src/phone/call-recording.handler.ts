import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ActivityType, type CallFacts, callActivityKey, callFactsFromRecording } from '@switchboard/crm-domain';
import { parseZoomListEvent, phoneRecordingCompletedEventSchema, type ZoomPhoneRecording } from '@switchboard/zoom';
import { Repository } from 'typeorm';
import { ActivityService } from '../activity';
import { ContactsService } from '../crm';
import { processedWithout, WebhookRouter, type WebhookOutcome } from '../webhook';
import { type ConnectedZoomUser, ZoomConnectionService } from '../zoom';
import { CALL_FIELDS_FILLED_IF_EMPTY, callActivityFields } from './call-activity';
import { PhoneRecording } from './entities/phone-recording.entity';

/** Where a call recording plays: the api's streaming proxy, which checks the viewer and stores nothing. */
export const recordingPlaybackUrl = (activityId: string, recordingId: string) => `/media/phone-recordings/${activityId}/${encodeURIComponent(recordingId)}`;

/**
 * `phone.recording_completed`: the recording joins its call's activity (created here, bare, when the call's own
 * record has not arrived yet; that record fills it in later).
 */
@Injectable()
export class CallRecordingHandler implements OnModuleInit {
  constructor(
    private readonly router: WebhookRouter,
    private readonly connections: ZoomConnectionService,
    private readonly contacts: ContactsService,
    private readonly activities: ActivityService,
    @InjectRepository(PhoneRecording) private readonly recordings: Repository<PhoneRecording>,
  ) {}

  onModuleInit(): void {
    this.router.register(['phone.recording_completed'], (envelope) => {
      // Each recording is validated on its own: a malformed one is named on the inbox entry, the others attached.
      const { event, rejected } = parseZoomListEvent(phoneRecordingCompletedEventSchema, envelope);
      const { payload } = event;
      return this.activities.announceOnce(async (): Promise<WebhookOutcome> => {
        let processed = false;
        for (const recording of payload.object.recordings) {
          const ownerId = recording.owner?.id || recording.user_id;
          const connection = ownerId ? await this.connections.connectedZoomUser(ownerId) : null;
          const call = callFactsFromRecording(recording);
          if (!connection || !call) continue;
          await this.attach(connection, recording, call);
          processed = true;
        }
        return processed || rejected.length > 0 ? processedWithout(rejected) : 'skipped';
      });
    });
  }

  private async attach(connection: ConnectedZoomUser, recording: ZoomPhoneRecording, call: CallFacts): Promise<void> {
    const counterpart = await this.contacts.resolveCounterpart(connection.organisationId, call.counterpartRaw);
    const zoomRef = callActivityKey(connection.zoomUserId, call.callId);
    const { activity } = await this.activities.upsertByZoomRef({ ...callActivityFields(connection, call, counterpart, zoomRef), type: ActivityType.CALL }, [], CALL_FIELDS_FILLED_IF_EMPTY);
    await this.recordings
      .createQueryBuilder()
      .insert()
      .into(PhoneRecording)
      .values({ organisationId: connection.organisationId, recordingId: recording.id, activityId: activity.id, zoomUserId: connection.zoomUserId, downloadUrl: recording.download_url })
      .orIgnore()
      .execute();
    await this.activities.attach(connection.organisationId, zoomRef, { kind: 'recording', url: recordingPlaybackUrl(activity.id, recording.id), title: 'Call recording' }, { recordingId: recording.id });
  }
}
