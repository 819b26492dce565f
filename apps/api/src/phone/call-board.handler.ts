import { Injectable, OnModuleInit } from '@nestjs/common';
import { callDirection, callSides, isAccountExtensionParty } from '@switchboard/crm-domain';
import { realtimeCallEventSchema, ZOOM_REALTIME_CALL_EVENTS } from '@switchboard/zoom';
import { CallBoardService, type CallProgress } from '../activity';
import { ContactsService } from '../crm';
import { WebhookRouter, type WebhookOutcome } from '../webhook';
import { ZoomConnectionService } from '../zoom';

type RealtimeCallEvent = (typeof ZOOM_REALTIME_CALL_EVENTS)[number];

const PROGRESS: Record<RealtimeCallEvent, CallProgress> = {
  'phone.caller_ringing': 'RINGING',
  'phone.callee_ringing': 'RINGING',
  'phone.caller_connected': 'CONNECTED',
  'phone.callee_answered': 'CONNECTED',
  'phone.callee_missed': 'ENDED',
  'phone.callee_rejected': 'ENDED',
  'phone.caller_ended': 'ENDED',
  'phone.callee_ended': 'ENDED',
};

/** Zoom's real-time call events move calls across the live call board; the call log comes later, by itself. */
@Injectable()
export class CallBoardHandler implements OnModuleInit {
  constructor(
    private readonly router: WebhookRouter,
    private readonly connections: ZoomConnectionService,
    private readonly contacts: ContactsService,
    private readonly callBoard: CallBoardService,
  ) {}

  onModuleInit(): void {
    this.router.register([...ZOOM_REALTIME_CALL_EVENTS], (envelope) => this.apply(realtimeCallEventSchema.parse(envelope)));
  }

  private async apply(event: ReturnType<typeof realtimeCallEventSchema.parse>): Promise<WebhookOutcome> {
    const call = event.payload.object;
    // `phone.caller_*` events are about the caller's leg, `phone.callee_*` about the callee's: the user placed the call, or received it.
    const zoomDirection = event.event.startsWith('phone.caller_') ? 'outbound' : 'inbound';
    const sides = callSides(zoomDirection);
    const self = call[sides.user];
    const other = call[sides.counterpart];
    const connection = self.user_id ? await this.connections.connectedZoomUser(self.user_id) : null;
    if (!connection) return 'skipped';
    const progress = PROGRESS[event.event as RealtimeCallEvent];
    const counterpartRaw = other.phone_number || (other.extension_number ? String(other.extension_number) : null);
    const counterpart = await this.contacts.resolveCounterpart(connection.organisationId, counterpartRaw);
    const since = progress === 'CONNECTED' ? (call.connected_start_time ?? call.answer_start_time) : call.ringing_start_time;
    await this.callBoard.apply({
      organisationId: connection.organisationId,
      ownerId: connection.userId,
      callId: call.call_id,
      progress,
      // Internal when both ends are the account's: the user's own end is (we found their connection by it); the other
      // end carries no user id in Zoom's real-time events, so it is told by its extension fields.
      direction: callDirection(zoomDirection, isAccountExtensionParty(other)),
      counterpartNumber: counterpart.number,
      counterpartName: other.name ?? null,
      contactId: counterpart.contactId,
      since: since && !Number.isNaN(Date.parse(since)) ? new Date(since) : new Date(event.event_ts),
    });
    return 'processed';
  }
}
