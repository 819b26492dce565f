import { Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, type Principal } from '../auth';
import { percentDone } from '../platform/queues/resumable-listing';
import { RecordingSync, RecordingSyncStatus } from './entities/recording-sync.entity';
import { RecordingSyncService } from './recording-sync.service';

@Resolver(() => RecordingSync)
export class RecordingSyncResolver {
  constructor(private readonly syncs: RecordingSyncService) {}

  @Mutation(() => RecordingSync, { description: '"Sync recordings": brings the last 30 days of your Zoom cloud recordings onto the timelines' })
  syncZoomRecordings(@CurrentPrincipal() principal: Principal): Promise<RecordingSync> {
    return this.syncs.sweep(principal);
  }

  @Query(() => RecordingSync, { nullable: true, description: 'The latest cloud-recording sync of your Zoom connection (yours or the scheduled one) and its progress' })
  recordingSync(@CurrentPrincipal() principal: Principal): Promise<RecordingSync | null> {
    return this.syncs.latest(principal);
  }

  @ResolveField(() => Int, { description: '0-100' })
  percent(@Parent() sync: RecordingSync): number {
    return percentDone(sync.status === RecordingSyncStatus.DONE, sync.processed, sync.total);
  }
}
