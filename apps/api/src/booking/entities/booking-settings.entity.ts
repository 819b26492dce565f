import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { WeeklyHoursRange } from '@switchboard/crm-domain';

/** One agent's public booking link and the rules of their availability. A row exists once they opened the settings. */
@Entity('booking_settings')
export class BookingSettingsEntity {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('boolean', { default: false })
  enabled: boolean;

  /** Unique across organisations: the link is public. */
  @Column('text')
  slug: string;

  @Column('text')
  timezone: string;

  @Column('int', { array: true })
  durations: number[];

  @Column('int', { name: 'buffer_minutes' })
  bufferMinutes: number;

  @Column('int', { name: 'min_notice_minutes' })
  minNoticeMinutes: number;

  @Column('int', { name: 'max_days_ahead' })
  maxDaysAhead: number;

  @Column('int', { name: 'daily_cap', nullable: true })
  dailyCap: number | null;

  @Column('boolean', { name: 'require_phone' })
  requirePhone: boolean;

  @Column('jsonb', { name: 'weekly_hours' })
  weeklyHours: WeeklyHoursRange[];

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
