import { Injectable } from '@nestjs/common';
import { ActivityDirection, ActivityType, callActivityKey, CallResult, callSummary, contactDisplayName } from '@switchboard/crm-domain';
import { type Activity, ActivityService } from '../activity';
import type { Principal } from '../auth';
import { ContactsService } from '../crm';
import { badInput, notFound } from '../platform/graphql/errors';
import { ZoomConnectionService } from '../zoom';
import { CallDispositionsService } from './call-dispositions.service';
import type { LogCallInput } from './dto/call-log.input';
import type { SoftphoneCallInput } from './dto/softphone.types';
import { callNotesInput, callSecondsInput, pastTimeInput, phoneNumberInput, softphoneDirection, zoomIdInput } from './phone-input';

/** A voicemail's activity is its call's until the call's own record arrives: it takes an outcome and notes too. */
const CALL_TYPES: ActivityType[] = [ActivityType.CALL, ActivityType.VOICEMAIL];

/**
 * The softphone's facts fill only what the call's activity lacks: Zoom's record (call history) is the exact one,
 * the softphone's the browser's view of it, and whichever came first, Zoom's facts stay.
 */
const SOFTPHONE_FILLS: (keyof Activity)[] = ['direction', 'durationSeconds', 'counterpartNumber', 'contactId', 'body'];

/** What an agent changes of a call's log: a field left undefined stays; null (or blank) clears it. */
export interface CallLogChanges {
  disposition?: string | null;
  notes?: string | null;
}

/**
 * What agents write about their calls: the outcome (from the organisation's list) and notes on any call, calls
 * made outside Zoom, and what the softphone records of a Zoom call, which joins that call's one activity.
 */
@Injectable()
export class AgentCallLogService {
  constructor(
    private readonly activities: ActivityService,
    private readonly contacts: ContactsService,
    private readonly connections: ZoomConnectionService,
    private readonly dispositions: CallDispositionsService,
  ) {}

  /** updateCallLog: on any call of the organisation the agent can see, as every other timeline edit. */
  async update(principal: Principal, activityId: string, changes: CallLogChanges): Promise<Activity> {
    const activity = await this.activities.get(principal, activityId);
    if (!activity) throw notFound('Activity');
    if (!CALL_TYPES.includes(activity.type)) throw badInput('activityId: only calls have an outcome and notes', 'activityId');
    const update: Partial<Activity> = {};
    if (changes.disposition !== undefined) update.disposition = await this.dispositionKeeping(principal, changes.disposition, activity.disposition);
    if (changes.notes !== undefined) update.notes = callNotesInput(changes.notes);
    if (Object.keys(update).length === 0) return activity;
    return (await this.activities.updateById(principal.organisationId, activity.id, update)) ?? activity;
  }

  /** logCall: a call made outside Zoom, on the contact; not Zoom's data, so it stays when Zoom is disconnected. */
  async logCall(principal: Principal, input: LogCallInput): Promise<Activity> {
    const contact = await this.contacts.getOrThrow(principal, input.contactId);
    if (input.direction === ActivityDirection.INTERNAL) throw badInput('direction: a call logged by hand is INBOUND or OUTBOUND', 'direction');
    const occurredAt = pastTimeInput(input.occurredAt, 'occurredAt');
    const durationSeconds = callSecondsInput(input.durationSeconds, 'durationSeconds');
    const disposition = await this.dispositionOrNull(principal, input.disposition);
    const notes = callNotesInput(input.notes);
    return this.activities.record({
      organisationId: principal.organisationId,
      type: ActivityType.CALL,
      occurredAt,
      direction: input.direction,
      durationSeconds,
      contactId: contact.id,
      ownerId: principal.userId,
      body: callSummary({ result: CallResult.UNKNOWN, direction: input.direction, counterpartName: null }, null, contactDisplayName(contact.firstName, contact.lastName)),
      disposition,
      notes,
    });
  }

  /**
   * recordSoftphoneCall: the agent's own Zoom call (their Zoom user and the call_id make the key the webhooks use).
   * First, it makes the activity from the softphone's facts; after Zoom's events, it fills only what they left
   * empty. Its outcome and notes replace the activity's; empty ones change nothing (the softphone adds, it never
   * erases what the agent wrote in the CRM), and no later Zoom event touches them.
   */
  async recordSoftphoneCall(principal: Principal, input: SoftphoneCallInput): Promise<Activity> {
    const callId = zoomIdInput(input.callId, 'callId');
    const direction = softphoneDirection(input.direction, 'direction', { required: false });
    const number = phoneNumberInput(input.counterpartNumber, 'counterpartNumber', { required: false });
    const occurredAt = pastTimeInput(input.occurredAt, 'occurredAt');
    const durationSeconds = callSecondsInput(input.durationSeconds, 'durationSeconds');
    const disposition = input.disposition?.trim() ? await this.dispositions.resolve(principal.organisationId, input.disposition, 'disposition') : undefined;
    const notes = callNotesInput(input.notes) ?? undefined;
    const connection = await this.connections.connectedFor(principal);
    const counterpart = await this.contacts.resolveCounterpart(principal.organisationId, number);
    const { activity } = await this.activities.upsertByZoomRef(
      {
        organisationId: principal.organisationId,
        ownerId: principal.userId,
        type: ActivityType.CALL,
        occurredAt,
        direction,
        durationSeconds,
        counterpartNumber: counterpart.number,
        contactId: counterpart.contactId,
        // Zoom's record says how the call ended; until it comes the line says only who it was with.
        body: direction ? callSummary({ result: CallResult.UNKNOWN, direction, counterpartName: null }, counterpart.number, counterpart.contactName) : null,
        zoom: { callId },
        zoomRef: callActivityKey(connection.zoomUserId, callId),
        disposition,
        notes,
      },
      (['disposition', 'notes'] as const).filter((field) => ({ disposition, notes })[field] !== undefined),
      SOFTPHONE_FILLS,
    );
    return activity;
  }

  private async dispositionOrNull(principal: Principal, value: string | null | undefined): Promise<string | null> {
    return value?.trim() ? this.dispositions.resolve(principal.organisationId, value, 'disposition') : null;
  }

  /** A new outcome from the list; the call's current one may stay though an admin has since taken it off the list. */
  private async dispositionKeeping(principal: Principal, value: string | null, current: string | null): Promise<string | null> {
    if (current && value?.trim() === current) return current;
    return this.dispositionOrNull(principal, value);
  }
}
