import { Injectable, OnModuleInit } from '@nestjs/common';
import { smsFacts, smsOwnerCandidates } from '@switchboard/crm-domain';
import { smsEventSchema } from '@switchboard/zoom';
import { ActivityService } from '../activity';
import { WebhookRouter, type WebhookOutcome } from '../webhook';
import { type ConnectedZoomUser, ZoomConnectionService } from '../zoom';
import { SmsService } from './sms.service';

/** `phone.sms_sent` and `phone.sms_received`: the text on the timeline of the connected user whose text it is. */
@Injectable()
export class SmsHandler implements OnModuleInit {
  constructor(
    private readonly router: WebhookRouter,
    private readonly connections: ZoomConnectionService,
    private readonly activities: ActivityService,
    private readonly texts: SmsService,
  ) {}

  onModuleInit(): void {
    this.router.register(['phone.sms_sent', 'phone.sms_received'], (envelope) =>
      this.activities.announceOnce(async (): Promise<WebhookOutcome> => {
        const event = smsEventSchema.parse(envelope);
        const connection = await this.firstConnected(smsOwnerCandidates(event));
        if (!connection) return 'skipped';
        await this.texts.receive({ organisationId: connection.organisationId, userId: connection.userId }, smsFacts(event));
        return 'processed';
      }),
    );
  }

  /** A call queue's text names the queue and its members: the first of them connected here. */
  private async firstConnected(zoomUserIds: string[]): Promise<ConnectedZoomUser | null> {
    for (const zoomUserId of zoomUserIds) {
      const connection = await this.connections.connectedZoomUser(zoomUserId);
      if (connection) return connection;
    }
    return null;
  }
}
