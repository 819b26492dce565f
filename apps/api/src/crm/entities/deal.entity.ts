import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { DealStage } from '@switchboard/crm-domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DealStageEnum } from '../../platform/graphql/enums';

/** A deal or listing: a property an agent is selling or buying for a contact. */
@ObjectType()
@Entity('deals')
export class Deal {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('uuid', { name: 'contact_id', nullable: true })
  contactId: string | null;

  @Column('uuid', { name: 'owner_id', nullable: true })
  ownerId: string | null;

  @Field()
  @Column('text')
  title: string;

  @Field(() => DealStageEnum)
  @Column('text')
  stage: DealStage;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'property_address', nullable: true })
  propertyAddress: string | null;

  /** Whole currency units (e.g. list price in dollars). */
  @Field(() => Int, { nullable: true })
  @Column('int', { nullable: true })
  value: number | null;

  @Field(() => GraphQLISODateTime)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
