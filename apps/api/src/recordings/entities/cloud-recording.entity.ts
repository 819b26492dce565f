import { registerEnumType } from '@nestjs/graphql';
import type { TranscriptCue } from '@switchboard/crm-domain';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Where a recording's AI Companion summary stands. */
export const RecordingSummaryStatus = {
  /** Zoom has not made it yet; fetched when meeting.summary_completed comes, and retried meanwhile. */
  PENDING: 'PENDING',
  READY: 'READY',
  /** Zoom will not give one for this host (AI Companion off, plan, scope): said once, quietly. */
  NOT_ON_PLAN: 'NOT_ON_PLAN',
  /** The meeting has none (no summary after the retries). */
  NONE: 'NONE',
} as const;
export type RecordingSummaryStatus = (typeof RecordingSummaryStatus)[keyof typeof RecordingSummaryStatus];
registerEnumType(RecordingSummaryStatus, { name: 'RecordingSummaryStatus' });

/** A meeting instance's cloud recording behind its RECORDING activity: whose it is, its cues, its summary state. */
@Entity('cloud_recordings')
export class CloudRecording {
  @PrimaryColumn('uuid', { name: 'activity_id' })
  activityId: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('text', { name: 'meeting_uuid' })
  meetingUuid: string;

  /** The host, whose token reads the files. */
  @Column('text', { name: 'zoom_user_id' })
  zoomUserId: string;

  /** The transcript's cues with their times (the activity's `transcript` is their text). */
  @Column('jsonb', { name: 'transcript_cues', default: () => `'[]'` })
  transcriptCues: TranscriptCue[];

  @Column('text', { name: 'summary_status', nullable: true })
  summaryStatus: RecordingSummaryStatus | null;

  /** The agent took it off its contact ("Detach") to keep it as a record of its own, in Unmatched. */
  @Column('boolean', { default: false })
  detached: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
