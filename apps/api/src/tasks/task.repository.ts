import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { CALL_BACK_SOURCES, TaskSource } from '@switchboard/crm-domain';
import { DataSource, In, QueryFailedError, Repository, type SelectQueryBuilder } from 'typeorm';
import { TaskSettingsEntity } from './entities/task-settings.entity';
import { Task } from './entities/task.entity';

/** Which tasks a list or count covers: always one organisation, then any of the narrowing filters. */
export interface TaskCriteria {
  organisationId: string;
  ownerId?: string | null;
  contactId?: string | null;
  dealId?: string | null;
  dueBefore?: Date | null;
}

/** Where an open list resumes: its sort key, the due time being `infinity` for a task with none (they come last). */
export interface OpenTaskKey {
  dueAt: string;
  createdAt: Date;
  id: string;
}

export interface DoneTaskKey {
  completedAt: Date;
  id: string;
}

/** A call that asks for a call-back, as tasks records it. */
export interface CallBackCall {
  organisationId: string;
  ownerId: string;
  contactId: string;
  activityId: string;
  occurredAt: Date;
  source: TaskSource;
  title: string;
}

const CALL_BACK_SOURCE_LIST = CALL_BACK_SOURCES.map((source) => `'${source}'`).join(', ');
/** The unique index that keeps one open call-back task per owner and contact. */
const ONE_OPEN_CALL_BACK = 'tasks_one_open_call_back';
/** The open order's first key: no due time sorts after every due time. */
const OPEN_DUE_KEY = `COALESCE(task.due_at, 'infinity'::timestamptz)`;

/** A write that would give an owner a second open call-back task for one contact. */
export const isSecondOpenCallBack = (error: unknown) =>
  error instanceof QueryFailedError && (error.driverError as { constraint?: string } | undefined)?.constraint === ONE_OPEN_CALL_BACK;

/** Tasks' SQL: lists in the Today order with keyset cursors, counts, and the call-back upserts. */
@Injectable()
export class TaskRepository {
  constructor(
    @InjectRepository(Task) private readonly tasks: Repository<Task>,
    @InjectRepository(TaskSettingsEntity) private readonly settings: Repository<TaskSettingsEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  findMany(organisationId: string, ids: string[]): Promise<Task[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.tasks.findBy({ organisationId, id: In(ids) });
  }

  /** Open tasks, soonest due first, those with no due time last, then oldest first. */
  listOpen(criteria: TaskCriteria, take: number, after: OpenTaskKey | null): Promise<Task[]> {
    const query = this.matching(criteria).andWhere('task.completed_at IS NULL');
    if (after) query.andWhere(`(${OPEN_DUE_KEY}, task.created_at, task.id) > (:afterDue::timestamptz, :afterCreated, :afterId)`, { afterDue: after.dueAt, afterCreated: after.createdAt, afterId: after.id });
    return query.orderBy(OPEN_DUE_KEY, 'ASC').addOrderBy('task.created_at', 'ASC').addOrderBy('task.id', 'ASC').limit(take).getMany();
  }

  /** Done tasks, the last completed first. */
  listDone(criteria: TaskCriteria, take: number, after: DoneTaskKey | null): Promise<Task[]> {
    const query = this.matching(criteria).andWhere('task.completed_at IS NOT NULL');
    if (after) query.andWhere('(task.completed_at, task.id) < (:afterCompleted, :afterId)', { afterCompleted: after.completedAt, afterId: after.id });
    return query.orderBy('task.completed_at', 'DESC').addOrderBy('task.id', 'DESC').limit(take).getMany();
  }

  count(criteria: TaskCriteria, open: boolean | null): Promise<number> {
    const query = this.matching(criteria);
    if (open !== null) query.andWhere(open ? 'task.completed_at IS NULL' : 'task.completed_at IS NOT NULL');
    return query.getCount();
  }

  /** An owner's open tasks by Today heading: due before `now`, due before `endOfToday`, later or never. */
  async countsByDue(organisationId: string, ownerId: string, now: Date, endOfToday: Date): Promise<{ overdue: number; dueToday: number; upcoming: number }> {
    const [counts] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE due_at < $3)::int AS overdue,
              count(*) FILTER (WHERE due_at >= $3 AND due_at < $4)::int AS "dueToday",
              count(*) FILTER (WHERE due_at IS NULL OR due_at >= $4)::int AS upcoming
         FROM tasks WHERE organisation_id = $1 AND owner_id = $2 AND completed_at IS NULL`,
      [organisationId, ownerId, now, endOfToday],
    );
    return counts;
  }

  insert(fields: Partial<Task>): Promise<Task> {
    return this.tasks.save(this.tasks.create(fields));
  }

  /** The task as it now is; null when the organisation has no such task. */
  async update(organisationId: string, id: string, changes: Partial<Task>): Promise<Task | null> {
    if (Object.keys(changes).length > 0) await this.tasks.update({ organisationId, id }, changes);
    return this.tasks.findOneBy({ organisationId, id });
  }

  /** The task as it was; null when there was none to delete. */
  async delete(organisationId: string, id: string): Promise<Task | null> {
    const task = await this.tasks.findOneBy({ organisationId, id });
    if (!task) return null;
    const { affected } = await this.tasks.delete({ organisationId, id });
    return affected ? task : null;
  }

  /** The tasks of a contact about to be deleted, as they were. */
  async deleteOfContact(organisationId: string, contactId: string): Promise<Task[]> {
    const tasks = await this.tasks.findBy({ organisationId, contactId });
    if (tasks.length > 0) await this.tasks.delete({ organisationId, contactId });
    return tasks;
  }

  async callBackTasksOn(userId: string): Promise<boolean> {
    return (await this.settings.findOneBy({ userId }))?.callBackTasks ?? true;
  }

  async setCallBackTasks(organisationId: string, userId: string, on: boolean): Promise<void> {
    await this.settings.upsert({ userId, organisationId, callBackTasks: on }, ['userId']);
  }

  /**
   * Turns a call into a call-back task, once per call however often it is heard, in one transaction: the first
   * time, the owner's open call-back task for the contact takes it (the latest call becomes its activity, a
   * voicemail makes it VOICEMAIL) or, with none open, a new task is opened; later times only let a voicemail
   * upgrade the task it went into, and a corrected start time move. Resolves to the id of the task that changed,
   * null when none did.
   */
  openCallBack(call: CallBackCall): Promise<string | null> {
    return this.dataSource.transaction(async (manager) => {
      const claimed: unknown[] = await manager.query(
        `INSERT INTO task_call_back_activities (activity_id, organisation_id) VALUES ($1, $2) ON CONFLICT (activity_id) DO NOTHING RETURNING activity_id`,
        [call.activityId, call.organisationId],
      );
      if (claimed.length === 0) {
        // Heard again: a voicemail upgrades the task the call went into, and the call's time as Zoom now tells it stays the task's.
        const [changed]: [Array<{ id: string }>, number] = await manager.query(
          `UPDATE tasks SET
             source = CASE WHEN $2 = '${TaskSource.VOICEMAIL}' THEN $2 ELSE tasks.source END,
             activity_at = CASE WHEN tasks.activity_id = $1 THEN $3 ELSE tasks.activity_at END,
             updated_at = now()
            FROM task_call_back_activities heard
           WHERE heard.activity_id = $1 AND tasks.id = heard.task_id AND tasks.completed_at IS NULL
             AND ((tasks.source = '${TaskSource.MISSED_CALL}' AND $2 = '${TaskSource.VOICEMAIL}') OR (tasks.activity_id = $1 AND tasks.activity_at IS DISTINCT FROM $3))
           RETURNING tasks.id`,
          [call.activityId, call.source, call.occurredAt],
        );
        return changed[0]?.id ?? null;
      }
      const [task]: Array<{ id: string }> = await manager.query(
        `INSERT INTO tasks (organisation_id, owner_id, title, due_at, source, contact_id, activity_id, activity_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $4)
         ON CONFLICT (owner_id, contact_id) WHERE completed_at IS NULL AND source IN (${CALL_BACK_SOURCE_LIST})
         DO UPDATE SET
           activity_id = CASE WHEN EXCLUDED.activity_at >= COALESCE(tasks.activity_at, '-infinity') THEN EXCLUDED.activity_id ELSE tasks.activity_id END,
           activity_at = GREATEST(tasks.activity_at, EXCLUDED.activity_at),
           source = CASE WHEN EXCLUDED.source = '${TaskSource.VOICEMAIL}' THEN EXCLUDED.source ELSE tasks.source END,
           updated_at = now()
         RETURNING id`,
        [call.organisationId, call.ownerId, call.title, call.occurredAt, call.source, call.contactId, call.activityId],
      );
      await manager.query(`UPDATE task_call_back_activities SET task_id = $2 WHERE activity_id = $1`, [call.activityId, task.id]);
      return task.id;
    });
  }

  /** Completes the contact's open call-back tasks (everyone's) for calls made before `connectedAt`; the ids completed. */
  async completeCallBacks(organisationId: string, contactId: string, connectedAt: Date): Promise<string[]> {
    const [rows]: [Array<{ id: string }>, number] = await this.dataSource.query(
      `UPDATE tasks SET completed_at = now(), updated_at = now()
        WHERE organisation_id = $1 AND contact_id = $2 AND completed_at IS NULL AND source IN (${CALL_BACK_SOURCE_LIST}) AND activity_at < $3
        RETURNING id`,
      [organisationId, contactId, connectedAt],
    );
    return rows.map((row) => row.id);
  }

  private matching(criteria: TaskCriteria): SelectQueryBuilder<Task> {
    const query = this.tasks.createQueryBuilder('task').where('task.organisation_id = :organisationId', { organisationId: criteria.organisationId });
    if (criteria.ownerId) query.andWhere('task.owner_id = :ownerId', { ownerId: criteria.ownerId });
    if (criteria.contactId) query.andWhere('task.contact_id = :contactId', { contactId: criteria.contactId });
    if (criteria.dealId) query.andWhere('task.deal_id = :dealId', { dealId: criteria.dealId });
    if (criteria.dueBefore) query.andWhere('task.due_at < :dueBefore', { dueBefore: criteria.dueBefore });
    return query;
  }
}
