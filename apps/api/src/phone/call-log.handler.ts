import { Injectable, OnModuleInit } from '@nestjs/common';
import { type CallOwner, type CallPathFacts, callPathFromElement, callPathFromHistory, callPathFromLegacyLog } from '@switchboard/crm-domain';
import { callElementCompletedEventSchema, callHistoryCompletedEventSchema, legacyCallLogCompletedEventSchema, parseZoomListEvent, type ZoomRejectedItem } from '@switchboard/zoom';
import { ActivityService } from '../activity';
import { processedWithout, WebhookRouter, type WebhookOutcome } from '../webhook';
import { ZoomConnectionService } from '../zoom';
import { callOwnerOf } from './call-activity';
import { CallLogService } from './call-log.service';

/**
 * The records of a finished call's paths: `*_call_history_completed` (v2), `*_call_element_completed` (v3, which
 * Zoom keeps when it retires v2) and `*_call_log_completed` (legacy), all into the same activity per call. Each
 * record is validated on its own: the valid ones are logged, the malformed ones named on the inbox entry.
 */
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
      const { event, rejected } = parseZoomListEvent(callHistoryCompletedEventSchema, envelope);
      const { user_id: zoomUserId, call_logs: records } = event.payload.object;
      return this.log(zoomUserId, rejected, (owner) => records.map((record) => callPathFromHistory(record, owner)));
    });
    this.router.register(['phone.caller_call_element_completed', 'phone.callee_call_element_completed'], (envelope) => {
      const { event, rejected } = parseZoomListEvent(callElementCompletedEventSchema, envelope);
      const { user_id: zoomUserId, call_elements: elements } = event.payload.object;
      return this.log(zoomUserId, rejected, (owner) => elements.map((element) => callPathFromElement(element, owner)));
    });
    this.router.register(['phone.caller_call_log_completed', 'phone.callee_call_log_completed'], (envelope) => {
      const { event, rejected } = parseZoomListEvent(legacyCallLogCompletedEventSchema, envelope);
      const { user_id: zoomUserId, call_logs: logs } = event.payload.object;
      return this.log(zoomUserId, rejected, () => logs.map(callPathFromLegacyLog));
    });
  }

  /** The records belong to `zoomUserId`; nothing happens unless that user is connected here. */
  private log(zoomUserId: string | null | undefined, rejected: ZoomRejectedItem[], pathsOf: (owner: CallOwner) => Array<CallPathFacts | null>): Promise<WebhookOutcome> {
    return this.activities.announceOnce(async () => {
      const connection = zoomUserId ? await this.connections.connectedZoomUser(zoomUserId) : null;
      if (!connection) return 'skipped';
      await this.calls.logCall(connection, pathsOf(callOwnerOf(connection)).filter((path) => path !== null));
      return processedWithout(rejected);
    });
  }
}
