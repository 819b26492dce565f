import { Injectable, OnModuleInit } from '@nestjs/common';
import { type CallFacts, callFactsFromHistory, callFactsFromLegacyLog } from '@switchboard/crm-domain';
import { callHistoryCompletedEventSchema, legacyCallLogCompletedEventSchema } from '@switchboard/zoom';
import { ActivityService } from '../activity';
import { WebhookRouter, type WebhookOutcome } from '../webhook';
import { ZoomConnectionService } from '../zoom';
import { CallLogService } from './call-log.service';

/** `*_call_history_completed` (current) and `*_call_log_completed` (legacy): the record of a finished call. */
@Injectable()
export class CallLogHandler implements OnModuleInit {
  constructor(
    private readonly router: WebhookRouter,
    private readonly connections: ZoomConnectionService,
    private readonly activities: ActivityService,
    private readonly calls: CallLogService,
  ) {}

  onModuleInit(): void {
    this.router.register(['phone.caller_call_history_completed', 'phone.callee_call_history_completed'], (envelope) => {
      const { payload } = callHistoryCompletedEventSchema.parse(envelope);
      return this.log(payload.object.user_id, payload.object.call_logs.map(callFactsFromHistory));
    });
    this.router.register(['phone.caller_call_log_completed', 'phone.callee_call_log_completed'], (envelope) => {
      const { payload } = legacyCallLogCompletedEventSchema.parse(envelope);
      return this.log(payload.object.user_id, payload.object.call_logs.map(callFactsFromLegacyLog));
    });
  }

  /** The records belong to `zoomUserId`; nothing happens unless that user is connected here. */
  private log(zoomUserId: string | null | undefined, records: (CallFacts | null)[]): Promise<WebhookOutcome> {
    return this.activities.announceOnce(async () => {
      const connection = zoomUserId ? await this.connections.connectedZoomUser(zoomUserId) : null;
      if (!connection) return 'skipped';
      for (const facts of records) if (facts) await this.calls.logCall(connection, facts);
      return 'processed';
    });
  }
}
