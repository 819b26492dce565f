import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ActivityDirection, ActivityType, CallResult } from '@switchboard/crm-domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import {
  ActivityDirection as ActivityDirectionEnum,
  ActivityType as ActivityTypeEnum,
  CallResult as CallResultEnum,
} from '../../platform/graphql/enums';

@ObjectType()
export class Attachment {
  /** "join", "recording", "transcript", "summary", "voicemail", ... */
  @Field()
  kind: string;

  @Field()
  url: string;

  @Field(() => String, { nullable: true })
  title?: string | null;
}

/** Zoom's own ids, kept for correlation and shown to integrators. */
@ObjectType('ZoomRef')
export class ActivityZoomRef {
  @Field(() => String, { nullable: true })
  callId?: string | null;

  @Field(() => String, { nullable: true })
  meetingId?: string | null;

  @Field(() => String, { nullable: true })
  meetingUuid?: string | null;

  @Field(() => String, { nullable: true })
  recordingId?: string | null;

  @Field(() => String, { nullable: true, description: "An SMS's Zoom message_id" })
  messageId?: string | null;
}

/** One entry on a timeline: a call, voicemail, meeting, recording, SMS, note or email. */
@ObjectType()
@Entity('activities')
export class Activity {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Field(() => ActivityTypeEnum)
  @Column('text')
  type: ActivityType;

  @Field(() => GraphQLISODateTime)
  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  @Field(() => ActivityDirectionEnum, { nullable: true })
  @Column('text', { nullable: true })
  direction: ActivityDirection | null;

  @Field(() => Int, { nullable: true })
  @Column('int', { name: 'duration_seconds', nullable: true })
  durationSeconds: number | null;

  @Field(() => CallResultEnum, { nullable: true })
  @Column('text', { nullable: true })
  result: CallResult | null;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'counterpart_number', nullable: true })
  counterpartNumber: string | null;

  @Field(() => String, { nullable: true, description: 'The caller or callee name Zoom gave, when it gave one' })
  @Column('text', { name: 'counterpart_name', nullable: true })
  counterpartName: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  status: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  transcript: string | null;

  @Field(() => String, { nullable: true, description: "A recorded meeting's AI Companion overview" })
  @Column('text', { nullable: true })
  summary: string | null;

  @Field(() => [String], { description: "A recorded meeting's AI Companion next steps; empty for other activities" })
  @Column('jsonb', { name: 'next_steps', default: () => `'[]'` })
  nextSteps: string[];

  @Column('uuid', { name: 'contact_id', nullable: true })
  contactId: string | null;

  @Column('uuid', { name: 'deal_id', nullable: true })
  dealId: string | null;

  @Column('uuid', { name: 'owner_id', nullable: true })
  ownerId: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  body: string | null;

  @Field(() => String, { nullable: true, description: "A call's outcome, from the organisation's list (callDispositions)" })
  @Column('text', { nullable: true })
  disposition: string | null;

  @Field(() => String, { nullable: true, description: "The agent's notes on a call" })
  @Column('text', { nullable: true })
  notes: string | null;

  @Field(() => [Attachment])
  @Column('jsonb', { default: () => `'[]'` })
  attachments: Attachment[];

  @Field(() => ActivityZoomRef, { nullable: true })
  @Column('jsonb', { nullable: true })
  zoom: ActivityZoomRef | null;

  /** Unique per organisation: the key later issues upsert Zoom objects by (e.g. "call:<userId>:<callId>"). */
  @Column('text', { name: 'zoom_ref', nullable: true })
  zoomRef: string | null;

  @Field(() => GraphQLISODateTime)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
