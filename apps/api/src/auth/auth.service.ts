import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { UserRole } from '@switchboard/crm-domain';
import { type EntityManager, In, IsNull, Repository } from 'typeorm';
import { hashPassword, randomToken, verifyPassword } from '../platform/crypto/secret-hash';
import type { CallLinkScheme } from '../platform/graphql/enums';
import { appError, badInput, ErrorCode, notFound } from '../platform/graphql/errors';
import { LiveEventsService } from '../platform/redis/live-events.service';
import { ApiToken } from './entities/api-token.entity';
import { Organisation } from './entities/organisation.entity';
import { Session } from './entities/session.entity';
import { User } from './entities/user.entity';
import { LoginRateLimiter } from './login-rate-limiter';
import { type CredentialRevoked, type Principal, SESSION_COOKIE, TOKEN_REVOKED_EVENT } from './principal';
import { TokenHasher } from './token-hasher';

const SESSION_TOKEN_PREFIX = 'sbs';
const API_TOKEN_PREFIX = 'sbt';
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
/** Writing last_used_at on every request would turn reads into writes; once a minute is enough to show it. */
const LAST_USED_RESOLUTION_MS = 60_000;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function principalOf(user: User, credential: Principal['credential']): Principal {
  return { userId: user.id, organisationId: user.organisationId, email: user.email, role: user.role, credential };
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** The bearer secret a request carries: `Authorization: Bearer`, else the session cookie. */
export function credentialFromHeaders(headers: { authorization?: string; cookie?: string }): string | undefined {
  const bearer = headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? readCookie(headers.cookie, SESSION_COOKIE);
}

@Injectable()
export class AuthService {
  constructor(
    private readonly tokens: TokenHasher,
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    @InjectRepository(ApiToken) private readonly apiTokens: Repository<ApiToken>,
    private readonly rateLimiter: LoginRateLimiter,
    private readonly liveEvents: LiveEventsService,
  ) {}

  async login(emailInput: string, password: string, address: string): Promise<{ token: string; user: User; expiresAt: Date }> {
    const email = emailInput.trim().toLowerCase();
    if (!EMAIL_PATTERN.test(email)) throw badInput('Enter a valid email address', 'email');
    if (!password) throw badInput('Enter your password', 'password');
    await this.rateLimiter.assertAllowed(email, address);
    const user = await this.users.findOneBy({ email });
    if (!user || !(await verifyPassword(password, user.passwordHash))) {
      await this.rateLimiter.recordFailure(email, address);
      throw appError(ErrorCode.UNAUTHENTICATED, 'Wrong email or password');
    }
    // Said only to someone who knows the password: the person, who should know why they cannot get in.
    if (user.deactivatedAt) throw appError(ErrorCode.UNAUTHENTICATED, 'This account has been deactivated: ask an admin of your organisation', { reason: 'DEACTIVATED' });
    return { ...(await this.startSession(user)), user };
  }

  /** A new session for a user who just proved who they are (login, first-run page, accepted invite). */
  async startSession(user: User): Promise<{ token: string; expiresAt: Date }> {
    const token = randomToken(SESSION_TOKEN_PREFIX);
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
    await this.sessions.insert({ userId: user.id, tokenHash: this.tokens.hash(token), expiresAt });
    return { token, expiresAt };
  }

  async authenticate(token: string | undefined): Promise<Principal | null> {
    if (!token) return null;
    const tokenHash = this.tokens.hash(token);
    if (token.startsWith(`${SESSION_TOKEN_PREFIX}_`)) {
      const found = await this.userWithCredential(Session, tokenHash, 'credential.expires_at > now()');
      return found ? principalOf(found.user, { kind: 'session', id: found.credentialId }) : null;
    }
    if (token.startsWith(`${API_TOKEN_PREFIX}_`)) {
      const found = await this.userWithCredential(ApiToken, tokenHash, 'TRUE');
      if (!found) return null;
      if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
        await this.apiTokens.update({ id: found.credentialId }, { lastUsedAt: new Date() });
      }
      return principalOf(found.user, { kind: 'api_token', id: found.credentialId });
    }
    return null;
  }

  /** One round trip per request: the live credential and its user together. */
  private async userWithCredential(
    credentialEntity: typeof Session | typeof ApiToken,
    tokenHash: string,
    stillValid: string,
  ): Promise<{ user: User; credentialId: string; lastUsedAt: Date | null } | null> {
    const { entities, raw } = await this.users
      .createQueryBuilder('user')
      .innerJoin(credentialEntity, 'credential', 'credential.user_id = user.id')
      .addSelect('credential.id', 'credential_id')
      .addSelect(credentialEntity === ApiToken ? 'credential.last_used_at' : 'NULL', 'credential_last_used_at')
      .where('credential.token_hash = :tokenHash AND credential.revoked_at IS NULL', { tokenHash })
      .andWhere('user.deactivated_at IS NULL')
      .andWhere(stillValid)
      .getRawAndEntities();
    if (entities.length === 0) return null;
    return { user: entities[0], credentialId: raw[0].credential_id, lastUsedAt: raw[0].credential_last_used_at };
  }

  async logout(principal: Principal): Promise<void> {
    if (principal.credential.kind !== 'session') return;
    await this.sessions.update({ id: principal.credential.id }, { revokedAt: new Date() });
    await this.announceRevoked(principal.credential.id);
  }

  async createApiToken(principal: Principal, nameInput: string): Promise<string> {
    const name = nameInput.trim();
    if (!name || name.length > 100) throw badInput('Give the token a name of 1 to 100 characters', 'name');
    const token = randomToken(API_TOKEN_PREFIX);
    await this.apiTokens.insert({ userId: principal.userId, name, tokenHash: this.tokens.hash(token) });
    return token;
  }

  listApiTokens(principal: Principal): Promise<ApiToken[]> {
    return this.apiTokens.find({ where: { userId: principal.userId, revokedAt: IsNull() }, order: { createdAt: 'DESC' } });
  }

  async revokeApiToken(principal: Principal, id: string): Promise<boolean> {
    const result = await this.apiTokens.update({ id, userId: principal.userId, revokedAt: IsNull() }, { revokedAt: new Date() });
    if (!result.affected) throw notFound('API token');
    await this.announceRevoked(id);
    return true;
  }

  /** Every api process closes the live connections that used this credential. */
  private async announceRevoked(credentialId: string): Promise<void> {
    await this.liveEvents.publish<CredentialRevoked>(TOKEN_REVOKED_EVENT, { credentialId });
  }

  /**
   * Revokes every live session and API token of a user inside the caller's transaction (deactivation), and gives
   * back what closes their open graphql-ws connections once that transaction has committed.
   */
  async revokeAllCredentials(manager: EntityManager, userId: string): Promise<() => Promise<void>> {
    const now = new Date();
    const revoked: string[] = [];
    for (const entity of [Session, ApiToken]) {
      const result = await manager
        .createQueryBuilder()
        .update(entity)
        .set({ revokedAt: now })
        .where('user_id = :userId AND revoked_at IS NULL', { userId })
        .returning('id')
        .execute();
      revoked.push(...(result.raw as Array<{ id: string }>).map((row) => row.id));
    }
    return async () => {
      for (const credentialId of revoked) await this.announceRevoked(credentialId);
    };
  }

  getOrganisation(id: string): Promise<Organisation | null> {
    return this.organisations.findOneBy({ id });
  }

  /** Users of the caller's organisation only. */
  /**
   * The agent as whom a public booking link acts (the Zoom meeting goes on their account, the contact into their
   * organisation); null once they are deactivated, so their link stops working with their sessions.
   */
  async publicLinkPrincipal(userId: string): Promise<{ principal: Principal; user: User } | null> {
    const user = await this.users.findOneBy({ id: userId, deactivatedAt: IsNull() });
    return user ? { principal: principalOf(user, { kind: 'public_link', id: `booking:${user.id}` }), user } : null;
  }

  async usersByIds(organisationId: string, ids: string[]): Promise<User[]> {
    if (ids.length === 0) return [];
    return this.users.findBy({ organisationId, id: In(ids) });
  }

  async userOf(principal: Principal): Promise<User> {
    const user = await this.users.findOneBy({ id: principal.userId });
    if (!user) throw notFound('User');
    return user;
  }

  async setCallLinks(principal: Principal, callLinks: CallLinkScheme): Promise<User> {
    await this.users.update({ id: principal.userId }, { callLinks });
    return this.userOf(principal);
  }

  /** Idempotent creation for seeds and tests. */
  async ensureOrganisation(name: string, defaultRegion: string): Promise<Organisation> {
    const existing = await this.organisations.findOneBy({ name });
    return existing ?? this.organisations.save(this.organisations.create({ name, defaultRegion }));
  }

  async ensureUser(organisationId: string, input: { email: string; name: string; role: UserRole; password: string }): Promise<User> {
    const email = input.email.toLowerCase();
    const existing = await this.users.findOneBy({ email });
    if (existing) return existing;
    const passwordHash = await hashPassword(input.password);
    return this.users.save(this.users.create({ organisationId, email, name: input.name, role: input.role, passwordHash }));
  }
}
