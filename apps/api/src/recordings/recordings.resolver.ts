import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ActivityType } from '@switchboard/crm-domain';
import { Activity } from '../activity';
import { CurrentPrincipal, type GraphQLContext, type Principal } from '../auth';
import { loadByKey } from '../platform/graphql/request-loaders';
import { TranscriptCueModel } from './dto/transcript-cue.model';
import { CloudRecording, RecordingSummaryStatus } from './entities/cloud-recording.entity';
import { RecordingsService } from './recordings.service';

@Resolver(() => Activity)
export class RecordingsResolver {
  constructor(private readonly recordings: RecordingsService) {}

  @ResolveField(() => [TranscriptCueModel], { description: "A recording's transcript line by line with its times; empty for other activities" })
  async transcriptCues(@Parent() activity: Activity, @Context() context: GraphQLContext): Promise<TranscriptCueModel[]> {
    if (activity.type !== ActivityType.RECORDING) return [];
    const recording = await this.recordingOf(context, activity);
    return (recording?.transcriptCues ?? []).map((cue) => ({ startSeconds: cue.startMs / 1000, endSeconds: cue.endMs / 1000, speaker: cue.speaker, text: cue.text }));
  }

  @ResolveField(() => RecordingSummaryStatus, { nullable: true, description: "Where a recording's AI Companion summary stands; null for other activities" })
  async summaryStatus(@Parent() activity: Activity, @Context() context: GraphQLContext): Promise<RecordingSummaryStatus | null> {
    if (activity.type !== ActivityType.RECORDING) return null;
    return (await this.recordingOf(context, activity))?.summaryStatus ?? null;
  }

  @Mutation(() => Activity, { description: '"Move to contact" / "Move to deal": the recording, its transcript and summary go there (a deal brings its contact)' })
  moveRecording(
    @CurrentPrincipal() principal: Principal,
    @Args('activityId', { type: () => ID }) activityId: string,
    @Args('contactId', { type: () => ID, nullable: true }) contactId?: string,
    @Args('dealId', { type: () => ID, nullable: true }) dealId?: string,
  ): Promise<Activity> {
    return this.recordings.move(principal, activityId, contactId, dealId);
  }

  @Mutation(() => Activity, { description: '"Detach": off its contact and deal into Unmatched, kept as a record of its own; linkActivity re-links it' })
  detachRecording(@CurrentPrincipal() principal: Principal, @Args('activityId', { type: () => ID }) activityId: string): Promise<Activity> {
    return this.recordings.detach(principal, activityId);
  }

  /** The recording behind a RECORDING activity, through the request's one loader: both fields of a whole page in one query. */
  private recordingOf(context: GraphQLContext, activity: Activity): Promise<CloudRecording | null> {
    const recordings = loadByKey(context, CloudRecording.name, activity.organisationId, (organisationId, ids) => this.recordings.recordingsOf(organisationId, ids), (recording) => recording.activityId);
    return recordings.load(activity.id);
  }
}
