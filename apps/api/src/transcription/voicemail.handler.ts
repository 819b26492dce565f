import { Injectable, OnModuleInit } from '@nestjs/common';
import { ActivityDirection, ActivityType, CallResult } from '@switchboard/crm-domain';
import { voicemailReceivedEventSchema, type ZoomVoicemail } from '@switchboard/zoom';
import { ActivityService } from '../activity/activity.service';
import { ContactsService } from '../crm/contacts.service';
import { WebhookRouter, type WebhookOutcome } from '../webhook/webhook-router.service';
import type { ZoomConnectionEntity } from '../zoom/entities/zoom-connection.entity';
import { ZoomConnectionService } from '../zoom/zoom-connection.service';
import { VoicemailStatus, VoicemailTranscriptionService } from './voicemail-transcription.service';

/** Where the voicemail plays: the api's streaming proxy (nothing stored), not Zoom's address. */
export const voicemailPlaybackUrl = (activityId: string, voicemailId: string) => `/media/voicemails/${activityId}/${encodeURIComponent(voicemailId)}`;

/**
 * `phone.voicemail_received`: at once a VOICEMAIL result on the call's activity (or a VOICEMAIL activity when the
 * call has not been logged yet: the call's record merges into it), "Transcribing", then the transcription job.
 */
@Injectable()
export class VoicemailHandler implements OnModuleInit {
  constructor(
    private readonly router: WebhookRouter,
    private readonly connections: ZoomConnectionService,
    private readonly contacts: ContactsService,
    private readonly activities: ActivityService,
    private readonly transcriptions: VoicemailTranscriptionService,
  ) {}

  onModuleInit(): void {
    this.router.register(['phone.voicemail_received'], async (envelope): Promise<WebhookOutcome> => {
      const voicemail = voicemailReceivedEventSchema.parse(envelope).payload.object;
      const ownerId = voicemail.callee_user_id || (typeof voicemail.callee_id === 'string' ? voicemail.callee_id : null);
      const connection = ownerId ? await this.connections.connectedZoomUser(ownerId) : null;
      if (!connection) return 'skipped';
      await this.receive(connection, voicemail);
      return 'processed';
    });
  }

  /** Also used for voicemails found by the backfill: the same row, the same single transcription. */
  async receive(connection: ZoomConnectionEntity, voicemail: ZoomVoicemail): Promise<void> {
    const counterpart = await this.contacts.resolveCounterpart(connection.organisationId, voicemail.caller_did_number || voicemail.caller_number);
    const zoomRef = voicemail.call_id ? `call:${connection.zoomUserId}:${voicemail.call_id}` : `voicemail:${voicemail.id}`;
    const who = [voicemail.caller_name, counterpart.number && `(${counterpart.number})`].filter(Boolean).join(' ');
    const receivedAt = new Date(voicemail.date_time);
    const { activity } = await this.activities.upsertByZoomRef(
      {
        organisationId: connection.organisationId,
        ownerId: connection.userId,
        type: ActivityType.VOICEMAIL,
        occurredAt: Number.isNaN(receivedAt.getTime()) ? new Date() : receivedAt,
        direction: ActivityDirection.INBOUND,
        result: CallResult.VOICEMAIL,
        durationSeconds: voicemail.duration ?? null,
        counterpartNumber: counterpart.number,
        counterpartName: voicemail.caller_name || null,
        contactId: counterpart.contactId,
        body: `Voicemail from ${who || 'an unknown number'}`,
        zoom: voicemail.call_id ? { callId: voicemail.call_id } : null,
        zoomRef,
      },
      ['result'],
    );
    await this.activities.attach(connection.organisationId, zoomRef, { kind: 'voicemail', url: voicemailPlaybackUrl(activity.id, voicemail.id), title: 'Voicemail' });
    const isNew = await this.transcriptions.register({
      organisationId: connection.organisationId,
      voicemailId: voicemail.id,
      activityId: activity.id,
      ownerId: connection.userId,
      zoomUserId: connection.zoomUserId,
      downloadUrl: voicemail.download_url,
    });
    if (isNew) await this.activities.updateById(connection.organisationId, activity.id, { status: VoicemailStatus.TRANSCRIBING });
  }
}
