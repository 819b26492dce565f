import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { UserRole } from '@switchboard/crm-domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { UserRoleEnum } from '../../platform/graphql/enums';

/** SENT: handed to the SMTP server; OUTBOX: SMTP_URL is unset, so the admin passes the link on; FAILED: the mail server refused it. */
export const MailDelivery = { SENT: 'SENT', OUTBOX: 'OUTBOX', FAILED: 'FAILED' } as const;
export type MailDelivery = (typeof MailDelivery)[keyof typeof MailDelivery];
registerEnumType(MailDelivery, { name: 'MailDelivery', description: 'What became of an invite email: SENT, OUTBOX (SMTP_URL unset) or FAILED' });

export const InviteStatus = { PENDING: 'PENDING', ACCEPTED: 'ACCEPTED', EXPIRED: 'EXPIRED', REVOKED: 'REVOKED' } as const;
export type InviteStatus = (typeof InviteStatus)[keyof typeof InviteStatus];
registerEnumType(InviteStatus, { name: 'InviteStatus', description: 'REVOKED: withdrawn by an admin, or replaced by a newer invite to the same email' });

/** An invitation to join an organisation: single-use, expiring, its token stored only as a keyed hash. */
@ObjectType()
@Entity('invites')
export class Invite {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Field()
  @Column('text')
  email: string;

  @Field(() => UserRoleEnum)
  @Column('text')
  role: UserRole;

  @Column('text', { name: 'token_hash' })
  tokenHash: string;

  @Column('uuid', { name: 'invited_by', nullable: true })
  invitedById: string | null;

  @Field(() => MailDelivery)
  @Column('text')
  delivery: MailDelivery;

  @Field(() => GraphQLISODateTime)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'accepted_at', nullable: true })
  acceptedAt: Date | null;

  @Column('uuid', { name: 'accepted_user_id', nullable: true })
  acceptedUserId: string | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  /** PUBLIC_URL/invite/<token>: only in inviteUser's answer, since the token itself is never stored. */
  @Field(() => String, { nullable: true, description: "The link to accept: only in inviteUser's answer (the token is stored hashed)" })
  url?: string | null;
}

export function inviteStatus(invite: Pick<Invite, 'acceptedAt' | 'revokedAt' | 'expiresAt'>, now = new Date()): InviteStatus {
  if (invite.acceptedAt) return InviteStatus.ACCEPTED;
  if (invite.revokedAt) return InviteStatus.REVOKED;
  return invite.expiresAt.getTime() <= now.getTime() ? InviteStatus.EXPIRED : InviteStatus.PENDING;
}
