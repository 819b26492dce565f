import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Contact } from './contact.entity';

/** A contact's number as typed, plus its E.164 form (indexed) for matching calls. */
@ObjectType('PhoneNumber')
@Entity('contact_phones')
export class ContactPhone {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'contact_id' })
  contactId: string;

  @ManyToOne('Contact', 'phones', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact: Contact;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Field()
  @Column('text')
  raw: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  e164: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  extension: string | null;

  @Column('int')
  position: number;
}
