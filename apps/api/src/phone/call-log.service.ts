import { Inject, Injectable } from '@nestjs/common';
import { ActivityDirection, ActivityType, type CallFacts, type CallPathFacts, callActivityKey, callSummary, lengthIsTheVoicemails, mergeCallPaths } from '@switchboard/crm-domain';
import type { Logger } from 'pino';
import { type Activity, ActivityService, type SavedActivity } from '../activity';
import { ContactsService } from '../crm';
import { LOGGER } from '../platform/logging/logger';
import type { ConnectedZoomUser } from '../zoom';
import { CALL_FIELDS_FILLED_IF_EMPTY, callActivityFields } from './call-activity';
import { CallPathRepository } from './call-path.repository';

/**
 * Fields a later, richer event about the same call may correct; `type` too, so a voicemail that arrived before its
 * call (a VOICEMAIL row) becomes the call, transcript and all.
 */
const CALL_FACT_FIELDS: (keyof Activity)[] = ['type', 'direction', 'result', 'occurredAt', 'durationSeconds', 'counterpartNumber', 'counterpartName', 'body'];

const sameCall = (a: CallFacts | undefined, b: CallFacts) =>
  a !== undefined &&
  a.direction === b.direction &&
  a.result === b.result &&
  a.startedAt.getTime() === b.startedAt.getTime() &&
  a.durationSeconds === b.durationSeconds &&
  a.counterpartRaw === b.counterpartRaw &&
  a.counterpartName === b.counterpartName;

/**
 * Turns the paths of Zoom calls into CALL activities: one per connected user and call_id, on the matching contact,
 * read from every path of the call stored so far (mergeCallPaths), whichever event or page brought each.
 */
@Injectable()
export class CallLogService {
  constructor(
    private readonly activities: ActivityService,
    private readonly contacts: ContactsService,
    private readonly paths: CallPathRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The paths one event brought (usually of one call). */
  async logCall(connection: ConnectedZoomUser, paths: CallPathFacts[]): Promise<void> {
    for (const { activity, created } of await this.record(connection, paths)) {
      if (created) this.logger.info({ activityId: activity.id, matched: Boolean(activity.contactId) }, 'Zoom call logged');
    }
  }

  /** A page of paths (a backfill's): the same few statements however many calls it holds. */
  async logCalls(connection: ConnectedZoomUser, paths: CallPathFacts[]): Promise<void> {
    await this.record(connection, paths);
  }

  /**
   * Stores the paths, then writes each of their calls' activity from all of that call's stored paths. Another
   * worker may store a path of the same call between our read and our write, and its own write may land before
   * ours: so after writing we read the paths again and write once more while they say something else. The last
   * write to an activity is then always one made from all of its paths, without holding a lock across modules.
   */
  private async record(connection: ConnectedZoomUser, paths: CallPathFacts[]): Promise<SavedActivity[]> {
    const { organisationId } = connection;
    const withCall = paths.map((path) => ({ zoomRef: callActivityKey(connection.zoomUserId, path.callId), path }));
    const stored = await this.paths.storeAndRead(organisationId, withCall);
    // Once per record, not once per delivery of it.
    for (const { path } of stored.firstStored) {
      if (path.unrecognisedResult !== undefined) this.logger.warn({ callId: path.callId, result: path.unrecognisedResult }, 'Zoom call result we do not know: logged as UNKNOWN');
    }
    const written = new Map<string, CallFacts>();
    const saved = new Map<string, SavedActivity>();
    let calls = stored.calls;
    for (;;) {
      const stale = [...calls].map(([zoomRef, callPaths]) => ({ zoomRef, facts: mergeCallPaths(callPaths) })).filter(({ zoomRef, facts }) => !sameCall(written.get(zoomRef), facts));
      if (stale.length === 0) return [...saved.values()];
      const resolved = await this.contacts.resolveCounterparts(organisationId, stale.map(({ facts }) => facts.counterpartRaw));
      // A colleague is no contact: an internal call stays on the agent's side, and out of Unmatched.
      const counterparts = resolved.map((counterpart, index) => (stale[index].facts.direction === ActivityDirection.INTERNAL ? { ...counterpart, contactId: null, contactName: null } : counterpart));
      const rows = stale.map(({ zoomRef, facts }, index) => ({
        ...callActivityFields(connection, facts, counterparts[index], zoomRef),
        type: ActivityType.CALL,
        body: callSummary(facts, counterparts[index].number, counterparts[index].contactName),
      }));
      // A voicemail's length stays when its call's record (talk time 0) merges into it.
      const keepingLength = rows.filter((_, index) => lengthIsTheVoicemails(stale[index].facts));
      const outcomes = [
        ...(await this.activities.upsertManyByZoomRef(keepingLength, CALL_FACT_FIELDS.filter((field) => field !== 'durationSeconds'), CALL_FIELDS_FILLED_IF_EMPTY)),
        ...(await this.activities.upsertManyByZoomRef(rows.filter((row) => !keepingLength.includes(row)), CALL_FACT_FIELDS, CALL_FIELDS_FILLED_IF_EMPTY)),
      ];
      for (const { activity, created } of outcomes) saved.set(activity.id, { activity, created: created || saved.get(activity.id)?.created === true });
      for (const { zoomRef, facts } of stale) written.set(zoomRef, facts);
      calls = await this.paths.linkAndRead(organisationId, outcomes.map(({ activity }) => ({ zoomRef: activity.zoomRef!, activityId: activity.id })));
    }
  }
}
