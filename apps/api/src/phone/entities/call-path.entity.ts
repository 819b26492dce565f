import type { ActivityDirection, CallPathFacts, CallRecordSource, CallResult } from '@switchboard/crm-domain';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * One path (leg) of a Zoom call as one of Zoom's records described it, kept so that a call's activity can be rebuilt
 * from all of its paths whichever event or page brought each (call-log.service.ts). Deleted with the activity.
 */
@Entity('call_paths')
export class CallPath implements CallPathFacts {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  /** The call's activity key (`call:<zoomUserId>:<callId>`): a call's paths as one user's records describe them. */
  @PrimaryColumn('text', { name: 'zoom_ref' })
  zoomRef: string;

  @PrimaryColumn('text')
  source: CallRecordSource;

  @PrimaryColumn('text', { name: 'path_id' })
  pathId: string;

  @Column('text', { name: 'call_id' })
  callId: string;

  /** Null until the call's activity is written. */
  @Column('uuid', { name: 'activity_id', nullable: true })
  activityId: string | null;

  @Column('text')
  direction: ActivityDirection;

  @Column('text')
  result: CallResult;

  @Column('timestamptz', { name: 'started_at' })
  startedAt: Date;

  @Column('int', { name: 'duration_seconds', nullable: true })
  durationSeconds: number | null;

  @Column('text', { name: 'counterpart_raw', nullable: true })
  counterpartRaw: string | null;

  @Column('text', { name: 'counterpart_name', nullable: true })
  counterpartName: string | null;

  @Column('text', { name: 'call_history_id', nullable: true })
  callHistoryId: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
