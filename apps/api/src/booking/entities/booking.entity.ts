import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const BookingStatus = { CONFIRMED: 'CONFIRMED', CANCELLED: 'CANCELLED' } as const;
export type BookingStatus = (typeof BookingStatus)[keyof typeof BookingStatus];

/**
 * A slot a prospect booked through an agent's link. The MEETING activity and the Zoom meeting belong to the meetings
 * module (`activity_id`); this row holds what the prospect gave and the slot, which no two confirmed bookings of one
 * agent may share (the booking service takes the agent's lock before it checks and writes).
 */
@Entity('bookings')
export class BookingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('uuid', { name: 'agent_user_id' })
  agentUserId: string;

  @Column('uuid', { name: 'activity_id', nullable: true })
  activityId: string | null;

  @Column('text')
  status: BookingStatus;

  @Column('timestamptz', { name: 'start_time' })
  startTime: Date;

  @Column('timestamptz', { name: 'end_time' })
  endTime: Date;

  @Column('int', { name: 'duration_minutes' })
  durationMinutes: number;

  /** The agent's local day of the start (`YYYY-MM-DD`), for the daily cap. */
  @Column('date', { name: 'agent_day' })
  agentDay: string;

  @Column('text')
  name: string;

  @Column('text')
  email: string;

  @Column('text', { nullable: true })
  phone: string | null;

  @Column('text', { nullable: true })
  note: string | null;

  /** The prospect's time zone, in which their emails and pages show the time. */
  @Column('text')
  timezone: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
