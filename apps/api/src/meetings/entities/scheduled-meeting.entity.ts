import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const InviteDelivery = { SENT: 'SENT', OUTBOX: 'OUTBOX', SKIPPED_NO_EMAIL: 'SKIPPED_NO_EMAIL', FAILED: 'FAILED' } as const;
export type InviteDelivery = (typeof InviteDelivery)[keyof typeof InviteDelivery];
registerEnumType(InviteDelivery, {
  name: 'InviteDelivery',
  description: 'SENT by SMTP; OUTBOX: kept in the app (SMTP_URL unset); SKIPPED_NO_EMAIL: the contact has no email address; FAILED: the mail server refused it',
});

/** A Zoom meeting scheduled from the CRM, beside its MEETING activity (`Activity.meeting`). */
@ObjectType('MeetingDetails')
@Entity('scheduled_meetings')
export class ScheduledMeeting {
  @PrimaryColumn('uuid', { name: 'activity_id' })
  activityId: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('uuid', { name: 'host_user_id' })
  hostUserId: string;

  @Field({ description: "Zoom's meeting id" })
  @Column('text', { name: 'zoom_meeting_id' })
  zoomMeetingId: string;

  @Field()
  @Column('text')
  topic: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  agenda: string | null;

  @Field({ description: 'IANA timezone the meeting was scheduled in' })
  @Column('text')
  timezone: string;

  @Field(() => GraphQLISODateTime)
  @Column('timestamptz', { name: 'start_time' })
  startTime: Date;

  @Field(() => Int)
  @Column('int', { name: 'duration_minutes' })
  durationMinutes: number;

  @Field()
  @Column('text', { name: 'join_url' })
  joinUrl: string;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'invitee_email', nullable: true })
  inviteeEmail: string | null;

  /** Text that ends every invite of this meeting (a booked meeting's manage link); never shown in the CRM. */
  @Column('text', { name: 'invite_footer', nullable: true })
  inviteFooter: string | null;

  @Field(() => Int, { description: "The invite's iCalendar SEQUENCE: 0 when first sent, one more per change" })
  @Column('int', { name: 'invite_sequence', default: 0 })
  inviteSequence: number;

  @Field(() => InviteDelivery, { nullable: true })
  @Column('text', { name: 'invite_delivery', nullable: true })
  inviteDelivery: InviteDelivery | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it really started (meeting.started)' })
  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it really ended (meeting.ended)' })
  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
