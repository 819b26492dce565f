import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { Activity } from '../activity';
import { CurrentPrincipal, type Principal } from '../auth';
import { VoicemailTranscriptionService } from './voicemail-transcription.service';

@Resolver(() => Activity)
export class TranscriptionResolver {
  constructor(private readonly transcriptions: VoicemailTranscriptionService) {}

  @Mutation(() => Activity, { description: '"Retry" on a voicemail whose transcription failed' })
  retryTranscription(@CurrentPrincipal() principal: Principal, @Args('activityId', { type: () => ID }) activityId: string): Promise<Activity> {
    return this.transcriptions.retry(principal, activityId);
  }
}
