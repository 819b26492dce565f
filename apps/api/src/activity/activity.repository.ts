import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ActivityType } from '@switchboard/crm-domain';
import { In, IsNull, Not, Repository, type SelectQueryBuilder } from 'typeorm';
import { Activity, type ActivityZoomRef, type Attachment } from './entities/activity.entity';

export type NewActivity = Partial<Activity> & Pick<Activity, 'organisationId' | 'type' | 'occurredAt'>;
export type ZoomActivity = NewActivity & Pick<Activity, 'zoomRef'>;

/** A write's outcome: the row as saved, and whether the write inserted it. */
export interface SavedActivity {
  activity: Activity;
  created: boolean;
}

/** Which activities a timeline lists; every field given narrows it. */
export interface ActivityCriteria {
  organisationId: string;
  contactId?: string | null;
  dealId?: string | null;
  types?: ActivityType[] | null;
  /** Only activities on no contact, of these types, that are not internal (a colleague is no one to create a contact for). */
  unmatchedTypes?: ActivityType[];
  /** A LIKE pattern, lower case, matched against the activity's text (body, transcript and a call's notes). */
  textPattern?: string | null;
}

/** A keyset page of a timeline, newest first: `take` rows older than `before`. */
export interface ActivityPage {
  take: number;
  before?: { occurredAt: Date; id: string } | null;
}

/** Which meetings an upcoming-meetings list holds, soonest first. */
export interface UpcomingMeetingCriteria {
  contactId?: string | null;
  /** A PostgreSQL interval: meetings that started less than this long ago are still listed. */
  startedWithin: string;
  excludedStatuses: string[];
  take: number;
}

/** The activities table: every query the timeline runs, and nothing about when or whom to tell. */
@Injectable()
export class ActivityRepository {
  constructor(@InjectRepository(Activity) private readonly activities: Repository<Activity>) {}

  list(criteria: ActivityCriteria, page: ActivityPage): Promise<Activity[]> {
    const query = this.matching(criteria);
    if (page.before) query.andWhere('(a.occurred_at, a.id) < (:cursorAt, :cursorId)', { cursorAt: page.before.occurredAt, cursorId: page.before.id });
    return query.orderBy('a.occurred_at', 'DESC').addOrderBy('a.id', 'DESC').limit(page.take).getMany();
  }

  count(criteria: ActivityCriteria): Promise<number> {
    return this.matching(criteria).getCount();
  }

  findMany(organisationId: string, ids: string[]): Promise<Activity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.activities.findBy({ organisationId, id: In(ids) });
  }

  findByZoomRef(organisationId: string, zoomRef: string): Promise<Activity | null> {
    return this.activities.findOneBy({ organisationId, zoomRef });
  }

  /** By id alone, for rows this process just wrote (ids are unique across organisations). */
  findByIds(ids: string[]): Promise<Activity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.activities.findBy({ id: In(ids) });
  }

  async insert(fields: NewActivity): Promise<Activity> {
    const saved = await this.activities.save(this.activities.create({ attachments: [], ...fields }));
    return this.activities.findOneByOrFail({ id: saved.id });
  }

  /**
   * Inserts the row for a Zoom object unless one exists for its organisation and `zoomRef` (the first insert
   * wins, also against a concurrent one), else updates only the `updatable` fields given, and the `fillIfEmpty`
   * fields given where the row has none yet.
   */
  async upsertByZoomRef(fields: ZoomActivity, updatable: (keyof Activity)[], fillIfEmpty: (keyof Activity)[] = []): Promise<SavedActivity> {
    const inserted = await this.activities
      .createQueryBuilder()
      .insert()
      .into(Activity)
      .values({ attachments: [], ...fields })
      .orIgnore()
      .returning(['id'])
      .execute();
    const created = inserted.raw.length > 0;
    const key = { organisationId: fields.organisationId, zoomRef: fields.zoomRef! };
    if (!created) {
      const given = (field: keyof Activity) => fields[field] !== undefined;
      const changes: Record<string, unknown> = Object.fromEntries(updatable.filter(given).map((field) => [field, fields[field]]));
      const fills = fillIfEmpty.filter((field) => given(field) && fields[field] !== null);
      for (const field of fills) changes[field] = () => `coalesce(${this.columnName(field)}, :fill_${field})`;
      // With nothing to change the row stays as it is: an empty update would still move its updatedAt.
      if (Object.keys(changes).length > 0) {
        await this.activities
          .createQueryBuilder()
          .update(Activity)
          .set(changes)
          .where('organisation_id = :organisationId AND zoom_ref = :zoomRef', key)
          .setParameters(Object.fromEntries(fills.map((field) => [`fill_${field}`, fields[field]])))
          .execute();
      }
    }
    return { activity: await this.activities.findOneByOrFail(key), created };
  }

  /**
   * upsertByZoomRef for distinct Zoom objects: one statement for all rows that give the same fields (a backfill
   * page's all do), with one array parameter per column, returning the rows as saved. A field a row leaves
   * undefined gets the column's default, as in upsertByZoomRef; existing rows get all the `updatable` fields, and
   * the `fillIfEmpty` fields where they have none.
   */
  async upsertManyByZoomRef(rows: ZoomActivity[], updatable: (keyof Activity)[], fillIfEmpty: (keyof Activity)[] = []): Promise<SavedActivity[]> {
    const bySetOfFields = new Map<string, ZoomActivity[]>();
    for (const row of rows.map((given) => ({ attachments: [], ...given }))) {
      const fields = Object.keys(row).filter((field) => row[field as keyof ZoomActivity] !== undefined).sort().join();
      bySetOfFields.set(fields, [...(bySetOfFields.get(fields) ?? []), row]);
    }
    const saved: SavedActivity[] = [];
    for (const sameFields of bySetOfFields.values()) saved.push(...(await this.upsertSameFields(sameFields, updatable, fillIfEmpty)));
    return saved;
  }

  /** Null when no row matched, or its status was not one of `whileStatusIn` (null meaning none yet). */
  updateByZoomRef(organisationId: string, zoomRef: string, changes: Partial<Activity>, whileStatusIn?: Array<string | null>): Promise<Activity | null> {
    return this.updateWhere(organisationId, 'zoom_ref = :zoomRef', { zoomRef }, changes, whileStatusIn);
  }

  updateById(organisationId: string, id: string, changes: Partial<Activity>): Promise<Activity | null> {
    return this.updateWhere(organisationId, 'id = :id', { id }, changes);
  }

  /**
   * Takes every activity off the contact, in one transaction: those of `deletedTypes` (every type when null) are
   * deleted, the others stay on no contact. Answers both as they were last, the kept ones without their contact.
   */
  async releaseContact(organisationId: string, contactId: string, deletedTypes: readonly ActivityType[] | null): Promise<{ deleted: Activity[]; released: Activity[] }> {
    return this.activities.manager.transaction(async (manager) => {
      const rows = await manager.findBy(Activity, { organisationId, contactId });
      const deleted = rows.filter((row) => !deletedTypes || deletedTypes.includes(row.type));
      const released = rows.filter((row) => !deleted.includes(row));
      if (deleted.length > 0) await manager.delete(Activity, { organisationId, id: In(deleted.map((row) => row.id)) });
      if (released.length > 0) await manager.update(Activity, { organisationId, id: In(released.map((row) => row.id)) }, { contactId: null });
      return { deleted, released: released.map((row) => ({ ...row, contactId: null })) };
    });
  }

  /** True when the row was there to delete. */
  async deleteById(organisationId: string, id: string): Promise<boolean> {
    const result = await this.activities.delete({ organisationId, id });
    return (result.affected ?? 0) > 0;
  }

  /** Appends the attachment unless one with its URL is there, merging `zoomIds` into `zoom`; null when nothing changed. */
  async attach(organisationId: string, zoomRef: string, attachment: Attachment, zoomIds: Partial<ActivityZoomRef>): Promise<Activity | null> {
    const result = await this.activities.query(
      `UPDATE activities SET attachments = attachments || $3::jsonb, zoom = coalesce(zoom, '{}'::jsonb) || $5::jsonb, updated_at = now()
        WHERE organisation_id = $1 AND zoom_ref = $2 AND NOT attachments @> jsonb_build_array(jsonb_build_object('url', $4::text))
        RETURNING id`,
      [organisationId, zoomRef, JSON.stringify([attachment]), attachment.url, JSON.stringify(zoomIds)],
    );
    const [rows] = result as [Array<{ id: string }>, number];
    return rows?.length ? this.activities.findOneByOrFail({ id: rows[0].id }) : null;
  }

  /** Puts the activity, and every activity on no contact with `number` when one is given, on the contact; their ids. */
  async moveToContact(organisationId: string, contactId: string, activityId: string, number: string | null): Promise<string[]> {
    const result = await this.activities
      .createQueryBuilder()
      .update()
      .set({ contactId })
      .where('organisation_id = :organisationId', { organisationId })
      .andWhere(number ? '(id = :id OR (contact_id IS NULL AND counterpart_number = :number))' : 'id = :id', { id: activityId, number })
      .returning(['id'])
      .execute();
    return (result.raw as Array<{ id: string }>).map((row) => row.id);
  }

  /** Every activity of that owner that came from Zoom (it has a `zoomRef`); how many went. */
  async deleteZoomDerived(organisationId: string, ownerId: string): Promise<number> {
    const result = await this.activities.delete({ organisationId, ownerId, zoomRef: Not(IsNull()) });
    return result.affected ?? 0;
  }

  upcomingMeetings(organisationId: string, criteria: UpcomingMeetingCriteria): Promise<Activity[]> {
    const query = this.activities
      .createQueryBuilder('a')
      .where('a.organisation_id = :organisationId', { organisationId })
      .andWhere('a.type = :type', { type: ActivityType.MEETING });
    if (criteria.contactId) query.andWhere('a.contact_id = :contactId', { contactId: criteria.contactId });
    return query
      .andWhere('a.occurred_at >= now() - CAST(:startedWithin AS interval)', { startedWithin: criteria.startedWithin })
      .andWhere(`coalesce(a.status, '') NOT IN (:...excludedStatuses)`, { excludedStatuses: criteria.excludedStatuses })
      .orderBy('a.occurred_at', 'ASC')
      .limit(criteria.take)
      .getMany();
  }

  /** Distinct contacts with a transcript matching the LIKE pattern (lower case), at most `limit`. */
  async contactIdsByTranscript(organisationId: string, pattern: string, limit: number): Promise<string[]> {
    const rows: Array<{ contact_id: string }> = await this.activities.query(
      `SELECT DISTINCT contact_id FROM activities
        WHERE organisation_id = $1 AND transcript IS NOT NULL AND contact_id IS NOT NULL AND lower(transcript) LIKE $2
        LIMIT $3`,
      [organisationId, pattern, limit],
    );
    return rows.map((row) => row.contact_id);
  }

  /** Rows that give the same fields, in one statement. */
  private async upsertSameFields(rows: ZoomActivity[], updatable: (keyof Activity)[], fillIfEmpty: (keyof Activity)[]): Promise<SavedActivity[]> {
    const { driver } = this.activities.manager.connection;
    const { columns } = this.activities.metadata;
    const given = columns.filter((column) => column.getEntityValue(rows[0]) !== undefined);
    const escaped = (field: keyof Activity) => driver.escape(this.columnName(field));
    const assignments = [
      ...[...updatable.map(escaped), driver.escape('updated_at')].map((name) => `${name} = EXCLUDED.${name}`),
      ...fillIfEmpty.map(escaped).map((name) => `${name} = coalesce(activities.${name}, EXCLUDED.${name})`),
    ];
    const saved: Array<Record<string, unknown> & { inserted: boolean }> = await this.activities.query(
      `INSERT INTO activities (${given.map((column) => driver.escape(column.databaseName)).join(', ')})
       SELECT * FROM unnest(${given.map((column, index) => `$${index + 1}::${driver.normalizeType(column)}[]`).join(', ')})
       ON CONFLICT (organisation_id, zoom_ref) WHERE zoom_ref IS NOT NULL DO UPDATE SET ${assignments.join(', ')}
       RETURNING *, (xmax = 0) AS inserted`,
      given.map((column) => rows.map((row) => driver.preparePersistentValue(column.getEntityValue(row), column))),
    );
    return saved.map((row) => ({ activity: this.hydrated(row), created: row.inserted }));
  }

  private columnName(field: keyof Activity): string {
    return this.activities.metadata.findColumnWithPropertyName(field)!.databaseName;
  }

  /** An activity from a row as PostgreSQL returns it (RETURNING *), as a find would have loaded it. */
  private hydrated(row: Record<string, unknown>): Activity {
    const { driver } = this.activities.manager.connection;
    const activity = this.activities.create();
    for (const column of this.activities.metadata.columns) column.setEntityValue(activity, driver.prepareHydratedValue(row[column.databaseName], column));
    return activity;
  }

  private matching(criteria: ActivityCriteria): SelectQueryBuilder<Activity> {
    const query = this.activities.createQueryBuilder('a').where('a.organisation_id = :organisationId', { organisationId: criteria.organisationId });
    if (criteria.contactId) query.andWhere('a.contact_id = :contactId', { contactId: criteria.contactId });
    if (criteria.dealId) query.andWhere('a.deal_id = :dealId', { dealId: criteria.dealId });
    if (criteria.unmatchedTypes) {
      query.andWhere(`a.contact_id IS NULL AND a.type IN (:...unmatchedTypes) AND a.direction IS DISTINCT FROM 'INTERNAL'`, { unmatchedTypes: criteria.unmatchedTypes });
    }
    if (criteria.types?.length) query.andWhere('a.type IN (:...types)', { types: criteria.types });
    if (criteria.textPattern) {
      query.andWhere(`lower(coalesce(a.body, '') || ' ' || coalesce(a.transcript, '') || ' ' || coalesce(a.notes, '')) LIKE :textPattern`, { textPattern: criteria.textPattern });
    }
    return query;
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
    return updated ? this.activities.findOneByOrFail({ id: updated.id }) : null;
  }
}
