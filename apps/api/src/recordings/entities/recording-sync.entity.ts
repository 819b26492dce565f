import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const RecordingSyncStatus = { QUEUED: 'QUEUED', RUNNING: 'RUNNING', DONE: 'DONE', FAILED: 'FAILED' } as const;
export type RecordingSyncStatus = (typeof RecordingSyncStatus)[keyof typeof RecordingSyncStatus];
registerEnumType(RecordingSyncStatus, { name: 'RecordingSyncStatus' });

/**
 * The latest run that brought a connection's Zoom cloud recordings onto the timelines: "Sync recordings" (the last
 * 30 days) or the scheduled incremental sync, which goes on from `lastSyncedThrough`.
 */
@ObjectType('RecordingSync')
@Entity('recording_syncs')
export class RecordingSync {
  @PrimaryColumn('uuid', { name: 'connection_id' })
  connectionId: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Field(() => RecordingSyncStatus)
  @Column('text')
  status: RecordingSyncStatus;

  @Field({ description: 'First day listed (yyyy-mm-dd, UTC; Zoom lists recordings by the meeting start day)' })
  @Column('date', { name: 'range_from' })
  rangeFrom: string;

  @Field({ description: 'Last day listed (yyyy-mm-dd, UTC)' })
  @Column('date', { name: 'range_to' })
  rangeTo: string;

  /** The instant this run covers Zoom's recordings up to; `lastSyncedThrough` once it is done. */
  @Column('timestamptz', { name: 'covers_through' })
  coversThrough: Date;

  /** Where a resumed run starts: the window of the last page handled and the token of the page after it. */
  @Column('date', { name: 'resume_from', nullable: true })
  resumeFrom: string | null;

  @Column('text', { name: 'resume_page_token', nullable: true })
  resumePageToken: string | null;

  @Field(() => Int, { description: 'Recorded meetings brought in so far' })
  @Column('int', { default: 0 })
  processed: number;

  @Field(() => Int, { description: 'Recordings left out, malformed or refused by Zoom (each named in the api log); counted in processed' })
  @Column('int', { default: 0 })
  rejected: number;

  @Field(() => Int, { nullable: true, description: 'Recorded meetings in the range, as Zoom counts them (null until known)' })
  @Column('int', { nullable: true })
  total: number | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  error: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Every recording Zoom listed up to this instant is on the timelines (null before the first finished run)' })
  @Column('timestamptz', { name: 'last_synced_through', nullable: true })
  lastSyncedThrough: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
