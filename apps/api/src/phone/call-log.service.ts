import { Inject, Injectable } from '@nestjs/common';
import { ActivityType, type CallFacts, callActivityKey, callSummary } from '@switchboard/crm-domain';
import type { Logger } from 'pino';
import { type Activity, ActivityService } from '../activity';
import { ContactsService } from '../crm';
import { LOGGER } from '../platform/logging/logger';
import type { ConnectedZoomUser } from '../zoom';
import { callActivityFields } from './call-activity';

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

  async logCall(connection: ConnectedZoomUser, facts: CallFacts): Promise<Activity> {
    // One contact with that number, or the one a user chose among several: it goes there. Else it waits in "Unmatched".
    const counterpart = await this.contacts.resolveCounterpart(connection.organisationId, facts.counterpartRaw);
    const { activity, created } = await this.activities.upsertByZoomRef(callRow(connection, facts, counterpart), CALL_FACT_FIELDS);
    if (created) this.logger.info({ activityId: activity.id, matched: Boolean(counterpart.contactId) }, 'Zoom call logged');
    return activity;
  }

  /** A page of calls (a backfill's) in three statements rather than a few per call. */
  async logCalls(connection: ConnectedZoomUser, calls: CallFacts[]): Promise<void> {
    // The same call twice in one statement cannot be upserted; the later record is the richer one.
    const distinct = [...new Map(calls.map((facts) => [facts.callId, facts])).values()];
    const counterparts = await this.contacts.resolveCounterparts(connection.organisationId, distinct.map((facts) => facts.counterpartRaw));
    await this.activities.upsertManyByZoomRef(distinct.map((facts, index) => callRow(connection, facts, counterparts[index])), CALL_FACT_FIELDS);
  }
}

function callRow(connection: ConnectedZoomUser, facts: CallFacts, counterpart: { number: string | null; contactId: string | null }) {
  return {
    ...callActivityFields(connection, facts, counterpart, callActivityKey(connection.zoomUserId, facts.callId)),
    type: ActivityType.CALL,
    body: callSummary(facts, counterpart.number),
  };
}
