import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const CallSyncStatus = { QUEUED: 'QUEUED', RUNNING: 'RUNNING', DONE: 'DONE', FAILED: 'FAILED' } as const;
export type CallSyncStatus = (typeof CallSyncStatus)[keyof typeof CallSyncStatus];
registerEnumType(CallSyncStatus, { name: 'CallSyncStatus' });

/** The last 30 days of a connection's Zoom call history, brought onto the timelines ("Sync calls"). */
@ObjectType('CallSync')
@Entity('call_backfills')
export class CallBackfill {
  @PrimaryColumn('uuid', { name: 'connection_id' })
  connectionId: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Field(() => CallSyncStatus)
  @Column('text')
  status: CallSyncStatus;

  @Field({ description: 'First day synced (yyyy-mm-dd, UTC)' })
  @Column('date', { name: 'range_from' })
  rangeFrom: string;

  @Field({ description: 'Last day synced (yyyy-mm-dd, UTC)' })
  @Column('date', { name: 'range_to' })
  rangeTo: string;

  /** Where a resumed run starts: the window of the last page handled and the token of the page after it. */
  @Column('date', { name: 'resume_from', nullable: true })
  resumeFrom: string | null;

  @Column('text', { name: 'resume_page_token', nullable: true })
  resumePageToken: string | null;

  @Field(() => Int, { description: 'Calls brought in so far' })
  @Column('int', { default: 0 })
  processed: number;

  @Field(() => Int, { description: 'Records Zoom sent malformed, left out (each named in the api log); counted in processed' })
  @Column('int', { default: 0 })
  rejected: number;

  @Field(() => Int, { nullable: true, description: 'Calls in the range, as Zoom counts them (null until known)' })
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

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
