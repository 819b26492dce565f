import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { normalizePhone, isValidRegion } from '@switchboard/crm-domain';
import { createPkcePair, createState, requiredZoomScopes, type ZoomApiClient, ZoomError, type ZoomPhoneUser, type ZoomTokenSet, type ZoomUser } from '@switchboard/zoom';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { DataSource, Not, QueryFailedError, Repository } from 'typeorm';
import { ActivityService } from '../activity';
import { AuthService, type Principal } from '../auth';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { appError, ErrorCode } from '../platform/graphql/errors';
import { LOGGER } from '../platform/logging/logger';
import { LiveEventsService } from '../platform/redis/live-events.service';
import { REDIS } from '../platform/redis/redis';
import { WebhookInboxService } from '../webhook';
import { ZoomConnection } from './dto/zoom-connection.model';
import { ZoomConnectionEntity, ZoomTokenEntity } from './entities/zoom-connection.entity';
import { ZoomClients } from './zoom-clients';
import { type ConnectedZoomUser, ConnectionState, type ZoomConnectionSummary } from './zoom-connection';
import { announceConnectionChange, toZoomConnectionModel } from './zoom-connection.view';
import { reconnectRequired, ZoomTokenManager } from './zoom-token.manager';

/** Long enough to read a consent page, short enough that a leaked state is useless soon. */
const STATE_TTL_SECONDS = 600;

interface PendingAuthorization {
  userId: string;
  organisationId: string;
  credentialId: string;
  verifier: string;
}

/** Why a callback could not connect; the SPA shows a sentence for each. */
export type ConnectFailure = 'state' | 'denied' | 'already_linked' | 'zoom';

export class ZoomConnectError extends Error {
  constructor(
    readonly reason: ConnectFailure,
    message: string,
  ) {
    super(message);
  }
}

/** The partial unique index that keeps a Zoom user linked to one Switchboard user refused an insert. */
const isZoomUserTaken = (error: unknown) =>
  error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === 'zoom_connections_zoom_user_key';

/** A Switchboard user's Zoom grant from start to end: connect, status, disconnect, Zoom-side removal. */
@Injectable()
export class ZoomConnectionService {
  private readonly connectedListeners: Array<(connection: ConnectedZoomUser) => Promise<void>> = [];
  private readonly deauthorizedListeners: Array<(connection: ZoomConnectionSummary) => Promise<void>> = [];

  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(ZoomConnectionEntity) private readonly connections: Repository<ZoomConnectionEntity>,
    private readonly tokenManager: ZoomTokenManager,
    private readonly clients: ZoomClients,
    private readonly auth: AuthService,
    private readonly activities: ActivityService,
    private readonly webhookInbox: WebhookInboxService,
    private readonly liveEvents: LiveEventsService,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private stateKey(state: string): string {
    return `${this.config.redisPrefix}:zoom-oauth-state:${state}`;
  }

  /** The authorize URL; the state is single-use and bound to the caller's session, PKCE S256. */
  async startConnect(principal: Principal): Promise<string> {
    const state = createState();
    const pkce = createPkcePair();
    const pending: PendingAuthorization = {
      userId: principal.userId,
      organisationId: principal.organisationId,
      credentialId: principal.credential.id,
      verifier: pkce.verifier,
    };
    await this.redis.set(this.stateKey(state), JSON.stringify(pending), 'EX', STATE_TTL_SECONDS);
    return this.clients.oauth.buildAuthorizeUrl({ state, codeChallenge: pkce.challenge, scopes: requiredZoomScopes(), loginHint: principal.email });
  }

  /** The state is consumed whatever happens next, so a replayed callback URL can never connect anything. */
  private async consumeState(principal: Principal, state: string): Promise<PendingAuthorization> {
    const stored = state ? await this.redis.getdel(this.stateKey(state)) : null;
    const pending = stored ? (JSON.parse(stored) as PendingAuthorization) : null;
    if (!pending || pending.credentialId !== principal.credential.id || pending.userId !== principal.userId) {
      throw new ZoomConnectError('state', 'This Zoom authorization was not started from this session, or it expired: try again');
    }
    return pending;
  }

  /** The user said no at Zoom: drop the pending state and say so. */
  async cancelConnect(principal: Principal, state: string): Promise<never> {
    await this.consumeState(principal, state);
    throw new ZoomConnectError('denied', 'Zoom access was not granted');
  }

  async completeConnect(principal: Principal, code: string, state: string): Promise<ZoomConnectionEntity> {
    const pending = await this.consumeState(principal, state);
    // The exchange comes first even when the answer will be no: only users/me names the Zoom user, and Zoom may
    // already have rotated an existing owner's grant away for this one (docs/architecture.md, Decisions).
    const tokens = await this.clients.oauth.exchangeCode(code, pending.verifier).catch((error: unknown) => {
      throw new ZoomConnectError('zoom', `Zoom refused the authorization (${error instanceof ZoomError ? error.kind : 'unexpected error'})`);
    });
    const api = this.clients.api({ getAccessToken: async () => tokens.accessToken });
    const [me, phoneUser] = await Promise.all([api.getMe(), api.getPhoneUser()]).catch((error: unknown) => {
      throw new ZoomConnectError('zoom', `Zoom did not return your profile (${error instanceof ZoomError ? error.kind : 'unexpected error'})`);
    });
    const connection = await this.linkUnlessOwned(principal, me, phoneUser, tokens);
    if (!connection) {
      throw new ZoomConnectError('already_linked', `The Zoom user ${me.email} is linked elsewhere, to another Switchboard user, and stays connected there`);
    }
    this.logger.info({ userId: principal.userId, zoomUserId: me.id }, 'Zoom connected');
    await announceConnectionChange(this.liveEvents, principal.userId, connection);
    for (const listener of this.connectedListeners) {
      await listener(connection).catch((error: Error) => this.logger.warn({ userId: principal.userId, err: error.message }, 'A Zoom-connected follow-up failed'));
    }
    return connection;
  }

  /** Links the caller to the Zoom user; null when the Zoom user is another Switchboard user's, who gets the grant. */
  private async linkUnlessOwned(principal: Principal, me: ZoomUser, phoneUser: ZoomPhoneUser | null, tokens: ZoomTokenSet): Promise<ZoomConnectionEntity | null> {
    if (await this.handOverToOwner(principal, me, phoneUser, tokens)) return null;
    try {
      return await this.link(principal, me, phoneUser, tokens);
    } catch (error) {
      // Someone linked this Zoom user between the look-up and the insert: the unique index decided, same answer.
      if (isZoomUserTaken(error) && (await this.handOverToOwner(principal, me, phoneUser, tokens))) return null;
      throw error;
    }
  }

  /**
   * The grant just made serves the Zoom user's existing owner, if another Switchboard user has it: re-authorising at
   * Zoom may have revoked the owner's grant, and revoking this one too would leave the Zoom user connected to nobody.
   * False when there is no such owner (or it went meanwhile).
   */
  private async handOverToOwner(principal: Principal, me: ZoomUser, phoneUser: ZoomPhoneUser | null, tokens: ZoomTokenSet): Promise<boolean> {
    const owner = await this.connections.findOneBy({ zoomUserId: me.id, userId: Not(principal.userId), state: Not(ConnectionState.REVOKED) });
    if (!owner || !(await this.tokenManager.adoptGrant(owner.id, tokens))) return false;
    await this.connections.update({ id: owner.id }, await this.profileFields(owner.organisationId, me, phoneUser));
    this.logger.warn(
      { userId: principal.userId, ownerUserId: owner.userId, zoomUserId: me.id },
      'Zoom user already linked to another Switchboard user: refused, and the new grant kept for the existing link',
    );
    await announceConnectionChange(this.liveEvents, owner.userId, await this.connections.findOneBy({ id: owner.id }));
    return true;
  }

  /** Links the caller to the Zoom user, replacing the caller's earlier connection with its tokens. */
  private async link(principal: Principal, me: ZoomUser, phoneUser: ZoomPhoneUser | null, tokens: ZoomTokenSet): Promise<ZoomConnectionEntity> {
    const profile = await this.profileFields(principal.organisationId, me, phoneUser);
    return this.dataSource.transaction(async (manager) => {
      await manager.delete(ZoomConnectionEntity, { userId: principal.userId });
      const saved = await manager.save(
        manager.create(ZoomConnectionEntity, {
          organisationId: principal.organisationId,
          userId: principal.userId,
          zoomUserId: me.id,
          zoomAccountId: me.account_id,
          ...profile,
          scopes: tokens.scopes,
          state: ConnectionState.CONNECTED,
          lastError: null,
          connectedAt: new Date(),
          revokedAt: null,
        }),
      );
      await manager.save(ZoomTokenEntity, this.tokenManager.sealed(saved.id, tokens));
      return saved;
    });
  }

  /** What the card shows from Zoom's profile: email, plan, and the Zoom Phone number in E.164 (the organisation's region) when it parses. */
  private async profileFields(organisationId: string, me: ZoomUser, phoneUser: ZoomPhoneUser | null) {
    const organisation = await this.auth.getOrganisation(organisationId);
    const region = organisation && isValidRegion(organisation.defaultRegion) ? organisation.defaultRegion : 'US';
    const rawNumber = phoneUser?.phone_numbers?.[0]?.number ?? null;
    const extension = phoneUser?.extension_number;
    return {
      email: me.email,
      planType: me.type,
      phoneNumber: rawNumber ? (normalizePhone(rawNumber, region).e164 ?? rawNumber) : null,
      phoneExtension: extension === undefined || extension === null ? null : String(extension),
    };
  }

  /**
   * Reads the profile from Zoom again (a plan upgrade, a new Zoom Phone number) through the stored grant, so it
   * also proves the grant still works; a dead grant turns the card to "Reconnect Zoom".
   */
  async refreshProfile(principal: Principal): Promise<ZoomConnection> {
    const api = await this.apiFor(principal);
    const [me, phoneUser] = await Promise.all([api.getMe(), api.getPhoneUser()]);
    await this.connections.update({ userId: principal.userId }, await this.profileFields(principal.organisationId, me, phoneUser));
    return this.status(principal);
  }

  private mine(principal: Principal): Promise<ZoomConnectionEntity | null> {
    return this.connections.findOneBy({ userId: principal.userId });
  }

  async status(principal: Principal): Promise<ZoomConnection> {
    return toZoomConnectionModel(await this.mine(principal));
  }

  /** Revokes at Zoom (best effort: the grant is ours to drop either way), then deletes the tokens at once. */
  async disconnect(principal: Principal): Promise<ZoomConnection> {
    const connection = await this.mine(principal);
    if (!connection) return toZoomConnectionModel(null);
    if (connection.state === ConnectionState.CONNECTED) {
      try {
        await this.clients.oauth.revoke(await this.tokenManager.accessToken(connection.id));
      } catch (error) {
        this.logger.warn({ connectionId: connection.id, err: (error as Error).message }, 'Revoking at Zoom failed; deleting our tokens anyway');
      }
    }
    await this.connections.delete({ id: connection.id });
    this.logger.info({ userId: principal.userId }, 'Zoom disconnected');
    await announceConnectionChange(this.liveEvents, principal.userId, null);
    return toZoomConnectionModel(null);
  }

  /**
   * Zoom says the user removed the app: tokens and the Zoom-derived data go (docs/privacy.md), the connection
   * stays as a revoked marker so the card can say what happened, and no later event of that user is processed.
   */
  async deauthorize(zoomUserId: string, accountId: string | undefined, deauthorizedAt: Date): Promise<boolean> {
    // The user's stored Zoom events (callers' numbers and names) go whether or not they are still connected here.
    await this.webhookInbox.forgetZoomUser(zoomUserId);
    const connection = await this.connections.findOneBy({ zoomUserId, state: Not(ConnectionState.REVOKED), ...(accountId ? { zoomAccountId: accountId } : {}) });
    if (!connection) return false;
    // What a module keeps by the agent's choice (a detached recording's metadata) is set apart first; a failure
    // here leaves the connection as it is, so the redelivered event finds it again.
    for (const listener of this.deauthorizedListeners) await listener(connection);
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(ZoomTokenEntity, { connectionId: connection.id });
      await manager.update(
        ZoomConnectionEntity,
        { id: connection.id },
        { state: ConnectionState.REVOKED, revokedAt: deauthorizedAt, lastError: 'Switchboard was removed from your Zoom account', phoneNumber: null, phoneExtension: null, scopes: [] },
      );
    });
    const deleted = await this.activities.deleteZoomDerived(connection.organisationId, connection.userId);
    this.logger.info({ userId: connection.userId, deletedActivities: deleted }, 'Zoom app deauthorized: tokens and Zoom data deleted');
    await announceConnectionChange(this.liveEvents, connection.userId, null);
    return true;
  }

  /** The connection whose events we process for a Zoom user, or null (unknown, disconnected, revoked). */
  connectionById(id: string): Promise<ConnectedZoomUser | null> {
    return this.connections.findOneBy({ id, state: ConnectionState.CONNECTED });
  }

  connectedZoomUser(zoomUserId: string): Promise<ConnectedZoomUser | null> {
    return this.connections.findOneBy({ zoomUserId, state: ConnectionState.CONNECTED });
  }

  /** Every working connection of every organisation, for schedulers that act for each connected user. */
  listConnected(): Promise<ConnectedZoomUser[]> {
    return this.connections.find({ where: { state: ConnectionState.CONNECTED }, order: { connectedAt: 'ASC' } });
  }

  /** Every connection's state, for the admin integration-health page. */
  listForOrganisation(organisationId: string): Promise<ZoomConnectionSummary[]> {
    return this.connections.find({ where: { organisationId }, order: { connectedAt: 'DESC' } });
  }

  /** When each connection's stored access token expires (none: no usable grant), for the integration-health page. */
  tokenExpiries(connectionIds: string[]): Promise<Map<string, Date>> {
    return this.tokenManager.expiries(connectionIds);
  }

  /** The caller's working connection; fails with ZOOM_NOT_CONNECTED / ZOOM_RECONNECT_REQUIRED otherwise. */
  async connectedFor(principal: Principal): Promise<ConnectedZoomUser> {
    const connection = await this.mine(principal);
    if (!connection || connection.state === ConnectionState.REVOKED) {
      throw appError(ErrorCode.ZOOM_NOT_CONNECTED, 'Connect Zoom first: Settings > Integrations');
    }
    if (connection.state === ConnectionState.NEEDS_RECONNECT) {
      throw reconnectRequired();
    }
    return connection;
  }

  /** The caller's Zoom client; fails with ZOOM_NOT_CONNECTED / ZOOM_RECONNECT_REQUIRED when it cannot work. */
  async apiFor(principal: Principal): Promise<ZoomApiClient> {
    return this.apiForConnection((await this.connectedFor(principal)).id);
  }

  /**
   * Lets modules that depend on Zoom act when a user connects (the phone module backfills calls), without this
   * module depending on them. A listener's failure is logged and does not undo the connection.
   */
  onConnected(listener: (connection: ConnectedZoomUser) => Promise<void>): void {
    this.connectedListeners.push(listener);
  }

  /** Lets modules act on `app_deauthorized` before the Zoom-derived activities are deleted; a failure fails the event (retried). */
  onDeauthorized(listener: (connection: ZoomConnectionSummary) => Promise<void>): void {
    this.deauthorizedListeners.push(listener);
  }

  apiForConnection(connectionId: string): ZoomApiClient {
    let lastToken: string | undefined;
    return this.clients.api(
      {
        getAccessToken: async () => (lastToken = await this.tokenManager.accessToken(connectionId)),
        onInvalidToken: async () => (lastToken = await this.tokenManager.refresh(connectionId, lastToken)),
      },
      connectionId,
    );
  }
}
