import { Args, Context, GraphQLISODateTime, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { Activity, ActivityService } from '../activity';
import { AuthService, CurrentPrincipal, type GraphQLContext, type Principal, User, userById } from '../auth';
import { Contact, contactById, ContactsService, Deal, DealsService } from '../crm';
import { notFound } from '../platform/graphql/errors';
import { type Connection, Paginated } from '../platform/graphql/pagination';
import { loadById } from '../platform/graphql/request-loaders';
import { LiveEventsService } from '../platform/redis/live-events.service';
import { CreateTaskInput, UpdateTaskInput } from './dto/task.input';
import { TaskCounts, TaskSettings } from './dto/task-views.model';
import { Task, TaskStatus } from './entities/task.entity';
import { fromTaskMessage, TASK_CHANGED, type TaskMessage, type TaskView } from './task-events';
import { TasksService } from './tasks.service';

const TaskConnection = Paginated(Task);

/** The subscriber's own tasks, and one just reassigned away from them (so their list drops it). */
function taskChangedFilter(message: TaskMessage, _variables: unknown, context: GraphQLContext): boolean {
  const principal = context.principal;
  if (!principal || message.organisationId !== principal.organisationId) return false;
  return message.ownerId === principal.userId || message.previousOwnerId === principal.userId;
}

@Resolver(() => Task)
export class TasksResolver {
  constructor(
    private readonly taskService: TasksService,
    private readonly contacts: ContactsService,
    private readonly deals: DealsService,
    private readonly activities: ActivityService,
    private readonly auth: AuthService,
    private readonly liveEvents: LiveEventsService,
  ) {}

  @Query(() => TaskConnection, {
    description: "The caller's tasks; with contactId or dealId everyone's on it, with ownerId that user's. Open first (soonest due, none last), then done (last completed first)",
  })
  tasks(
    @CurrentPrincipal() principal: Principal,
    @Args('status', { type: () => TaskStatus, nullable: true }) status?: TaskStatus,
    @Args('dueBefore', { type: () => GraphQLISODateTime, nullable: true }) dueBefore?: Date,
    @Args('contactId', { type: () => ID, nullable: true }) contactId?: string,
    @Args('dealId', { type: () => ID, nullable: true }) dealId?: string,
    @Args('ownerId', { type: () => ID, nullable: true }) ownerId?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<Connection<Task>> {
    return this.taskService.list(principal, { status, dueBefore, contactId, dealId, ownerId, first, after });
  }

  @Query(() => Task, { nullable: true })
  task(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<Task | null> {
    return this.taskService.get(principal, id);
  }

  @Query(() => TaskCounts, { description: "The caller's open tasks by the Today view's headings; today is the caller's local day in `timezone` (IANA)" })
  taskCounts(@CurrentPrincipal() principal: Principal, @Args('timezone') timezone: string): Promise<TaskCounts> {
    return this.taskService.counts(principal, timezone);
  }

  @Query(() => TaskSettings)
  taskSettings(@CurrentPrincipal() principal: Principal): Promise<TaskSettings> {
    return this.taskService.settings(principal);
  }

  @Mutation(() => Task)
  createTask(@CurrentPrincipal() principal: Principal, @Args('input') input: CreateTaskInput): Promise<Task> {
    return this.taskService.create(principal, input);
  }

  @Mutation(() => Task)
  updateTask(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateTaskInput): Promise<Task> {
    return this.taskService.update(principal, id, input);
  }

  @Mutation(() => Task)
  completeTask(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<Task> {
    return this.taskService.complete(principal, id);
  }

  @Mutation(() => Task)
  reopenTask(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<Task> {
    return this.taskService.reopen(principal, id);
  }

  @Mutation(() => Task, { description: 'Answers the task as it was, with deleted: true' })
  deleteTask(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<TaskView> {
    return this.taskService.delete(principal, id);
  }

  @Mutation(() => TaskSettings)
  updateTaskSettings(@CurrentPrincipal() principal: Principal, @Args('callBackTasks') callBackTasks: boolean): Promise<TaskSettings> {
    return this.taskService.updateSettings(principal, callBackTasks);
  }

  @Subscription(() => Task, { description: 'Every change of a task the subscriber owns, or just reassigned away from them; a deleted one comes with deleted: true', filter: taskChangedFilter, resolve: fromTaskMessage })
  taskChanged() {
    return this.liveEvents.iterator<TaskMessage>([TASK_CHANGED]);
  }

  @ResolveField(() => Boolean, { description: 'True only in what deleteTask answers and taskChanged announces: the task is gone' })
  deleted(@Parent() task: TaskView): boolean {
    return task.deleted === true;
  }

  @ResolveField(() => Contact, { nullable: true })
  contact(@Parent() task: Task, @Context() context: GraphQLContext): Promise<Contact | null> {
    return task.contactId ? contactById(context, this.contacts, task.organisationId).load(task.contactId) : Promise.resolve(null);
  }

  @ResolveField(() => Deal, { nullable: true })
  deal(@Parent() task: Task, @Context() context: GraphQLContext): Promise<Deal | null> {
    if (!task.dealId) return Promise.resolve(null);
    return loadById(context, Deal.name, task.organisationId, (organisationId, ids) => this.deals.findMany(organisationId, ids)).load(task.dealId);
  }

  @ResolveField(() => User)
  async owner(@Parent() task: Task, @Context() context: GraphQLContext): Promise<User> {
    const owner = await userById(context, this.auth, task.organisationId).load(task.ownerId);
    if (!owner) throw notFound('User');
    return owner;
  }

  @ResolveField(() => Activity, { nullable: true, description: 'The call, voicemail or recording the task came from' })
  activity(@Parent() task: Task, @Context() context: GraphQLContext): Promise<Activity | null> {
    if (!task.activityId) return Promise.resolve(null);
    return loadById(context, Activity.name, task.organisationId, (organisationId, ids) => this.activities.findMany(organisationId, ids)).load(task.activityId);
  }
}
