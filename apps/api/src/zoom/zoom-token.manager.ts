import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ZoomError, type ZoomTokenSet } from '@switchboard/zoom';
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import { DataSource, type EntityManager, In, Not, Repository } from 'typeorm';
import { TokenCipher, UnreadableTokenError } from '../platform/crypto/token-cipher';
import { appError, ErrorCode } from '../platform/graphql/errors';
import { LOGGER } from '../platform/logging/logger';
import { MetricsRegistry } from '../platform/observability/metrics-registry';
import { LiveEventsService } from '../platform/redis/live-events.service';
import { ZoomConnectionEntity, ZoomTokenEntity } from './entities/zoom-connection.entity';
import { ZoomClients } from './zoom-clients';
import { ConnectionState } from './zoom-connection';
import { announceConnectionChange } from './zoom-connection.view';

/** Refresh this long before expiry, so a call never starts with a token about to die. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/** What the card and the health page say of a connection parked because no configured key opens its tokens. */
const tokensUnreadableMessage = (error: UnreadableTokenError) =>
  `Switchboard cannot decrypt its stored Zoom tokens (${error.message}): reconnect Zoom, or have an administrator restore the key`;

export const reconnectRequired = () =>
  appError(ErrorCode.ZOOM_RECONNECT_REQUIRED, 'Your Zoom connection stopped working: reconnect Zoom in Settings > Integrations');

/**
 * The one place that knows how a Zoom token dies: expired (refresh), rejected (refresh once), invalid_grant or
 * revoked (NEEDS_RECONNECT, never a retry loop). Zoom rotates refresh tokens, so refreshes of one connection are
 * serialised across every process by a row lock on its tokens, and the new pair is saved in the same transaction.
 * Tokens no configured key opens (TOKEN_ENCRYPTION_KEY lost, or missing from this process) park the connection.
 */
@Injectable()
export class ZoomTokenManager {
  private readonly refreshFailures: Counter<'reason'>;

  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(ZoomTokenEntity) private readonly tokens: Repository<ZoomTokenEntity>,
    private readonly cipher: TokenCipher,
    private readonly clients: ZoomClients,
    private readonly liveEvents: LiveEventsService,
    @Inject(LOGGER) private readonly logger: Logger,
    metrics: MetricsRegistry,
  ) {
    this.refreshFailures = metrics.counter({
      name: 'switchboard_zoom_token_refresh_failures_total',
      help: 'Zoom token refreshes that failed, by reason: the ZoomError kind (invalid_grant, revoked: the user must reconnect; server, timeout, network, rate_limited: transient) or error (saving the new tokens failed)',
      labelNames: ['reason'],
    });
  }

  sealed(connectionId: string, tokens: ZoomTokenSet): ZoomTokenEntity {
    return this.tokens.create({
      connectionId,
      accessTokenSealed: this.cipher.encrypt(tokens.accessToken),
      refreshTokenSealed: this.cipher.encrypt(tokens.refreshToken),
      expiresAt: tokens.expiresAt,
    });
  }

  /** When each connection's stored access token expires (no row: no usable grant). */
  async expiries(connectionIds: string[]): Promise<Map<string, Date>> {
    const rows = connectionIds.length ? await this.tokens.find({ where: { connectionId: In(connectionIds) }, select: { connectionId: true, expiresAt: true } }) : [];
    return new Map(rows.map((row) => [row.connectionId, row.expiresAt]));
  }

  /** A valid access token, refreshed first when it is about to expire. */
  async accessToken(connectionId: string): Promise<string> {
    const row = await this.tokens.findOneBy({ connectionId });
    if (!row) throw reconnectRequired();
    const fresh = row.expiresAt.getTime() - Date.now() > REFRESH_MARGIN_MS;
    // Unreadable: refresh() reads the row again under its lock, and parks the connection if it still cannot.
    return (fresh ? this.readable(row.accessTokenSealed) : null) ?? this.refresh(connectionId);
  }

  private readable(sealed: string): string | null {
    try {
      return this.cipher.decrypt(sealed);
    } catch (error) {
      if (error instanceof UnreadableTokenError) return null;
      throw error;
    }
  }

  /**
   * Refreshes unless another process already did: `rejectedToken` is the token Zoom refused (code 124); when
   * the stored one differs, someone refreshed meanwhile and that one is returned.
   */
  async refresh(connectionId: string, rejectedToken?: string): Promise<string> {
    let grantLost: ZoomError | null = null;
    let parkedFor: UnreadableTokenError | null = null;
    const token = await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(ZoomTokenEntity, { where: { connectionId }, lock: { mode: 'pessimistic_write' } });
      if (!row) return null;
      let current: string;
      let refreshToken: string;
      try {
        [current, refreshToken] = [this.cipher.decrypt(row.accessTokenSealed), this.cipher.decrypt(row.refreshTokenSealed)];
      } catch (error) {
        if (!(error instanceof UnreadableTokenError)) throw error;
        if (await this.park(manager, connectionId, error)) parkedFor = error;
        return null;
      }
      const stillFresh = row.expiresAt.getTime() - Date.now() > REFRESH_MARGIN_MS;
      if (rejectedToken ? current !== rejectedToken : stillFresh) return current;
      try {
        const refreshed = await this.clients.oauth.refresh(refreshToken);
        await manager.save(ZoomTokenEntity, this.sealed(connectionId, refreshed));
        return refreshed.accessToken;
      } catch (error) {
        this.refreshFailures.inc({ reason: error instanceof ZoomError ? error.kind : 'error' });
        if (!(error instanceof ZoomError) || !error.requiresReconnect) throw error;
        grantLost = error;
        await manager.delete(ZoomTokenEntity, { connectionId });
        await manager.update(ZoomConnectionEntity, { id: connectionId }, { state: ConnectionState.NEEDS_RECONNECT, lastError: error.message });
        return null;
      }
    });
    if (grantLost) await this.announceGrantLost(connectionId, grantLost);
    if (parkedFor) await this.announceParked(connectionId, parkedFor);
    if (token === null) throw reconnectRequired();
    return token;
  }

  /**
   * Puts a grant the connection's Zoom user has just authorised in place of the stored one (Zoom may have rotated that
   * one away), and marks the connection working again. The tokens row is locked before the connection row, the
   * order a refresh takes them in: a refresh under way finishes first (its failure is then overwritten), and a
   * later one finds the new pair. False when the connection went (disconnected, deauthorized) meanwhile.
   */
  async adoptGrant(connectionId: string, tokens: ZoomTokenSet): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.findOne(ZoomTokenEntity, { where: { connectionId }, lock: { mode: 'pessimistic_write' } });
      const connection = await manager.findOne(ZoomConnectionEntity, {
        where: { id: connectionId, state: Not(ConnectionState.REVOKED) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!connection) return false;
      // An upsert: the row is absent when the connection had already lost its grant (NEEDS_RECONNECT), and still
      // there, unreadable, when it was parked for a missing key.
      await manager.upsert(ZoomTokenEntity, { ...this.sealed(connectionId, tokens), updatedAt: new Date() }, ['connectionId']);
      await manager.update(ZoomConnectionEntity, { id: connectionId }, { state: ConnectionState.CONNECTED, lastError: null, scopes: tokens.scopes });
      return true;
    });
  }

  /**
   * Tokens no configured key opens put their connection in NEEDS_RECONNECT, saying why, and are kept (unlike a lost
   * grant's): a key missing by mistake then costs nobody a reconnect, as putting it back in
   * TOKEN_ENCRYPTION_PREVIOUS_KEYS and running rotate-token-key brings the connection back (ZoomTokenKeyRotationService).
   * False when it was not CONNECTED (already parked, or gone).
   */
  private async park(manager: EntityManager, connectionId: string, error: UnreadableTokenError): Promise<boolean> {
    const result = await manager.update(
      ZoomConnectionEntity,
      { id: connectionId, state: ConnectionState.CONNECTED },
      { state: ConnectionState.NEEDS_RECONNECT, lastError: tokensUnreadableMessage(error) },
    );
    return Boolean(result.affected);
  }

  private async announceParked(connectionId: string, error: UnreadableTokenError): Promise<void> {
    this.logger.error({ connectionId, keyId: error.keyId, err: error.message }, 'Stored Zoom tokens cannot be decrypted with the configured keys; the connection needs reconnecting, or the key restored');
    await this.announceConnection(connectionId);
  }

  private async announceGrantLost(connectionId: string, error: ZoomError): Promise<void> {
    this.logger.warn({ connectionId, kind: error.kind }, 'Zoom grant lost; the user must reconnect');
    await this.announceConnection(connectionId);
  }

  private async announceConnection(connectionId: string): Promise<void> {
    const connection = await this.dataSource.getRepository(ZoomConnectionEntity).findOneBy({ id: connectionId });
    if (connection) await announceConnectionChange(this.liveEvents, connection.userId, connection);
  }
}
