import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ActivityType } from '@switchboard/crm-domain';
import { Activity } from '../activity';
import { CurrentPrincipal, type Principal } from '../auth';
import { TranscriptCueModel } from './dto/transcript-cue.model';
import { RecordingSummaryStatus } from './entities/cloud-recording.entity';
import { RecordingsService } from './recordings.service';

@Resolver(() => Activity)
export class RecordingsResolver {
  constructor(private readonly recordings: RecordingsService) {}

  @ResolveField(() => [TranscriptCueModel], { description: "A recording's transcript line by line with its times; empty for other activities" })
  async transcriptCues(@Parent() activity: Activity): Promise<TranscriptCueModel[]> {
    if (activity.type !== ActivityType.RECORDING) return [];
    const recording = (await this.recordings.recordingsOf([activity.id])).get(activity.id);
    return (recording?.transcriptCues ?? []).map((cue) => ({ startSeconds: cue.startMs / 1000, endSeconds: cue.endMs / 1000, speaker: cue.speaker, text: cue.text }));
  }

  @ResolveField(() => RecordingSummaryStatus, { nullable: true, description: "Where a recording's AI Companion summary stands; null for other activities" })
  async summaryStatus(@Parent() activity: Activity): Promise<RecordingSummaryStatus | null> {
    if (activity.type !== ActivityType.RECORDING) return null;
    return (await this.recordings.recordingsOf([activity.id])).get(activity.id)?.summaryStatus ?? null;
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
}
