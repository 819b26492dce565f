import { Inject, Injectable } from '@nestjs/common';
import { ActivityType } from '@switchboard/crm-domain';
import type { Logger } from 'pino';
import { ActivityService } from '../activity/activity.service';
import type { Activity } from '../activity/entities/activity.entity';
import { ContactsService } from '../crm/contacts.service';
import { LOGGER } from '../platform/logging/logger';
import type { ZoomConnectionEntity } from '../zoom/entities/zoom-connection.entity';
import { type CallFacts, callSummary } from './call-record';

/**
 * Fields a later, richer event about the same call may correct; `type` too, so a voicemail that arrived before its
 * call (a VOICEMAIL row) becomes the call, transcript and all.
 */
const CALL_FACT_FIELDS: (keyof Activity)[] = ['type', 'direction', 'result', 'occurredAt', 'durationSeconds', 'counterpartNumber', 'counterpartName', 'body'];

/** Turns Zoom call records into CALL activities: one per connected user and call_id, on the matching contact. */
@Injectable()
export class CallLogService {
  constructor(
    private readonly activities: ActivityService,
    private readonly contacts: ContactsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async logCall(connection: ZoomConnectionEntity, facts: CallFacts): Promise<Activity> {
    // One contact with that number, or the one a user chose among several: it goes there. Else it waits in "Unmatched".
    const counterpart = await this.contacts.resolveCounterpart(connection.organisationId, facts.counterpartRaw);
    const { activity, created } = await this.activities.upsertByZoomRef(callRow(connection, facts, counterpart), CALL_FACT_FIELDS);
    if (created) this.logger.info({ activityId: activity.id, matched: Boolean(counterpart.contactId) }, 'Zoom call logged');
    return activity;
  }

  /** A page of calls (a backfill's) in three statements rather than a few per call. */
  async logCalls(connection: ZoomConnectionEntity, calls: CallFacts[]): Promise<void> {
    // The same call twice in one statement cannot be upserted; the later record is the richer one.
    const distinct = [...new Map(calls.map((facts) => [facts.callId, facts])).values()];
    const counterparts = await this.contacts.resolveCounterparts(connection.organisationId, distinct.map((facts) => facts.counterpartRaw));
    await this.activities.upsertManyByZoomRef(distinct.map((facts, index) => callRow(connection, facts, counterparts[index])), CALL_FACT_FIELDS);
  }
}

function callRow(connection: ZoomConnectionEntity, facts: CallFacts, counterpart: { number: string | null; contactId: string | null }) {
  return {
    organisationId: connection.organisationId,
    ownerId: connection.userId,
    type: ActivityType.CALL,
    occurredAt: facts.startedAt,
    direction: facts.direction,
    result: facts.result,
    durationSeconds: facts.durationSeconds,
    counterpartNumber: counterpart.number,
    counterpartName: facts.counterpartName,
    contactId: counterpart.contactId,
    body: callSummary(facts, counterpart.number),
    zoom: { callId: facts.callId },
    zoomRef: `call:${connection.zoomUserId}:${facts.callId}`,
  };
}
