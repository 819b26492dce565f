import { Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, type Principal } from '../auth';
import { percentDone } from '../platform/queues/resumable-listing';
import { CallBackfillService } from './call-backfill.service';
import { CallBackfill, CallSyncStatus } from './entities/call-backfill.entity';

@Resolver(() => CallBackfill)
export class CallSyncResolver {
  constructor(private readonly backfills: CallBackfillService) {}

  @Mutation(() => CallBackfill, { description: '"Sync calls": brings the last 30 days of your Zoom call history onto the timelines' })
  syncZoomCalls(@CurrentPrincipal() principal: Principal): Promise<CallBackfill> {
    return this.backfills.sync(principal);
  }

  @Query(() => CallBackfill, { nullable: true, description: 'Your latest call-history sync and its progress' })
  callSync(@CurrentPrincipal() principal: Principal): Promise<CallBackfill | null> {
    return this.backfills.progress(principal);
  }

  @ResolveField(() => Int, { description: '0-100' })
  percent(@Parent() sync: CallBackfill): number {
    return percentDone(sync.status === CallSyncStatus.DONE, sync.processed, sync.total);
  }
}
