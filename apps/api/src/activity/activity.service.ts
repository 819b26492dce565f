import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ActivityType, callSummary, ContactActivitiesOnDelete, contactDisplayName, DELETED_WITH_KEPT_CONTACT_ACTIVITIES, MeetingStatus, voicemailSummary } from '@switchboard/crm-domain';
import type { Logger } from 'pino';
import type { Principal } from '../auth';
import { ContactsService, DealsService, escapeLike } from '../crm';
import { badInput, forbidden, notFound } from '../platform/graphql/errors';
import { type Connection, decodeCursor, encodeCursor, invalidCursor, readPageSize, toConnection } from '../platform/graphql/pagination';
import { cleanText, isUuid } from '../platform/graphql/validation';
import { LOGGER } from '../platform/logging/logger';
import { LiveEventsService } from '../platform/redis/live-events.service';
import { ACTIVITY_ADDED, ACTIVITY_UPDATED, type ActivityMessage, toMessage } from './activity-events';
import { type ActivityCriteria, ActivityRepository, type NewActivity, type SavedActivity, type ZoomActivity } from './activity.repository';
import type { Activity, ActivityZoomRef, Attachment } from './entities/activity.entity';
import { LiveCallRepository } from './live-call.repository';

/** What a write did: the row as saved, and whether the write created it. */
export type { SavedActivity };

/** Hears the activities a write (or a whole announceOnce) changed, as they were published. */
export type ActivitiesWrittenListener = (activities: SavedActivity[]) => Promise<void>;

/** A note as it was when its author deleted it: what deleteNote answers and its `activityUpdated` carries. */
export type DeletedActivity = Activity & { deleted: true };

export interface ActivityFilter {
  contactId?: string | null;
  /** Words in the activity's text: a note, a summary line, a voicemail transcript. */
  search?: string | null;
  dealId?: string | null;
  types?: ActivityType[] | null;
  unmatched?: boolean;
  first?: number | null;
  after?: string | null;
}

/**
 * What "Unmatched" lists: conversations from a number no contact has, and recordings of meetings no contact was
 * invited to (or detached by the agent). A meeting booked in Zoom is not one, nor an internal call.
 */
const UNMATCHED_TYPES = [ActivityType.CALL, ActivityType.VOICEMAIL, ActivityType.SMS, ActivityType.RECORDING];
/** Contacts a search finds through their voicemail transcripts; bounded so a common word stays cheap. */
const TRANSCRIPT_SEARCH_LIMIT = 500;
/** A meeting that started within this interval may still be running, so it stays among the upcoming ones. */
const UPCOMING_MEETINGS_STARTED_WITHIN = '1 hour';
const CLOSED_MEETING_STATUSES = [MeetingStatus.CANCELLED, MeetingStatus.ENDED];

/** A note's text, as addNote and updateNote take it. */
const noteBody = (input: string) => cleanText(input, 'body', { required: true, max: 20_000 }) as string;

const cursorOf = (activity: Activity) => encodeCursor([activity.occurredAt.toISOString(), activity.id]);

function readCursorKey([occurredAtText, id]: string[]): { occurredAt: Date; id: string } {
  const occurredAt = new Date(occurredAtText);
  if (Number.isNaN(occurredAt.getTime()) || !isUuid(id)) throw invalidCursor();
  return { occurredAt, id };
}

/** The activities written during one announceOnce, to be published when it ends. */
class AnnouncementScope {
  /** Activity id -> created inside the scope; in the order the activities first changed. */
  private readonly changed = new Map<string, boolean>();
  private open = true;

  get isOpen(): boolean {
    return this.open;
  }

  /** False once the scope has ended: a write the work started without awaiting it then announces on its own. */
  add({ activity, created }: SavedActivity): boolean {
    if (!this.open) return false;
    this.changed.set(activity.id, this.changed.get(activity.id) === true || created);
    return true;
  }

  close(): Map<string, boolean> {
    this.open = false;
    return this.changed;
  }
}

/** The timeline: every module writes activities through this service, which also announces them live. */
@Injectable()
export class ActivityService implements OnModuleInit {
  private readonly announcementScopes = new AsyncLocalStorage<AnnouncementScope>();
  private readonly writtenListeners: ActivitiesWrittenListener[] = [];

  constructor(
    private readonly activities: ActivityRepository,
    private readonly liveCalls: LiveCallRepository,
    private readonly contacts: ContactsService,
    private readonly deals: DealsService,
    private readonly liveEvents: LiveEventsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.contacts.registerSearchSource((organisationId, pattern) => this.activities.contactIdsByTranscript(organisationId, pattern, TRANSCRIPT_SEARCH_LIMIT));
    this.onActivitiesWritten((written) => this.contacts.noteContacted(written.map(({ activity }) => activity)));
    this.contacts.onContactRemoval((organisationId, contactId, kept) => this.releaseContact(organisationId, contactId, kept));
  }

  /**
   * Before a contact is deleted: its activities go (DELETE), or stay on no contact but for its notes and emails
   * (KEEP; calls, voicemails, texts and recordings then list in Unmatched). Every open timeline hears each as an
   * update: deleted ones with `deleted: true`, kept ones having left the contact.
   */
  private async releaseContact(organisationId: string, contactId: string, kept: ContactActivitiesOnDelete): Promise<void> {
    const deletedTypes = kept === ContactActivitiesOnDelete.KEEP ? DELETED_WITH_KEPT_CONTACT_ACTIVITIES : null;
    const { deleted, released } = await this.activities.releaseContact(organisationId, contactId, deletedTypes);
    await Promise.all([
      ...deleted.map((activity): DeletedActivity => ({ ...activity, deleted: true })).map((gone) => this.liveEvents.publish<ActivityMessage>(ACTIVITY_UPDATED, toMessage(gone))),
      ...released.map((activity) => this.liveEvents.publish<ActivityMessage>(ACTIVITY_UPDATED, toMessage(activity, contactId))),
    ]);
  }

  async list(principal: Principal, filter: ActivityFilter): Promise<Connection<Activity>> {
    const limit = readPageSize(filter.first);
    const cursor = decodeCursor(filter.after, 2);
    if (filter.contactId) await this.contacts.assertExists(principal, filter.contactId);
    if (filter.dealId) await this.deals.getOrThrow(principal, filter.dealId);
    const search = cleanText(filter.search, 'search', { max: 200 });
    const criteria: ActivityCriteria = {
      organisationId: principal.organisationId,
      contactId: filter.contactId,
      dealId: filter.dealId,
      types: filter.types,
      unmatchedTypes: filter.unmatched ? UNMATCHED_TYPES : undefined,
      textPattern: search ? `%${escapeLike(search.toLowerCase())}%` : null,
    };
    const rows = await this.activities.list(criteria, { take: limit + 1, before: cursor && readCursorKey(cursor) });
    return toConnection(rows, limit, cursorOf, () => this.activities.count(criteria));
  }

  async findMany(organisationId: string, ids: string[]): Promise<Activity[]> {
    return this.activities.findMany(organisationId, ids.filter(isUuid));
  }

  /** The activity recorded for a Zoom object (e.g. a meeting's, to put its recording on the same contact). */
  findByZoomRef(organisationId: string, zoomRef: string): Promise<Activity | null> {
    return this.activities.findByZoomRef(organisationId, zoomRef);
  }

  async get(principal: Principal, id: string): Promise<Activity | null> {
    return (await this.findMany(principal.organisationId, [id]))[0] ?? null;
  }

  async addNote(principal: Principal, contactId: string, bodyInput: string): Promise<Activity> {
    const contact = await this.contacts.getOrThrow(principal, contactId);
    const body = noteBody(bodyInput);
    return this.record({
      organisationId: principal.organisationId,
      type: ActivityType.NOTE,
      occurredAt: new Date(),
      contactId: contact.id,
      ownerId: principal.userId,
      body,
    });
  }

  /** A note's new text, from its author only; every open timeline hears it as an update. */
  async updateNote(principal: Principal, activityId: string, bodyInput: string): Promise<Activity> {
    const note = await this.authoredNote(principal, activityId, 'edit');
    const body = noteBody(bodyInput);
    return (await this.updateById(principal.organisationId, note.id, { body })) ?? note;
  }

  /**
   * Deletes a note, from its author only. The row goes; subscribers hear `activityUpdated` with `deleted: true`
   * (the last state of the note), so an open timeline drops it without a subscription of its own.
   */
  async deleteNote(principal: Principal, activityId: string): Promise<DeletedActivity> {
    const note = await this.authoredNote(principal, activityId, 'delete');
    if (!(await this.activities.deleteById(principal.organisationId, note.id))) throw notFound('Note');
    const deleted: DeletedActivity = { ...note, deleted: true };
    await this.liveEvents.publish<ActivityMessage>(ACTIVITY_UPDATED, toMessage(deleted));
    return deleted;
  }

  private async authoredNote(principal: Principal, activityId: string, action: 'edit' | 'delete'): Promise<Activity> {
    const activity = await this.get(principal, activityId);
    if (!activity) throw notFound('Note');
    if (activity.type !== ActivityType.NOTE) throw badInput(`Only notes can be ${action === 'edit' ? 'edited' : 'deleted'} here`, 'activityId');
    if (activity.ownerId !== principal.userId) throw forbidden(`Only the person who wrote this note can ${action} it`);
    return activity;
  }

  /**
   * Puts an activity on a contact. For a call, voicemail or text the number comes along: the contact adopts it
   * (remembered as the answer to "Which contact?" when others share it) and every other unmatched activity with
   * that number moves too.
   */
  async link(principal: Principal, activityId: string, contactId: string): Promise<Activity> {
    const activity = await this.get(principal, activityId);
    if (!activity) throw notFound('Activity');
    const contact = await this.contacts.getOrThrow(principal, contactId);
    const number = activity.counterpartNumber;
    if (number) await this.contacts.adoptNumber(principal, contact.id, number);
    const movedIds = await this.activities.moveToContact(principal.organisationId, contact.id, activity.id, number);
    const moved = await this.nameContactInSummaries(principal.organisationId, await this.activities.findMany(principal.organisationId, movedIds), contactDisplayName(contact.firstName, contact.lastName));
    await this.announce(...moved.map((item) => ({ activity: item, created: false })));
    return moved.find((item) => item.id === activity.id) ?? activity;
  }

  /**
   * Puts an activity on one of the organisation's deals, or off its deal (null); its contact stays. A deal of
   * another contact is refused: the activity would sit on a deal whose contact's timeline never shows it, so the
   * agent moves it to that contact first. An activity with no contact (Unmatched) may go on any deal.
   */
  async setDeal(principal: Principal, activityId: string, dealId: string | null): Promise<Activity> {
    const activity = await this.get(principal, activityId);
    if (!activity) throw notFound('Activity');
    const deal = dealId ? await this.deals.getOrThrow(principal, dealId) : null;
    if (deal?.contactId && activity.contactId && deal.contactId !== activity.contactId) {
      throw badInput('That deal is for another contact: move the activity to that contact first.', 'dealId');
    }
    return this.relink(principal.organisationId, activity.id, { contactId: activity.contactId, dealId: deal?.id ?? null });
  }

  /**
   * Puts one activity on another contact and deal (either may be null: off every contact, to Unmatched) and tells
   * both timelines: the one it left hears it with its new contact.
   */
  async relink(organisationId: string, activityId: string, target: { contactId: string | null; dealId: string | null }): Promise<Activity> {
    const before = await this.activities.findMany(organisationId, [activityId]);
    if (before.length === 0) throw notFound('Activity');
    const moved = await this.activities.updateById(organisationId, activityId, target);
    if (!moved) throw notFound('Activity');
    const previousContactId = before[0].contactId !== moved.contactId ? before[0].contactId : null;
    await this.liveEvents.publish<ActivityMessage>(ACTIVITY_UPDATED, toMessage(moved, previousContactId));
    return moved;
  }

  /**
   * Zoom calls and voicemails put on a contact read the contact's name, as those matched when they came in do.
   * Resolves to the activities as they now are.
   */
  private async nameContactInSummaries(organisationId: string, moved: Activity[], contactName: string): Promise<Activity[]> {
    const named: Activity[] = [];
    for (const activity of moved) {
      const { result, direction } = activity;
      const summary =
        !activity.zoomRef || !activity.body || !result || !direction ? activity.body
        : activity.type === ActivityType.CALL ? callSummary({ result, direction, counterpartName: activity.counterpartName }, activity.counterpartNumber, contactName)
        : activity.type === ActivityType.VOICEMAIL ? voicemailSummary(activity, activity.counterpartNumber, contactName)
        : activity.body;
      named.push(summary === activity.body ? activity : ((await this.activities.updateById(organisationId, activity.id, { body: summary })) ?? activity));
    }
    return named;
  }

  /**
   * Runs one use case (a webhook event, a voicemail received, a backfill page) and publishes each activity it
   * added or updated through this service once, when it ends, instead of once per write: a voicemail is an
   * upsert, an attachment and a status change, and subscribers should see one message with the finished row, not
   * three with the states in between. Each is published as ACTIVITY_ADDED when it was created inside the scope,
   * else ACTIVITY_UPDATED, as it is at the end (re-read in one query; a row deleted meanwhile is not published).
   *
   * The scope follows the async calls made by `work` (AsyncLocalStorage), so the services it calls need no extra
   * parameter, and a nested announceOnce joins the outermost one: only the whole use case ends it. Writes are
   * committed as they go, so publishing happens also when `work` fails (subscribers must hear of what changed
   * before the failure), and then the work's error propagates. Outside any scope every write announces at once.
   */
  async announceOnce<T>(work: () => Promise<T>): Promise<T> {
    if (this.announcementScopes.getStore()?.isOpen) return work();
    const scope = new AnnouncementScope();
    let workSucceeded = false;
    try {
      const result = await this.announcementScopes.run(scope, work);
      workSucceeded = true;
      return result;
    } finally {
      await this.publishChanged(scope.close()).catch((error: Error) => {
        // After a failed work its own error is the one the caller must see.
        if (workSucceeded) throw error;
        this.logger.warn({ err: error.message }, 'Could not announce the activities a failed use case changed');
      });
    }
  }

  /** Inserts an activity and tells every subscriber, on every api process. */
  async record(fields: NewActivity): Promise<Activity> {
    const activity = await this.activities.insert(fields);
    await this.announce({ activity, created: true });
    return activity;
  }

  /**
   * Records a Zoom object once per organisation and `zoomRef` however often and concurrently its events arrive:
   * the first insert wins and is announced as added; later calls update the `updatable` facts and fill the
   * `fillIfEmpty` ones the row lacks (never the contact a user linked), and are announced as updated.
   */
  async upsertByZoomRef(fields: ZoomActivity, updatable: (keyof Activity)[], fillIfEmpty: (keyof Activity)[] = []): Promise<{ activity: Activity; created: boolean }> {
    const saved = await this.activities.upsertByZoomRef(fields, updatable, fillIfEmpty);
    await this.announce(saved);
    return saved;
  }

  /**
   * upsertByZoomRef for a batch of distinct Zoom objects (a backfill's page): one statement, then each activity
   * announced as added or updated. Existing rows get only the `updatable` fields, like the single form.
   */
  async upsertManyByZoomRef(rows: ZoomActivity[], updatable: (keyof Activity)[], fillIfEmpty: (keyof Activity)[] = []): Promise<SavedActivity[]> {
    const saved = await this.activities.upsertManyByZoomRef(rows, updatable, fillIfEmpty);
    await this.announce(...saved);
    return saved;
  }

  /**
   * Changes the activity recorded for a Zoom object, optionally only while its status is one of `whileStatusIn`
   * (null meaning none yet): a status only moves forward however Zoom's events interleave. Null when nothing changed.
   */
  async updateByZoomRef(organisationId: string, zoomRef: string, changes: Partial<Activity>, whileStatusIn?: Array<string | null>): Promise<Activity | null> {
    return this.announceUpdated(await this.activities.updateByZoomRef(organisationId, zoomRef, changes, whileStatusIn));
  }

  async updateById(organisationId: string, id: string, changes: Partial<Activity>): Promise<Activity | null> {
    return this.announceUpdated(await this.activities.updateById(organisationId, id, changes));
  }

  /** A fact another module keeps for the activity changed (a recording's summary state): subscribers hear it as an update. */
  async touch(organisationId: string, id: string): Promise<Activity | null> {
    return this.updateById(organisationId, id, { updatedAt: new Date() });
  }

  /**
   * Adds a link (recording, voicemail, ...) to the activity of a Zoom object, once however often it is added, and
   * merges the Zoom ids that came with it (e.g. `recordingId`) into `zoom`.
   */
  async attach(organisationId: string, zoomRef: string, attachment: Attachment, zoomIds: Partial<ActivityZoomRef> = {}): Promise<Activity | null> {
    return this.announceUpdated(await this.activities.attach(organisationId, zoomRef, attachment, zoomIds));
  }

  /**
   * What `app_deauthorized` must remove (docs/privacy.md): every activity built from that user's Zoom data
   * (calls, voicemails, meetings, recordings, transcripts, summaries) and their calls on the live board. Notes and
   * emails typed in the CRM stay.
   */
  async deleteZoomDerived(organisationId: string, ownerId: string): Promise<number> {
    // Voicemail, recording and meeting rows hang off these activities and go with them; the call board's rows do not.
    await this.liveCalls.deleteForOwner(organisationId, ownerId);
    return this.activities.deleteZoomDerived(organisationId, ownerId);
  }

  upcomingMeetings(principal: Principal, first?: number | null, contactId?: string | null): Promise<Activity[]> {
    return this.activities.upcomingMeetings(principal.organisationId, {
      contactId,
      startedWithin: UPCOMING_MEETINGS_STARTED_WITHIN,
      excludedStatuses: CLOSED_MEETING_STATUSES,
      take: readPageSize(first),
    });
  }

  /**
   * Lets another module act on what the timeline received (tasks opens and closes call-backs) without the writers
   * knowing it: called once per publish with the activities published. A listener's failure is logged and never
   * fails the write, which is committed and announced already.
   */
  onActivitiesWritten(listener: ActivitiesWrittenListener): void {
    this.writtenListeners.push(listener);
  }

  private async tellListeners(written: SavedActivity[]): Promise<void> {
    if (written.length === 0) return;
    for (const listener of this.writtenListeners) {
      await listener(written).catch((error: Error) => this.logger.error({ err: error.message, activityIds: written.map(({ activity }) => activity.id) }, 'A listener of written activities failed'));
    }
  }

  private async announceUpdated(activity: Activity | null): Promise<Activity | null> {
    if (activity) await this.announce({ activity, created: false });
    return activity;
  }

  /** Publishes now, or leaves it to the announceOnce this runs in. */
  private async announce(...changes: SavedActivity[]): Promise<void> {
    const scope = this.announcementScopes.getStore();
    const now = scope ? changes.filter((change) => !scope.add(change)) : changes;
    await Promise.all(now.map(({ activity, created }) => this.publish(activity, created)));
    await this.tellListeners(now);
  }

  private async publishChanged(changed: Map<string, boolean>): Promise<void> {
    if (changed.size === 0) return;
    const current = new Map((await this.activities.findByIds([...changed.keys()])).map((activity) => [activity.id, activity]));
    const published = [...changed].flatMap(([id, created]): SavedActivity[] => {
      const activity = current.get(id);
      return activity ? [{ activity, created }] : [];
    });
    await Promise.all(published.map(({ activity, created }) => this.publish(activity, created)));
    await this.tellListeners(published);
  }

  private async publish(activity: Activity, created: boolean): Promise<void> {
    await this.liveEvents.publish<ActivityMessage>(created ? ACTIVITY_ADDED : ACTIVITY_UPDATED, toMessage(activity));
  }
}
