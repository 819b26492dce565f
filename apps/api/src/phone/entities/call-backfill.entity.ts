import { ObjectType } from '@nestjs/graphql';
import { Entity } from 'typeorm';
import { ListingRun, type ListingRunStatus, listingRunStatusEnum } from '../../platform/queues/listing-run';

export const CallSyncStatus = listingRunStatusEnum('CallSyncStatus');
export type CallSyncStatus = ListingRunStatus;

/** The last 30 days of a connection's Zoom call history, brought onto the timelines ("Sync calls"). */
@ObjectType('CallSync')
@Entity('call_backfills')
export class CallBackfill extends ListingRun(CallSyncStatus, {
  rangeFrom: 'First day synced (yyyy-mm-dd, UTC)',
  rangeTo: 'Last day synced (yyyy-mm-dd, UTC)',
  processed: 'Calls brought in so far',
  rejected: 'Records Zoom sent malformed, left out (each named in the api log); counted in processed',
  total: 'Calls in the range, as Zoom counts them (null until known)',
}) {}
