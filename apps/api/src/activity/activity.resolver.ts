import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import type { ActivityType } from '@switchboard/crm-domain';
import { AuthService, CurrentPrincipal, type GraphQLContext, type Principal, User } from '../auth';
import { Contact, ContactsService, Deal, DealsService } from '../crm';
import { ActivityType as ActivityTypeEnum } from '../platform/graphql/enums';
import { type Connection, Paginated } from '../platform/graphql/pagination';
import { LiveEventsService } from '../platform/redis/live-events.service';
import { ACTIVITY_ADDED, ACTIVITY_UPDATED, type ActivityMessage, fromMessage } from './activity-events';
import { ActivityService } from './activity.service';
import { Activity } from './entities/activity.entity';

const ActivityConnection = Paginated(Activity);

/**
 * Only the subscriber's organisation, and only the contact asked for when one is named: its activities, and an
 * activity just moved off it (the message then shows the new contact, so the timeline drops it).
 */
function activityFilter(message: ActivityMessage, variables: { contactId?: string | null }, context: GraphQLContext): boolean {
  if (!context.principal || message.organisationId !== context.principal.organisationId) return false;
  return !variables.contactId || message.contactId === variables.contactId || message.previousContactId === variables.contactId;
}

@Resolver(() => Activity)
export class ActivityResolver {
  constructor(
    private readonly activityService: ActivityService,
    private readonly contactsService: ContactsService,
    private readonly dealsService: DealsService,
    private readonly auth: AuthService,
    private readonly liveEvents: LiveEventsService,
  ) {}

  @Query(() => ActivityConnection, { description: 'Newest first' })
  activities(
    @CurrentPrincipal() principal: Principal,
    @Args('contactId', { type: () => ID, nullable: true }) contactId?: string,
    @Args('dealId', { type: () => ID, nullable: true }) dealId?: string,
    @Args('types', { type: () => [ActivityTypeEnum], nullable: true }) types?: ActivityType[],
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
    @Args('search', { nullable: true, description: 'Words in notes, summaries and voicemail transcripts' }) search?: string,
  ): Promise<Connection<Activity>> {
    return this.activityService.list(principal, { contactId, dealId, types, first, after, search });
  }

  @Query(() => ActivityConnection, { description: 'Calls, voicemails and messages no contact matched yet' })
  unmatchedActivities(
    @CurrentPrincipal() principal: Principal,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<Connection<Activity>> {
    return this.activityService.list(principal, { unmatched: true, first, after });
  }

  @Query(() => Activity, { nullable: true })
  activity(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<Activity | null> {
    return this.activityService.get(principal, id);
  }

  @Mutation(() => Activity)
  addNote(
    @CurrentPrincipal() principal: Principal,
    @Args('contactId', { type: () => ID }) contactId: string,
    @Args('body') body: string,
  ): Promise<Activity> {
    return this.activityService.addNote(principal, contactId, body);
  }

  @Mutation(() => Activity)
  linkActivity(
    @CurrentPrincipal() principal: Principal,
    @Args('activityId', { type: () => ID }) activityId: string,
    @Args('contactId', { type: () => ID }) contactId: string,
  ): Promise<Activity> {
    return this.activityService.link(principal, activityId, contactId);
  }

  @Subscription(() => Activity, { filter: activityFilter, resolve: fromMessage })
  activityAdded(@Args('contactId', { type: () => ID, nullable: true }) _contactId?: string) {
    return this.liveEvents.iterator<ActivityMessage>([ACTIVITY_ADDED]);
  }

  @Subscription(() => Activity, { filter: activityFilter, resolve: fromMessage })
  activityUpdated(@Args('contactId', { type: () => ID, nullable: true }) _contactId?: string) {
    return this.liveEvents.iterator<ActivityMessage>([ACTIVITY_UPDATED]);
  }

  @ResolveField(() => Contact, { nullable: true })
  async contact(@Parent() activity: Activity): Promise<Contact | null> {
    if (!activity.contactId) return null;
    return (await this.contactsService.findMany(activity.organisationId, [activity.contactId]))[0] ?? null;
  }

  @ResolveField(() => [Contact], { description: 'For an unmatched call: the contacts sharing its number ("Which contact?"); else empty' })
  async matchCandidates(@Parent() activity: Activity): Promise<Contact[]> {
    if (activity.contactId || !activity.counterpartNumber) return [];
    const ids = await this.contactsService.findIdsByPhone(activity.organisationId, activity.counterpartNumber);
    return (await this.contactsService.findMany(activity.organisationId, ids)).sort((a, b) => a.sortName.localeCompare(b.sortName));
  }

  @ResolveField(() => Deal, { nullable: true })
  async deal(@Parent() activity: Activity): Promise<Deal | null> {
    if (!activity.dealId) return null;
    return (await this.dealsService.findMany(activity.organisationId, [activity.dealId]))[0] ?? null;
  }

  @ResolveField(() => User, { nullable: true })
  async owner(@Parent() activity: Activity): Promise<User | null> {
    if (!activity.ownerId) return null;
    return (await this.auth.usersByIds(activity.organisationId, [activity.ownerId]))[0] ?? null;
  }
}
