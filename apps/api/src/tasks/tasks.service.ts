import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ActivityType, isTimeZone, localDayEnd, TASK_TITLE_MAX, TaskSource } from '@switchboard/crm-domain';
import { type Activity, ActivityService } from '../activity';
import { AuthService, type Principal, type User } from '../auth';
import { ContactsService, DealsService } from '../crm';
import { badInput, notFound } from '../platform/graphql/errors';
import { type Connection, decodeCursor, encodeCursor, invalidCursor, readPageSize, toConnection } from '../platform/graphql/pagination';
import { isUuid } from '../platform/graphql/validation';
import { LiveEventsService } from '../platform/redis/live-events.service';
import type { CreateTaskInput, UpdateTaskInput } from './dto/task.input';
import type { TaskCounts, TaskSettings } from './dto/task-views.model';
import { Task, TaskStatus } from './entities/task.entity';
import { TASK_CHANGED, type TaskMessage, toTaskMessage, type TaskView } from './task-events';
import { type DoneTaskKey, isSecondOpenCallBack, type OpenTaskKey, type TaskCriteria, TaskRepository } from './task.repository';

export interface TaskFilter {
  status?: TaskStatus | null;
  dueBefore?: Date | null;
  contactId?: string | null;
  dealId?: string | null;
  ownerId?: string | null;
  first?: number | null;
  after?: string | null;
}

/** Where a page resumes: in the open tasks, or in the done ones (which follow the open ones when both are listed). */
type TaskCursor = { status: typeof TaskStatus.OPEN; key: OpenTaskKey } | { status: typeof TaskStatus.DONE; key: DoneTaskKey };

/** The due key of an open task without a due time: PostgreSQL's `infinity`, after every due time. */
const NO_DUE_TIME = 'infinity';

/**
 * Cursors are [status, time, time, id]: an open task's due time (or infinity) and creation time; a done task's
 * completion time, its third place empty (its key has one time).
 */
function cursorOf(task: Task): string {
  return task.completedAt
    ? encodeCursor([TaskStatus.DONE, task.completedAt.toISOString(), '', task.id])
    : encodeCursor([TaskStatus.OPEN, task.dueAt?.toISOString() ?? NO_DUE_TIME, task.createdAt.toISOString(), task.id]);
}

function readTime(text: string): Date {
  const time = new Date(text);
  if (Number.isNaN(time.getTime())) throw invalidCursor();
  return time;
}

function readCursor(after: string | null | undefined): TaskCursor | null {
  const values = decodeCursor(after, 4);
  if (!values) return null;
  const [status, first, second, id] = values;
  if (!isUuid(id)) throw invalidCursor();
  if (status === TaskStatus.OPEN) return { status, key: { dueAt: first === NO_DUE_TIME ? first : readTime(first).toISOString(), createdAt: readTime(second), id } };
  if (status === TaskStatus.DONE) return { status, key: { completedAt: readTime(first), id } };
  throw invalidCursor();
}

function taskTitle(raw: string | null | undefined): string {
  const title = raw?.trim() ?? '';
  if (!title) throw badInput('Give the task a title', 'title');
  if (title.length > TASK_TITLE_MAX) throw badInput(`Keep the title to ${TASK_TITLE_MAX} characters or fewer (it has ${title.length})`, 'title');
  return title;
}

const secondCallBack = (field: string) => badInput('That person already has an open call-back task for this contact: complete or delete one of them first', field);

/**
 * Tasks and follow-ups: the rules of listing, writing and counting them. Any user of the organisation may change
 * any of its tasks (small teams share work); every change is announced to the owner (and the owner it left) live.
 */
@Injectable()
export class TasksService implements OnModuleInit {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly contacts: ContactsService,
    private readonly deals: DealsService,
    private readonly activities: ActivityService,
    private readonly auth: AuthService,
    private readonly liveEvents: LiveEventsService,
  ) {}

  /** A deleted contact takes its tasks along (whatever becomes of its calls): their owners' Today views drop them. */
  onModuleInit(): void {
    this.contacts.onContactRemoval(async (organisationId, contactId) => {
      for (const task of await this.tasks.deleteOfContact(organisationId, contactId)) await this.announce({ ...task, deleted: true });
    });
  }

  /**
   * Without contactId, dealId or ownerId: the caller's own tasks; with contactId or dealId: everyone's on it; with
   * ownerId: that user's. Open tasks first (soonest due, no due time last), then done ones (last completed first).
   */
  async list(principal: Principal, filter: TaskFilter): Promise<Connection<Task>> {
    const limit = readPageSize(filter.first);
    const cursor = readCursor(filter.after);
    if (cursor && filter.status && cursor.status !== filter.status) throw invalidCursor();
    const criteria = await this.criteria(principal, filter);
    const rows: Task[] = [];
    if (filter.status !== TaskStatus.DONE && cursor?.status !== TaskStatus.DONE) {
      rows.push(...(await this.tasks.listOpen(criteria, limit + 1, cursor?.status === TaskStatus.OPEN ? cursor.key : null)));
    }
    if (filter.status !== TaskStatus.OPEN && rows.length <= limit) {
      rows.push(...(await this.tasks.listDone(criteria, limit + 1 - rows.length, cursor?.status === TaskStatus.DONE ? cursor.key : null)));
    }
    return toConnection(rows, limit, cursorOf, () => this.tasks.count(criteria, filter.status ? filter.status === TaskStatus.OPEN : null));
  }

  findMany(organisationId: string, ids: string[]): Promise<Task[]> {
    return this.tasks.findMany(organisationId, ids.filter(isUuid));
  }

  async get(principal: Principal, id: string): Promise<Task | null> {
    return (await this.findMany(principal.organisationId, [id]))[0] ?? null;
  }

  /** The caller's open tasks under the Today headings; "today" is the caller's local day in `timezone`. */
  async counts(principal: Principal, timezoneInput: string): Promise<TaskCounts> {
    const timezone = timezoneInput.trim();
    if (!timezone || !isTimeZone(timezone)) throw badInput(`"${timezoneInput}" is not a time zone; use an IANA name such as America/Los_Angeles`, 'timezone');
    const now = new Date();
    return this.tasks.countsByDue(principal.organisationId, principal.userId, now, localDayEnd(now, timezone));
  }

  async settings(principal: Principal): Promise<TaskSettings> {
    return { callBackTasks: await this.tasks.callBackTasksOn(principal.userId) };
  }

  async updateSettings(principal: Principal, callBackTasks: boolean): Promise<TaskSettings> {
    await this.tasks.setCallBackTasks(principal.organisationId, principal.userId, callBackTasks);
    return this.settings(principal);
  }

  /**
   * A task on a contact and/or deal (a deal's contact when only the deal is named), or from an activity, whose
   * contact and deal it takes unless others are named: a recording's makes a SUMMARY task (an AI next step).
   */
  async create(principal: Principal, input: CreateTaskInput): Promise<Task> {
    const title = taskTitle(input.title);
    const activity = input.activityId ? await this.activityOf(principal, input.activityId) : null;
    const deal = input.dealId ? await this.deals.getOrThrow(principal, input.dealId) : null;
    if (input.contactId) await this.contacts.assertExists(principal, input.contactId);
    const owner = input.ownerId ? await this.activeOwner(principal, input.ownerId) : null;
    const task = await this.tasks.insert({
      organisationId: principal.organisationId,
      ownerId: owner?.id ?? principal.userId,
      title,
      dueAt: input.dueAt ?? null,
      source: activity?.type === ActivityType.RECORDING ? TaskSource.SUMMARY : TaskSource.MANUAL,
      contactId: input.contactId ?? deal?.contactId ?? activity?.contactId ?? null,
      dealId: deal?.id ?? activity?.dealId ?? null,
      activityId: activity?.id ?? null,
    });
    await this.announce(task);
    return task;
  }

  /** Changes what the input names: a new due time snoozes, a new owner reassigns; null clears a due time, contact or deal. */
  async update(principal: Principal, id: string, input: UpdateTaskInput): Promise<Task> {
    const task = await this.getOrThrow(principal, id);
    const changes: Partial<Task> = {};
    if (input.title !== undefined) changes.title = taskTitle(input.title);
    if (input.dueAt !== undefined) changes.dueAt = input.dueAt;
    if (input.contactId !== undefined) {
      if (input.contactId) await this.contacts.assertExists(principal, input.contactId);
      changes.contactId = input.contactId;
    }
    if (input.dealId !== undefined) changes.dealId = input.dealId ? (await this.deals.getOrThrow(principal, input.dealId)).id : null;
    if (input.ownerId !== undefined) {
      if (!input.ownerId) throw badInput('A task needs an owner: choose who does it', 'ownerId');
      changes.ownerId = (await this.activeOwner(principal, input.ownerId)).id;
    }
    return this.change(task, changes, input.ownerId ? 'ownerId' : 'contactId');
  }

  async complete(principal: Principal, id: string): Promise<Task> {
    const task = await this.getOrThrow(principal, id);
    return task.completedAt ? task : this.change(task, { completedAt: new Date() }, 'id');
  }

  async reopen(principal: Principal, id: string): Promise<Task> {
    const task = await this.getOrThrow(principal, id);
    return task.completedAt ? this.change(task, { completedAt: null }, 'id') : task;
  }

  /** Answers the task as it was, with `deleted: true`, as its subscribers hear it. */
  async delete(principal: Principal, id: string): Promise<TaskView> {
    const task = await this.tasks.delete(principal.organisationId, (await this.getOrThrow(principal, id)).id);
    if (!task) throw notFound('Task');
    const deleted: TaskView = { ...task, deleted: true };
    await this.announce(deleted);
    return deleted;
  }

  /** Tells the subscribers of each task's owner (and of the owner it was just taken from) that it changed. */
  async announce(task: TaskView, previousOwnerId?: string | null): Promise<void> {
    await this.liveEvents.publish<TaskMessage>(TASK_CHANGED, toTaskMessage(task, previousOwnerId));
  }

  async announceById(organisationId: string, ids: string[]): Promise<void> {
    for (const task of await this.findMany(organisationId, ids)) await this.announce(task);
  }

  private async change(task: Task, changes: Partial<Task>, conflictField: string): Promise<Task> {
    let changed: Task | null;
    try {
      changed = await this.tasks.update(task.organisationId, task.id, changes);
    } catch (error) {
      if (isSecondOpenCallBack(error)) throw secondCallBack(conflictField);
      throw error;
    }
    if (!changed) throw notFound('Task');
    await this.announce(changed, task.ownerId);
    return changed;
  }

  private async getOrThrow(principal: Principal, id: string): Promise<Task> {
    const task = await this.get(principal, id);
    if (!task) throw notFound('Task');
    return task;
  }

  private async activityOf(principal: Principal, id: string): Promise<Activity> {
    const activity = await this.activities.get(principal, id);
    if (!activity) throw notFound('Activity');
    return activity;
  }

  private async userOf(principal: Principal, id: string): Promise<User> {
    const [user] = isUuid(id) ? await this.auth.usersByIds(principal.organisationId, [id]) : [];
    if (!user) throw notFound('User');
    return user;
  }

  private async activeOwner(principal: Principal, id: string): Promise<User> {
    const user = await this.userOf(principal, id);
    if (user.deactivatedAt) throw badInput(`${user.name} is deactivated and cannot take tasks; choose someone active`, 'ownerId');
    return user;
  }

  private async criteria(principal: Principal, filter: TaskFilter): Promise<TaskCriteria> {
    if (filter.contactId) await this.contacts.assertExists(principal, filter.contactId);
    if (filter.dealId) await this.deals.getOrThrow(principal, filter.dealId);
    const ownerId = filter.ownerId ? (await this.userOf(principal, filter.ownerId)).id : filter.contactId || filter.dealId ? null : principal.userId;
    return { organisationId: principal.organisationId, ownerId, contactId: filter.contactId, dealId: filter.dealId, dueBefore: filter.dueBefore };
  }
}
