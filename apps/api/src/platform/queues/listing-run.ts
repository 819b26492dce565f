import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ListingProgress } from './resumable-listing';

/** Where a run stands; each entity registers these values as a GraphQL enum of its own name. */
export type ListingRunStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';

/** The values of ListingRunStatus, registered as the GraphQL enum `name`. */
export function listingRunStatusEnum(name: string): { readonly [Status in ListingRunStatus]: Status } {
  const values = { QUEUED: 'QUEUED', RUNNING: 'RUNNING', DONE: 'DONE', FAILED: 'FAILED' } as const;
  registerEnumType(values, { name });
  return values;
}

/** What the GraphQL type says of a run's days and counts, in the words of what it lists. */
export interface ListingRunDescriptions {
  rangeFrom: string;
  rangeTo: string;
  processed: string;
  rejected: string;
  total: string;
}

/**
 * The columns and GraphQL fields of a connection's latest run over a Zoom date-ranged list ("Sync calls", "Sync
 * recordings"): its state, its days, where a resumed run starts, its counts and times. An entity extends the class
 * made with its own status enum and descriptions, and names its own table and GraphQL type.
 */
export function ListingRun(statusEnum: Record<ListingRunStatus, ListingRunStatus>, descriptions: ListingRunDescriptions) {
  @ObjectType({ isAbstract: true })
  abstract class ListingRunColumns implements ListingProgress {
    @PrimaryColumn('uuid', { name: 'connection_id' })
    connectionId: string;

    @Column('uuid', { name: 'organisation_id' })
    organisationId: string;

    @Column('uuid', { name: 'user_id' })
    userId: string;

    @Field(() => statusEnum)
    @Column('text')
    status: ListingRunStatus;

    @Field({ description: descriptions.rangeFrom })
    @Column('date', { name: 'range_from' })
    rangeFrom: string;

    @Field({ description: descriptions.rangeTo })
    @Column('date', { name: 'range_to' })
    rangeTo: string;

    /** Where a resumed run starts: the window of the last page handled and the token of the page after it. */
    @Column('date', { name: 'resume_from', nullable: true })
    resumeFrom: string | null;

    @Column('text', { name: 'resume_page_token', nullable: true })
    resumePageToken: string | null;

    @Field(() => Int, { description: descriptions.processed })
    @Column('int', { default: 0 })
    processed: number;

    @Field(() => Int, { description: descriptions.rejected })
    @Column('int', { default: 0 })
    rejected: number;

    @Field(() => Int, { nullable: true, description: descriptions.total })
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
  return ListingRunColumns;
}

/** An ended run (done or failed) leaves nothing for a job to do. */
export const hasEnded = (run: { status: ListingRunStatus }) => run.status === 'DONE' || run.status === 'FAILED';

/** What a run saves as an attempt starts: running, since its first attempt started, with no error yet. */
export const runStarted = (run: { startedAt: Date | null }) => ({ status: 'RUNNING' as const, startedAt: run.startedAt ?? new Date(), error: null });

/** What a run saves when it cannot go on: failed, with why. */
export const runFailed = (error: string | null) => ({ status: 'FAILED' as const, error, finishedAt: new Date() });

/** What a failed attempt saves: on the last one the run fails; before it, the error shows while the run waits for its retry. */
export const attemptFailed = (error: string, lastAttempt: boolean) => (lastAttempt ? runFailed(error) : { error });
