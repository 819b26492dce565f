import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ZoomError, type ZoomTokenSet } from '@switchboard/zoom';
import type { Logger } from 'pino';
import { DataSource, In, Not, Repository } from 'typeorm';
import { TokenCipher } from '../platform/crypto/token-cipher';
import { appError, ErrorCode } from '../platform/graphql/errors';
import { LOGGER } from '../platform/logging/logger';
import { LiveEventsService } from '../platform/redis/live-events.service';
import { ZoomConnectionEntity, ZoomTokenEntity } from './entities/zoom-connection.entity';
import { ZoomClients } from './zoom-clients';
import { ConnectionState } from './zoom-connection';
import { announceConnectionChange } from './zoom-connection.view';

/** Refresh this long before expiry, so a call never starts with a token about to die. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export const reconnectRequired = () =>
  appError(ErrorCode.ZOOM_RECONNECT_REQUIRED, 'Your Zoom connection stopped working: reconnect Zoom in Settings > Integrations');

/**
 * The one place that knows how a Zoom token dies: expired (refresh), rejected (refresh once), invalid_grant or
 * revoked (NEEDS_RECONNECT, never a retry loop). Zoom rotates refresh tokens, so refreshes of one connection are
 * serialised across every process by a row lock on its tokens, and the new pair is saved in the same transaction.
 */
@Injectable()
export class ZoomTokenManager {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(ZoomTokenEntity) private readonly tokens: Repository<ZoomTokenEntity>,
    private readonly cipher: TokenCipher,
    private readonly clients: ZoomClients,
    private readonly liveEvents: LiveEventsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

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
    if (row.expiresAt.getTime() - Date.now() > REFRESH_MARGIN_MS) return this.cipher.decrypt(row.accessTokenSealed);
    return this.refresh(connectionId);
  }

  /**
   * Refreshes unless another process already did: `rejectedToken` is the token Zoom refused (code 124); when
   * the stored one differs, someone refreshed meanwhile and that one is returned.
   */
  async refresh(connectionId: string, rejectedToken?: string): Promise<string> {
    let grantLost: ZoomError | null = null;
    const token = await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(ZoomTokenEntity, { where: { connectionId }, lock: { mode: 'pessimistic_write' } });
      if (!row) return null;
      const current = this.cipher.decrypt(row.accessTokenSealed);
      const stillFresh = row.expiresAt.getTime() - Date.now() > REFRESH_MARGIN_MS;
      if (rejectedToken ? current !== rejectedToken : stillFresh) return current;
      try {
        const refreshed = await this.clients.oauth.refresh(this.cipher.decrypt(row.refreshTokenSealed));
        await manager.save(ZoomTokenEntity, this.sealed(connectionId, refreshed));
        return refreshed.accessToken;
      } catch (error) {
        if (!(error instanceof ZoomError) || !error.requiresReconnect) throw error;
        grantLost = error;
        await manager.delete(ZoomTokenEntity, { connectionId });
        await manager.update(ZoomConnectionEntity, { id: connectionId }, { state: ConnectionState.NEEDS_RECONNECT, lastError: error.message });
        return null;
      }
    });
    if (grantLost) await this.announceGrantLost(connectionId, grantLost);
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
      // An upsert: the row is absent when the connection had already lost its grant (NEEDS_RECONNECT).
      await manager.upsert(ZoomTokenEntity, { ...this.sealed(connectionId, tokens), updatedAt: new Date() }, ['connectionId']);
      await manager.update(ZoomConnectionEntity, { id: connectionId }, { state: ConnectionState.CONNECTED, lastError: null, scopes: tokens.scopes });
      return true;
    });
  }

  private async announceGrantLost(connectionId: string, error: ZoomError): Promise<void> {
    this.logger.warn({ connectionId, kind: error.kind }, 'Zoom grant lost; the user must reconnect');
    const connection = await this.dataSource.getRepository(ZoomConnectionEntity).findOneBy({ id: connectionId });
    if (connection) await announceConnectionChange(this.liveEvents, connection.userId, connection);
  }
}
