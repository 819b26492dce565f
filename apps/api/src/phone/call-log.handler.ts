import { Injectable, OnModuleInit } from '@nestjs/common';
import { callHistoryCompletedEventSchema, legacyCallLogCompletedEventSchema } from '@switchboard/zoom';
import { WebhookRouter, type WebhookOutcome } from '../webhook/webhook-router.service';
import { ZoomConnectionService } from '../zoom/zoom-connection.service';
import { type CallFacts, callFactsFromHistory, callFactsFromLegacyLog } from './call-record';
import { CallLogService } from './call-log.service';

/** `*_call_history_completed` (current) and `*_call_log_completed` (legacy): the record of a finished call. */
@Injectable()
export class CallLogHandler implements OnModuleInit {
  constructor(
    private readonly router: WebhookRouter,
    private readonly connections: ZoomConnectionService,
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
  private async log(zoomUserId: string | null | undefined, records: (CallFacts | null)[]): Promise<WebhookOutcome> {
    const connection = zoomUserId ? await this.connections.connectedZoomUser(zoomUserId) : null;
    if (!connection) return 'skipped';
    for (const facts of records) if (facts) await this.calls.logCall(connection, facts);
    return 'processed';
  }
}
