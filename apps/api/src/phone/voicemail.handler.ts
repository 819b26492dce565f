import { Injectable, OnModuleInit } from '@nestjs/common';
import { ActivityType, voicemailActivityKey, voicemailFacts, voicemailSummary } from '@switchboard/crm-domain';
import { voicemailReceivedEventSchema, type ZoomVoicemail } from '@switchboard/zoom';
import { ActivityService } from '../activity';
import { ContactsService } from '../crm';
import { VoicemailTranscriptionService } from '../transcription';
import { WebhookRouter, type WebhookOutcome } from '../webhook';
import { type ConnectedZoomUser, ZoomConnectionService } from '../zoom';
import { CALL_FIELDS_FILLED_IF_EMPTY, callActivityFields } from './call-activity';

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

  /**
   * Also used for voicemails found by the backfill: the same row, the same single transcription. The activity is
   * announced once, finished (result, attachment, "Transcribing"), not once per step.
   */
  receive(connection: ConnectedZoomUser, voicemail: ZoomVoicemail): Promise<void> {
    return this.activities.announceOnce(async () => {
      const facts = voicemailFacts(voicemail);
      const counterpart = await this.contacts.resolveCounterpart(connection.organisationId, facts.counterpartRaw);
      const zoomRef = voicemailActivityKey(connection.zoomUserId, facts);
      const { activity } = await this.activities.upsertByZoomRef(
        { ...callActivityFields(connection, facts, counterpart, zoomRef), type: ActivityType.VOICEMAIL, body: voicemailSummary(facts, counterpart.number, counterpart.contactName) },
        // On a call logged first, the voicemail's length replaces the record's talk time of 0 (lengthIsTheVoicemails).
        facts.durationSeconds === null ? ['result'] : ['result', 'durationSeconds'],
        CALL_FIELDS_FILLED_IF_EMPTY,
      );
      // Registered before its link is attached: a link anyone can see must play (the player looks the voicemail up).
      await this.transcriptions.register({
        organisationId: connection.organisationId,
        voicemailId: voicemail.id,
        activityId: activity.id,
        ownerId: connection.userId,
        zoomUserId: connection.zoomUserId,
        downloadUrl: voicemail.download_url,
      });
      await this.activities.attach(connection.organisationId, zoomRef, { kind: 'voicemail', url: voicemailPlaybackUrl(activity.id, voicemail.id), title: 'Voicemail' });
    });
  }
}
