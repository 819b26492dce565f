import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A call recording on a call activity: Zoom's address for it, read with its owner's token on playback. */
@Entity('phone_recordings')
export class PhoneRecording {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('text', { name: 'recording_id' })
  recordingId: string;

  @Column('uuid', { name: 'activity_id' })
  activityId: string;

  @Column('text', { name: 'zoom_user_id' })
  zoomUserId: string;

  @Column('text', { name: 'download_url' })
  downloadUrl: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
