import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ActivityType } from '@switchboard/crm-domain';
import { In, IsNull, Not, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { ContactsService, escapeLike } from '../crm/contacts.service';
import { DealsService } from '../crm/deals.service';
import { notFound } from '../platform/graphql/errors';
import { type Connection, decodeCursor, encodeCursor, invalidCursor, readPageSize, toConnection } from '../platform/graphql/pagination';
import { cleanText, isUuid } from '../platform/graphql/validation';
import { LiveEventsService } from '../platform/redis/live-events.service';
import { ACTIVITY_ADDED, ACTIVITY_UPDATED, type ActivityMessage, toMessage } from './activity-events';
import { Activity, type ActivityZoomRef, type Attachment } from './entities/activity.entity';

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

/** What "Unmatched" lists: conversations from a number no contact has. A meeting booked in Zoom is not one. */
const UNMATCHED_TYPES = [ActivityType.CALL, ActivityType.VOICEMAIL, ActivityType.SMS];

const cursorOf = (activity: Activity) => encodeCursor([activity.occurredAt.toISOString(), activity.id]);

/** The timeline: every module writes activities through this service, which also announces them live. */
/** Contacts a search finds through their voicemail transcripts; bounded so a common word stays cheap. */
const TRANSCRIPT_SEARCH_LIMIT = 500;

@Injectable()
export class ActivityService implements OnModuleInit {
  constructor(
    @InjectRepository(Activity) private readonly activities: Repository<Activity>,
    private readonly contacts: ContactsService,
    private readonly deals: DealsService,
    private readonly liveEvents: LiveEventsService,
  ) {}

  onModuleInit(): void {
    this.contacts.registerSearchSource(async (organisationId, pattern) => {
      const rows: Array<{ contact_id: string }> = await this.activities.query(
        `SELECT DISTINCT contact_id FROM activities
          WHERE organisation_id = $1 AND transcript IS NOT NULL AND contact_id IS NOT NULL AND lower(transcript) LIKE $2
          LIMIT ${TRANSCRIPT_SEARCH_LIMIT}`,
        [organisationId, pattern],
      );
      return rows.map((row) => row.contact_id);
    });
  }

  async list(principal: Principal, filter: ActivityFilter): Promise<Connection<Activity>> {
    const limit = readPageSize(filter.first);
    const cursor = decodeCursor(filter.after, 2);
    if (filter.contactId) await this.contacts.assertExists(principal, filter.contactId);
    if (filter.dealId) await this.deals.getOrThrow(principal, filter.dealId);
    const query = this.activities.createQueryBuilder('a').where('a.organisation_id = :organisationId', { organisationId: principal.organisationId });
    if (filter.contactId) query.andWhere('a.contact_id = :contactId', { contactId: filter.contactId });
    if (filter.dealId) query.andWhere('a.deal_id = :dealId', { dealId: filter.dealId });
    if (filter.unmatched) query.andWhere('a.contact_id IS NULL AND a.type IN (:...unmatchedTypes)', { unmatchedTypes: UNMATCHED_TYPES });
    if (filter.types?.length) query.andWhere('a.type IN (:...types)', { types: filter.types });
    const search = cleanText(filter.search, 'search', { max: 200 });
    if (search) {
      query.andWhere(`lower(coalesce(a.body, '') || ' ' || coalesce(a.transcript, '')) LIKE :searchPattern`, { searchPattern: `%${escapeLike(search.toLowerCase())}%` });
    }
    const totalQuery = query.clone();
    if (cursor) {
      const occurredAt = new Date(cursor[0]);
      if (Number.isNaN(occurredAt.getTime()) || !isUuid(cursor[1])) throw invalidCursor();
      query.andWhere('(a.occurred_at, a.id) < (:cursorAt, :cursorId)', { cursorAt: occurredAt, cursorId: cursor[1] });
    }
    const rows = await query.orderBy('a.occurred_at', 'DESC').addOrderBy('a.id', 'DESC').limit(limit + 1).getMany();
    return toConnection(rows, limit, cursorOf, () => totalQuery.getCount());
  }

  async findMany(organisationId: string, ids: string[]): Promise<Activity[]> {
    const validIds = ids.filter(isUuid);
    return validIds.length === 0 ? [] : this.activities.findBy({ organisationId, id: In(validIds) });
  }

  async get(principal: Principal, id: string): Promise<Activity | null> {
    return (await this.findMany(principal.organisationId, [id]))[0] ?? null;
  }

  async addNote(principal: Principal, contactId: string, bodyInput: string): Promise<Activity> {
    const contact = await this.contacts.getOrThrow(principal, contactId);
    const body = cleanText(bodyInput, 'body', { required: true, max: 20_000 }) as string;
    return this.record({
      organisationId: principal.organisationId,
      type: ActivityType.NOTE,
      occurredAt: new Date(),
      contactId: contact.id,
      ownerId: principal.userId,
      body,
    });
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
    const moved: Array<{ id: string }> = await this.activities
      .createQueryBuilder()
      .update()
      .set({ contactId: contact.id })
      .where('organisation_id = :organisationId', { organisationId: principal.organisationId })
      .andWhere(
        number ? '(id = :id OR (contact_id IS NULL AND counterpart_number = :number))' : 'id = :id',
        { id: activity.id, number },
      )
      .returning(['id'])
      .execute()
      .then((result) => result.raw);
    const updated = await this.findMany(principal.organisationId, moved.map((row) => row.id));
    for (const item of updated) await this.announce(ACTIVITY_UPDATED, item);
    return updated.find((item) => item.id === activity.id) ?? activity;
  }

  /** Inserts an activity and tells every subscriber, on every api process. */
  async record(fields: Partial<Activity> & Pick<Activity, 'organisationId' | 'type' | 'occurredAt'>): Promise<Activity> {
    const saved = await this.activities.save(this.activities.create({ attachments: [], ...fields }));
    const activity = await this.activities.findOneByOrFail({ id: saved.id });
    await this.announce(ACTIVITY_ADDED, activity);
    return activity;
  }

  /**
   * Records a Zoom object once per organisation and `zoomRef` however often and concurrently its events arrive:
   * the first insert wins and is announced as added; later calls update the Zoom facts (never the contact a
   * user linked) and are announced as updated.
   */
  async upsertByZoomRef(
    fields: Partial<Activity> & Pick<Activity, 'organisationId' | 'type' | 'occurredAt' | 'zoomRef'>,
    updatable: (keyof Activity)[],
  ): Promise<{ activity: Activity; created: boolean }> {
    const inserted = await this.activities
      .createQueryBuilder()
      .insert()
      .into(Activity)
      .values({ attachments: [], ...fields })
      .orIgnore()
      .returning(['id'])
      .execute();
    const created = inserted.raw.length > 0;
    if (!created) {
      const changes = Object.fromEntries(updatable.map((key) => [key, fields[key]]).filter(([, value]) => value !== undefined));
      await this.activities.update({ organisationId: fields.organisationId, zoomRef: fields.zoomRef! }, changes);
    }
    const activity = await this.activities.findOneByOrFail({ organisationId: fields.organisationId, zoomRef: fields.zoomRef! });
    await this.announce(created ? ACTIVITY_ADDED : ACTIVITY_UPDATED, activity);
    return { activity, created };
  }

  /**
   * upsertByZoomRef for a batch of distinct Zoom objects (a backfill's page): one statement, then each activity
   * announced as added or updated. Existing rows get only the `updatable` fields, like the single form.
   */
  async upsertManyByZoomRef(rows: Array<Partial<Activity> & Pick<Activity, 'organisationId' | 'type' | 'occurredAt' | 'zoomRef'>>, updatable: (keyof Activity)[]): Promise<void> {
    if (rows.length === 0) return;
    const columnOf = (property: keyof Activity) => this.activities.metadata.findColumnWithPropertyName(property)!.databaseName;
    const result = await this.activities
      .createQueryBuilder()
      .insert()
      .into(Activity)
      .values(rows.map((row) => ({ attachments: [], ...row })))
      .orUpdate([...updatable.map(columnOf), 'updated_at'], ['organisation_id', 'zoom_ref'], { indexPredicate: 'zoom_ref IS NOT NULL' })
      .returning('id, (xmax = 0) AS inserted')
      .execute();
    const outcomes = result.raw as Array<{ id: string; inserted: boolean }>;
    const saved = new Map((await this.activities.findBy({ id: In(outcomes.map((outcome) => outcome.id)) })).map((activity) => [activity.id, activity]));
    await Promise.all(outcomes.map((outcome) => this.announce(outcome.inserted ? ACTIVITY_ADDED : ACTIVITY_UPDATED, saved.get(outcome.id)!)));
  }

  /**
   * Changes the activity recorded for a Zoom object, optionally only while its status is one of `whileStatusIn`
   * (null meaning none yet): a status only moves forward however Zoom's events interleave. Null when nothing changed.
   */
  updateByZoomRef(organisationId: string, zoomRef: string, changes: Partial<Activity>, whileStatusIn?: Array<string | null>): Promise<Activity | null> {
    return this.updateWhere(organisationId, 'zoom_ref = :zoomRef', { zoomRef }, changes, whileStatusIn);
  }

  updateById(organisationId: string, id: string, changes: Partial<Activity>): Promise<Activity | null> {
    return this.updateWhere(organisationId, 'id = :id', { id }, changes);
  }

  /**
   * Adds a link (recording, voicemail, ...) to the activity of a Zoom object, once however often it is added, and
   * merges the Zoom ids that came with it (e.g. `recordingId`) into `zoom`.
   */
  async attach(organisationId: string, zoomRef: string, attachment: Attachment, zoomIds: Partial<ActivityZoomRef> = {}): Promise<Activity | null> {
    const result = await this.activities.query(
      `UPDATE activities SET attachments = attachments || $3::jsonb, zoom = coalesce(zoom, '{}'::jsonb) || $5::jsonb, updated_at = now()
        WHERE organisation_id = $1 AND zoom_ref = $2 AND NOT attachments @> jsonb_build_array(jsonb_build_object('url', $4::text))
        RETURNING id`,
      [organisationId, zoomRef, JSON.stringify([attachment]), attachment.url, JSON.stringify(zoomIds)],
    );
    const [rows] = result as [Array<{ id: string }>, number];
    if (!rows?.length) return null;
    const activity = await this.activities.findOneByOrFail({ id: rows[0].id });
    await this.announce(ACTIVITY_UPDATED, activity);
    return activity;
  }

  private async updateWhere(
    organisationId: string,
    condition: string,
    parameters: Record<string, unknown>,
    changes: Partial<Activity>,
    whileStatusIn?: Array<string | null>,
  ): Promise<Activity | null> {
    const query = this.activities
      .createQueryBuilder()
      .update()
      .set(changes)
      .where(`organisation_id = :organisationId AND ${condition}`, { organisationId, ...parameters });
    if (whileStatusIn) query.andWhere(`coalesce(status, '') IN (:...statuses)`, { statuses: whileStatusIn.map((status) => status ?? '') });
    const result = await query.returning(['id']).execute();
    const [updated] = result.raw as Array<{ id: string }>;
    if (!updated) return null;
    const activity = await this.activities.findOneByOrFail({ id: updated.id });
    await this.announce(ACTIVITY_UPDATED, activity);
    return activity;
  }

  /**
   * What `app_deauthorized` must remove (docs/privacy.md): every activity built from that user's Zoom data
   * (calls, voicemails, meetings, recordings, transcripts, summaries) and their calls on the live board. Notes and
   * emails typed in the CRM stay.
   */
  async deleteZoomDerived(organisationId: string, ownerId: string): Promise<number> {
    // Voicemail, recording and meeting rows hang off these activities and go with them; the call board's rows do not.
    await this.activities.query('DELETE FROM live_calls WHERE organisation_id = $1 AND owner_id = $2', [organisationId, ownerId]);
    const result = await this.activities.delete({ organisationId, ownerId, zoomRef: Not(IsNull()) });
    return result.affected ?? 0;
  }

  private async announce(event: string, activity: Activity): Promise<void> {
    await this.liveEvents.publish<ActivityMessage>(event, toMessage(activity));
  }

  upcomingMeetings(principal: Principal, first?: number | null, contactId?: string | null): Promise<Activity[]> {
    const query = this.activities
      .createQueryBuilder('a')
      .where('a.organisation_id = :organisationId', { organisationId: principal.organisationId })
      .andWhere('a.type = :type', { type: ActivityType.MEETING });
    if (contactId) query.andWhere('a.contact_id = :contactId', { contactId });
    return query
      .andWhere("a.occurred_at >= now() - interval '1 hour'")
      .andWhere("coalesce(a.status, '') NOT IN ('Cancelled', 'Ended')")
      .orderBy('a.occurred_at', 'ASC')
      .limit(readPageSize(first))
      .getMany();
  }
}
