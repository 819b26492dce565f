import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One agent's task preferences; an agent without a row has the defaults. */
@Entity('task_settings')
export class TaskSettingsEntity {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  /** Open a "Call back" task for each missed call or voicemail from a contact. */
  @Column('boolean', { name: 'call_back_tasks', default: true })
  callBackTasks: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
