import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { UserRole } from '@switchboard/crm-domain';
import type { Logger } from 'pino';
import { DataSource, IsNull, Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { hashPassword, randomToken } from '../platform/crypto/secret-hash';
import { appError, badInput, ErrorCode, notFound } from '../platform/graphql/errors';
import { isUuid } from '../platform/graphql/validation';
import { LOGGER } from '../platform/logging/logger';
import { MailService } from '../platform/mail/mail.service';
import { accountEmail, checkNewPassword, emailTaken, isUniqueViolation, requiredName } from './account-rules';
import { AuthService } from './auth.service';
import type { InvitationPreview } from './dto/onboarding.models';
import { Invite, inviteStatus, InviteStatus, MailDelivery } from './entities/invite.entity';
import { Organisation } from './entities/organisation.entity';
import { User } from './entities/user.entity';
import type { Principal } from './principal';
import { TokenHasher } from './token-hasher';

const INVITE_TOKEN_PREFIX = 'sbi';
const ROLE_NAMES: Record<UserRole, string> = { agent: 'an agent', admin: 'an admin' };

/** Why a link cannot be used, as the invite page and API clients see it (`extensions.reason`). */
function unusable(invite: Invite | null): never {
  const status = invite ? inviteStatus(invite) : null;
  const reason = status === InviteStatus.ACCEPTED ? 'USED' : (status ?? 'INVALID');
  const message =
    status === InviteStatus.ACCEPTED
      ? 'This invite has already been used: sign in instead'
      : status === InviteStatus.REVOKED
        ? 'This invite was withdrawn or replaced by a newer one: ask your admin for a new link'
        : status === InviteStatus.EXPIRED
          ? `This invite expired on ${invite?.expiresAt.toUTCString()}: ask your admin for a new one`
          : 'This invite link is not valid: check you have all of it, or ask your admin for a new one';
  throw appError(ErrorCode.BAD_USER_INPUT, message, { field: 'token', reason });
}

/**
 * Invitations: an admin invites an email with a role; the link PUBLIC_URL/invite/<token> is emailed (or, without
 * SMTP_URL, left to the admin to pass on) and works once, until it expires. Only the token's keyed hash is stored.
 */
@Injectable()
export class InvitesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Invite) private readonly invites: Repository<Invite>,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    private readonly mail: MailService,
    private readonly auth: AuthService,
    private readonly tokens: TokenHasher,
  ) {}

  /** A new invite replaces any open one to the same email in the organisation, so only the latest link works. */
  async invite(principal: Principal, emailInput: string, role: UserRole): Promise<Invite> {
    const email = accountEmail(emailInput);
    const existing = await this.users.findOneBy({ email });
    if (existing) {
      if (existing.organisationId !== principal.organisationId) throw emailTaken(email);
      throw badInput(existing.deactivatedAt ? `${email} is deactivated: reactivate them in People instead` : `${email} is already in your organisation`, 'email');
    }
    const [inviter, organisation] = await Promise.all([this.auth.userOf(principal), this.organisations.findOneByOrFail({ id: principal.organisationId })]);
    const token = randomToken(INVITE_TOKEN_PREFIX);
    const url = `${this.config.publicUrl}/invite/${token}`;
    const expiresAt = new Date(Date.now() + this.config.inviteExpiryHours * 3600_000);
    const invite = await this.dataSource.transaction(async (manager) => {
      await manager.update(Invite, { organisationId: principal.organisationId, email, acceptedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
      return manager.save(
        manager.create(Invite, { organisationId: principal.organisationId, email, role, tokenHash: this.tokens.hash(token), invitedById: inviter.id, delivery: MailDelivery.OUTBOX, expiresAt }),
      );
    });
    invite.delivery = await this.email(invite, { url, inviter, organisation });
    if (invite.delivery !== MailDelivery.OUTBOX) await this.invites.update({ id: invite.id }, { delivery: invite.delivery });
    return Object.assign(invite, { url });
  }

  private async email(invite: Invite, { url, inviter, organisation }: { url: string; inviter: User; organisation: Organisation }): Promise<MailDelivery> {
    const expires = new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' }).format(invite.expiresAt);
    try {
      const delivery = await this.mail.send({
        from: { name: inviter.name, address: inviter.email },
        to: { name: '', address: invite.email },
        subject: `${inviter.name} invited you to ${organisation.name} on Switchboard`,
        text: [
          'Hello,',
          '',
          `${inviter.name} invited you to join ${organisation.name} on Switchboard as ${ROLE_NAMES[invite.role]}.`,
          '',
          'Choose your name and password here to get started:',
          url,
          '',
          `The link works once and expires on ${expires}.`,
          '',
        ].join('\n'),
      });
      return delivery === 'sent' ? MailDelivery.SENT : MailDelivery.OUTBOX;
    } catch (error) {
      // The invite stands: the admin sees FAILED and copies the link instead. The mail (and so the token) is not logged.
      this.logger.warn({ inviteId: invite.id, err: (error as Error).message }, 'Sending an invite email failed');
      return MailDelivery.FAILED;
    }
  }

  /** Invites not yet accepted nor withdrawn, expired ones included (so the admin can send a new link), newest first. */
  list(principal: Principal): Promise<Invite[]> {
    return this.invites.find({ where: { organisationId: principal.organisationId, acceptedAt: IsNull(), revokedAt: IsNull() }, order: { createdAt: 'DESC' } });
  }

  async revoke(principal: Principal, id: string): Promise<Invite> {
    const invite = isUuid(id) ? await this.invites.findOneBy({ id, organisationId: principal.organisationId }) : null;
    if (!invite) throw notFound('Invite');
    if (invite.acceptedAt) throw badInput('This invite has already been accepted: deactivate the user instead', 'id');
    if (!invite.revokedAt) {
      invite.revokedAt = new Date();
      await this.invites.update({ id: invite.id }, { revokedAt: invite.revokedAt });
    }
    return invite;
  }

  /** For the invite page; null when the token names no invite. */
  async preview(token: string): Promise<InvitationPreview | null> {
    const invite = await this.byToken(token);
    if (!invite) return null;
    const [organisation, inviter] = await Promise.all([
      this.organisations.findOneByOrFail({ id: invite.organisationId }),
      invite.invitedById ? this.users.findOneBy({ id: invite.invitedById }) : null,
    ]);
    return { email: invite.email, role: invite.role, organisationName: organisation.name, invitedByName: inviter?.name ?? null, status: inviteStatus(invite), expiresAt: invite.expiresAt };
  }

  /** Creates the invited user and signs them in; the invite is spent in the same transaction. */
  async accept(token: string, nameInput: string, password: string): Promise<{ token: string; user: User }> {
    const found = await this.byToken(token);
    if (!found || inviteStatus(found) !== InviteStatus.PENDING) unusable(found);
    const name = requiredName(nameInput, 'name', 'your name');
    const passwordHash = await hashPassword(checkNewPassword(password));
    const user = await this.dataSource
      .transaction(async (manager) => {
        const invite = await manager.findOne(Invite, { where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
        if (!invite || inviteStatus(invite) !== InviteStatus.PENDING) unusable(invite);
        if (await manager.existsBy(User, { email: invite.email })) throw emailTaken(invite.email);
        const created = await manager.save(manager.create(User, { organisationId: invite.organisationId, email: invite.email, name, role: invite.role, passwordHash }));
        await manager.update(Invite, { id: invite.id }, { acceptedAt: new Date(), acceptedUserId: created.id });
        return created;
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? emailTaken(found.email) : error;
      });
    const session = await this.auth.startSession(user);
    return { token: session.token, user };
  }

  private byToken(token: string): Promise<Invite | null> {
    if (!token.startsWith(`${INVITE_TOKEN_PREFIX}_`)) return Promise.resolve(null);
    return this.invites.findOneBy({ tokenHash: this.tokens.hash(token) });
  }
}
