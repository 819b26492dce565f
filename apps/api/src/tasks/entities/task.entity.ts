import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { TaskSource } from '@switchboard/crm-domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

registerEnumType(TaskSource, { name: 'TaskSource' });

/** Open tasks are to do; done ones have a completion time. */
export const TaskStatus = { OPEN: 'OPEN', DONE: 'DONE' } as const;
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];
registerEnumType(TaskStatus, { name: 'TaskStatus' });

/** Something an agent has to do, on a contact or deal, maybe by a time: typed, a call to return, an AI summary's next step. */
@ObjectType()
@Entity('tasks')
export class Task {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('uuid', { name: 'owner_id' })
  ownerId: string;

  @Field()
  @Column('text')
  title: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column('timestamptz', { name: 'due_at', nullable: true })
  dueAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Set once the task is done; null while it is open' })
  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt: Date | null;

  @Field(() => TaskSource)
  @Column('text')
  source: TaskSource;

  @Column('uuid', { name: 'contact_id', nullable: true })
  contactId: string | null;

  @Column('uuid', { name: 'deal_id', nullable: true })
  dealId: string | null;

  /** The call, voicemail or recording the task came from. */
  @Column('uuid', { name: 'activity_id', nullable: true })
  activityId: string | null;

  /** When the call a call-back task answers happened; a connected call with the contact after it closes the task. */
  @Column('timestamptz', { name: 'activity_at', nullable: true })
  activityAt: Date | null;

  @Field(() => GraphQLISODateTime)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
