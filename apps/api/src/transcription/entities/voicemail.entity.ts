import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const TranscriptionState = { TRANSCRIBING: 'TRANSCRIBING', TRANSCRIBED: 'TRANSCRIBED', FAILED: 'FAILED' } as const;
export type TranscriptionState = (typeof TranscriptionState)[keyof typeof TranscriptionState];

/** A Zoom voicemail and where its transcription stands (never its audio). */
@Entity('voicemails')
export class Voicemail {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('text', { name: 'voicemail_id' })
  voicemailId: string;

  @Column('uuid', { name: 'activity_id' })
  activityId: string;

  @Column('uuid', { name: 'owner_id' })
  ownerId: string;

  @Column('text', { name: 'zoom_user_id' })
  zoomUserId: string;

  @Column('text', { name: 'download_url' })
  downloadUrl: string;

  @Column('text')
  status: TranscriptionState;

  @Column('int', { default: 0 })
  attempts: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column('text', { nullable: true })
  language: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
