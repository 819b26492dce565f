import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ActivityType } from '@switchboard/crm-domain';
import { Activity } from '../activity';
import { CurrentPrincipal, type GraphQLContext, type Principal } from '../auth';
import { loadByKey } from '../platform/graphql/request-loaders';
import { ScheduleMeetingInput } from './dto/schedule-meeting.input';
import { ScheduledMeeting } from './entities/scheduled-meeting.entity';
import { MeetingsService } from './meetings.service';

@Resolver(() => Activity)
export class MeetingsResolver {
  constructor(private readonly meetings: MeetingsService) {}

  @Mutation(() => Activity, { description: "Creates the meeting on your Zoom account, a MEETING activity on the contact, and sends the contact's invite" })
  scheduleMeeting(@CurrentPrincipal() principal: Principal, @Args('input') input: ScheduleMeetingInput): Promise<Activity> {
    return this.meetings.schedule(principal, input);
  }

  @Mutation(() => Activity, { description: 'Moves or edits the meeting at Zoom and sends the updated invite' })
  updateMeeting(
    @CurrentPrincipal() principal: Principal,
    @Args('activityId', { type: () => ID }) activityId: string,
    @Args('input') input: ScheduleMeetingInput,
  ): Promise<Activity> {
    return this.meetings.reschedule(principal, activityId, input);
  }

  @Mutation(() => Activity, { description: 'Deletes the meeting at Zoom, marks it Cancelled and sends the cancellation' })
  cancelMeeting(@CurrentPrincipal() principal: Principal, @Args('activityId', { type: () => ID }) activityId: string): Promise<Activity> {
    return this.meetings.cancel(principal, activityId);
  }

  @Query(() => [Activity], { description: "Meetings from now on, soonest first: the CRM's plus those booked in your Zoom account" })
  upcomingMeetings(
    @CurrentPrincipal() principal: Principal,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('contactId', { type: () => ID, nullable: true }) contactId?: string,
  ): Promise<Activity[]> {
    return this.meetings.upcoming(principal, first, contactId);
  }

  @ResolveField(() => ScheduledMeeting, { nullable: true, description: 'For a meeting scheduled from Switchboard: its schedule, invite and run' })
  meeting(@Parent() activity: Activity, @Context() context: GraphQLContext): Promise<ScheduledMeeting | null> {
    if (activity.type !== ActivityType.MEETING) return Promise.resolve(null);
    const details = loadByKey(context, ScheduledMeeting.name, activity.organisationId, (organisationId, ids) => this.meetings.detailsFor(organisationId, ids), (meeting) => meeting.activityId);
    return details.load(activity.id);
  }
}
