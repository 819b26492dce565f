import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import type { ActivityType } from '@switchboard/crm-domain';
import { AuthService, CurrentPrincipal, type GraphQLContext, type Principal, User, userById } from '../auth';
import { Contact, contactById, ContactsService, Deal, DealsService } from '../crm';
import { ActivityType as ActivityTypeEnum } from '../platform/graphql/enums';
import { type Connection, Paginated } from '../platform/graphql/pagination';
import { loadById, requestLoader } from '../platform/graphql/request-loaders';
import { LiveEventsService } from '../platform/redis/live-events.service';
import { ACTIVITY_ADDED, ACTIVITY_UPDATED, type ActivityMessage, fromMessage } from './activity-events';
import { ActivityService, type DeletedActivity } from './activity.service';
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

  @Mutation(() => Activity, { description: "A note's new text; only its author may" })
  updateNote(
    @CurrentPrincipal() principal: Principal,
    @Args('activityId', { type: () => ID }) activityId: string,
    @Args('body') body: string,
  ): Promise<Activity> {
    return this.activityService.updateNote(principal, activityId, body);
  }

  @Mutation(() => Activity, { description: 'Deletes a note (only its author may); answers it as it was, with deleted: true' })
  deleteNote(@CurrentPrincipal() principal: Principal, @Args('activityId', { type: () => ID }) activityId: string): Promise<Activity> {
    return this.activityService.deleteNote(principal, activityId);
  }

  @Mutation(() => Activity)
  linkActivity(
    @CurrentPrincipal() principal: Principal,
    @Args('activityId', { type: () => ID }) activityId: string,
    @Args('contactId', { type: () => ID }) contactId: string,
  ): Promise<Activity> {
    return this.activityService.link(principal, activityId, contactId);
  }

  @Mutation(() => Activity, { description: "Puts the activity on a deal (null: off its deal); the deal must have no contact or the activity's" })
  setActivityDeal(
    @CurrentPrincipal() principal: Principal,
    @Args('activityId', { type: () => ID }) activityId: string,
    @Args('dealId', { type: () => ID, nullable: true }) dealId?: string | null,
  ): Promise<Activity> {
    return this.activityService.setDeal(principal, activityId, dealId ?? null);
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
  contact(@Parent() activity: Activity, @Context() context: GraphQLContext): Promise<Contact | null> {
    return activity.contactId ? contactById(context, this.contactsService, activity.organisationId).load(activity.contactId) : Promise.resolve(null);
  }

  @ResolveField(() => [Contact], { description: 'For an unmatched call: the contacts sharing its number ("Which contact?"); else empty' })
  async matchCandidates(@Parent() activity: Activity, @Context() context: GraphQLContext): Promise<Contact[]> {
    if (activity.contactId || !activity.counterpartNumber) return [];
    const ids = await this.contactIdsByNumber(context, activity.organisationId).load(activity.counterpartNumber);
    const contacts = await contactById(context, this.contactsService, activity.organisationId).loadMany(ids);
    return contacts.filter((contact): contact is Contact => contact !== null && !(contact instanceof Error)).sort((a, b) => a.sortName.localeCompare(b.sortName));
  }

  @ResolveField(() => Deal, { nullable: true })
  deal(@Parent() activity: Activity, @Context() context: GraphQLContext): Promise<Deal | null> {
    if (!activity.dealId) return Promise.resolve(null);
    return loadById(context, Deal.name, activity.organisationId, (organisationId, ids) => this.dealsService.findMany(organisationId, ids)).load(activity.dealId);
  }

  @ResolveField(() => Boolean, { description: 'True only in what deleteNote answers and announces (activityUpdated): the activity is gone' })
  deleted(@Parent() activity: Activity | DeletedActivity): boolean {
    return 'deleted' in activity && activity.deleted;
  }

  @ResolveField(() => User, { nullable: true })
  owner(@Parent() activity: Activity, @Context() context: GraphQLContext): Promise<User | null> {
    if (!activity.ownerId) return Promise.resolve(null);
    return userById(context, this.auth, activity.organisationId).load(activity.ownerId);
  }

  /**
   * The contacts having each unmatched number on the page: one lookup per distinct number (the organisation's
   * region read once), and their contacts in one query through the contact loader.
   */
  private contactIdsByNumber(context: GraphQLContext, organisationId: string) {
    return requestLoader(context, `ContactIdsByNumber:${organisationId}`, async (numbers) => {
      const region = await this.contactsService.regionOf(organisationId);
      return Promise.all(numbers.map((number) => this.contactsService.findIdsByPhone(organisationId, number, region)));
    });
  }
}
