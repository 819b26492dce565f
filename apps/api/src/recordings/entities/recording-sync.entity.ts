import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import { Column, Entity } from 'typeorm';
import { ListingRun, type ListingRunStatus, listingRunStatusEnum } from '../../platform/queues/listing-run';

export const RecordingSyncStatus = listingRunStatusEnum('RecordingSyncStatus');
export type RecordingSyncStatus = ListingRunStatus;

/**
 * The latest run that brought a connection's Zoom cloud recordings onto the timelines: "Sync recordings" (the last
 * 30 days) or the scheduled incremental sync, which goes on from `lastSyncedThrough`.
 */
@ObjectType('RecordingSync')
@Entity('recording_syncs')
export class RecordingSync extends ListingRun(RecordingSyncStatus, {
  rangeFrom: 'First day listed (yyyy-mm-dd, UTC; Zoom lists recordings by the meeting start day)',
  rangeTo: 'Last day listed (yyyy-mm-dd, UTC)',
  processed: 'Recorded meetings brought in so far',
  rejected: 'Recordings left out, malformed or refused by Zoom (each named in the api log); counted in processed',
  total: 'Recorded meetings in the range, as Zoom counts them (null until known)',
}) {
  /** The instant this run covers Zoom's recordings up to; `lastSyncedThrough` once it is done. */
  @Column('timestamptz', { name: 'covers_through' })
  coversThrough: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Every recording Zoom listed up to this instant is on the timelines (null before the first finished run)' })
  @Column('timestamptz', { name: 'last_synced_through', nullable: true })
  lastSyncedThrough: Date | null;
}
