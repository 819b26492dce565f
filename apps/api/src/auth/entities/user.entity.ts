import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import type { UserRole } from '@switchboard/crm-domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CallLinkScheme, UserRoleEnum } from '../../platform/graphql/enums';

@ObjectType()
@Entity('users')
export class User {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Field()
  @Column('text')
  email: string;

  @Field()
  @Column('text')
  name: string;

  @Field(() => UserRoleEnum)
  @Column('text')
  role: UserRole;

  @Field(() => CallLinkScheme, { description: 'What phone numbers open for this user: Zoom Phone, or tel: without the Zoom client' })
  @Column('text', { name: 'call_links', default: CallLinkScheme.ZOOM_PHONE })
  callLinks: CallLinkScheme;

  @Column('text', { name: 'password_hash' })
  passwordHash: string;

  @Field(() => GraphQLISODateTime)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Set by an admin: the user can no longer sign in, and every session and API token they had is revoked. */
  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column('timestamptz', { name: 'deactivated_at', nullable: true })
  deactivatedAt: Date | null;
}
