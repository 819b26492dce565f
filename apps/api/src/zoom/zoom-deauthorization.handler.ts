import { Injectable, OnModuleInit } from '@nestjs/common';
import { appDeauthorizedEventSchema } from '@switchboard/zoom';
import { ActivityService } from '../activity';
import { WebhookRouter } from '../webhook';
import { ZoomConnectionService } from './zoom-connection.service';

/** `app_deauthorized`: the user removed Switchboard at Zoom; Zoom's Marketplace rules say what we must delete. */
@Injectable()
export class ZoomDeauthorizationHandler implements OnModuleInit {
  constructor(
    private readonly router: WebhookRouter,
    private readonly connections: ZoomConnectionService,
    private readonly activities: ActivityService,
  ) {}

  onModuleInit(): void {
    this.router.register(['app_deauthorized'], (envelope) => {
      const { payload } = appDeauthorizedEventSchema.parse(envelope);
      const at = payload.deauthorization_time ? new Date(payload.deauthorization_time) : new Date();
      const deauthorizedAt = Number.isNaN(at.getTime()) ? new Date() : at;
      return this.activities.announceOnce(async () => ((await this.connections.deauthorize(payload.user_id, payload.account_id, deauthorizedAt)) ? 'processed' : 'skipped'));
    });
  }
}
