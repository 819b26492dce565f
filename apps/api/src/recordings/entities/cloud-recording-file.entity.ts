import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One file of a cloud recording: Zoom's address for it, read with the host's token on playback; never its bytes. */
@Entity('cloud_recording_files')
export class CloudRecordingFile {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  /** Zoom's recording file id. */
  @PrimaryColumn('text', { name: 'file_id' })
  fileId: string;

  @Column('uuid', { name: 'activity_id' })
  activityId: string;

  /** video, audio, transcript or chat. */
  @Column('text')
  kind: string;

  @Column('text', { name: 'zoom_user_id' })
  zoomUserId: string;

  @Column('text', { name: 'download_url' })
  downloadUrl: string;
}
