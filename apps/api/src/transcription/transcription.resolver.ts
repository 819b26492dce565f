import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { Activity } from '../activity/entities/activity.entity';
import { CurrentPrincipal } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { VoicemailTranscriptionService } from './voicemail-transcription.service';

@Resolver(() => Activity)
export class TranscriptionResolver {
  constructor(private readonly transcriptions: VoicemailTranscriptionService) {}

  @Mutation(() => Activity, { description: '"Retry" on a voicemail whose transcription failed' })
  retryTranscription(@CurrentPrincipal() principal: Principal, @Args('activityId', { type: () => ID }) activityId: string): Promise<Activity> {
    return this.transcriptions.retry(principal, activityId);
  }
}
