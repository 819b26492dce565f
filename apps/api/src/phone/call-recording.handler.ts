import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ActivityDirection, ActivityType, CallResult } from '@switchboard/crm-domain';
import { phoneRecordingCompletedEventSchema, type ZoomPhoneRecording } from '@switchboard/zoom';
import { Repository } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { ContactsService } from '../crm/contacts.service';
import { WebhookRouter, type WebhookOutcome } from '../webhook/webhook-router.service';
import type { ZoomConnectionEntity } from '../zoom/entities/zoom-connection.entity';
import { ZoomConnectionService } from '../zoom/zoom-connection.service';
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
    this.router.register(['phone.recording_completed'], async (envelope): Promise<WebhookOutcome> => {
      const { payload } = phoneRecordingCompletedEventSchema.parse(envelope);
      let processed = false;
      for (const recording of payload.object.recordings) {
        const ownerId = recording.owner?.id || recording.user_id || payload.object.user_id;
        const connection = ownerId ? await this.connections.connectedZoomUser(ownerId) : null;
        if (!connection || !recording.call_id) continue;
        await this.attach(connection, recording);
        processed = true;
      }
      return processed ? 'processed' : 'skipped';
    });
  }

  async attach(connection: ZoomConnectionEntity, recording: ZoomPhoneRecording): Promise<void> {
    const outbound = recording.direction === 'outbound';
    const counterpart = await this.contacts.resolveCounterpart(
      connection.organisationId,
      outbound ? recording.callee_did_number || recording.callee_number : recording.caller_did_number || recording.caller_number,
    );
    const startedAt = new Date(recording.date_time);
    const zoomRef = `call:${connection.zoomUserId}:${recording.call_id}`;
    const { activity } = await this.activities.upsertByZoomRef(
      {
        organisationId: connection.organisationId,
        ownerId: connection.userId,
        type: ActivityType.CALL,
        occurredAt: Number.isNaN(startedAt.getTime()) ? new Date() : startedAt,
        direction: outbound ? ActivityDirection.OUTBOUND : ActivityDirection.INBOUND,
        result: CallResult.ANSWERED,
        durationSeconds: recording.duration ?? null,
        counterpartNumber: counterpart.number,
        counterpartName: (outbound ? recording.callee_name : recording.caller_name) || null,
        contactId: counterpart.contactId,
        zoom: { callId: recording.call_id },
        zoomRef,
      },
      [],
    );
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
