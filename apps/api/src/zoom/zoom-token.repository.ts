import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ZoomConnectionEntity, ZoomTokenEntity } from './entities/zoom-connection.entity';
import { ConnectionState } from './zoom-connection';

/** One zoom_tokens row as key rotation sees it. */
export interface SealedTokenRow {
  connectionId: string;
  /** The connection's Zoom user, for saying whose tokens cannot be opened. */
  zoomEmail: string;
  accessTokenSealed: string;
  refreshTokenSealed: string;
  /** Its connection is in NEEDS_RECONNECT: with its tokens still stored, only because no configured key opened them. */
  parked: boolean;
}

/** A row's pair as read, and the pair to write in its place. */
export interface ResealedTokens {
  connectionId: string;
  read: { accessTokenSealed: string; refreshTokenSealed: string };
  resealed: { accessTokenSealed: string; refreshTokenSealed: string };
}

/** zoom_tokens (and the state of their connections) as rotating TOKEN_ENCRYPTION_KEY reads and writes them. */
@Injectable()
export class ZoomTokenRepository {
  constructor(
    @InjectRepository(ZoomTokenEntity) private readonly tokens: Repository<ZoomTokenEntity>,
    @InjectRepository(ZoomConnectionEntity) private readonly connections: Repository<ZoomConnectionEntity>,
  ) {}

  /** Up to `limit` rows after `afterConnectionId` (null: from the first), in connection id order. */
  page(afterConnectionId: string | null, limit: number): Promise<SealedTokenRow[]> {
    return this.tokens.query(
      `SELECT t.connection_id AS "connectionId", c.email AS "zoomEmail", t.access_token_sealed AS "accessTokenSealed", t.refresh_token_sealed AS "refreshTokenSealed",
              c.state = $3 AS parked
       FROM zoom_tokens t JOIN zoom_connections c ON c.id = t.connection_id
       WHERE $1::uuid IS NULL OR t.connection_id > $1::uuid
       ORDER BY t.connection_id
       LIMIT $2`,
      [afterConnectionId, limit, ConnectionState.NEEDS_RECONNECT],
    );
  }

  /**
   * Writes each re-sealed pair only where its row still holds the pair that was read (compare-and-set), so a
   * refresh or a reconnect that wrote meanwhile is never overwritten. One statement per batch; the ids written.
   */
  async replaceSealed(changes: ResealedTokens[]): Promise<string[]> {
    if (changes.length === 0) return [];
    // TypeORM answers an UPDATE with [rows, count].
    const [rows]: [Array<{ connection_id: string }>, number] = await this.tokens.query(
      `UPDATE zoom_tokens t
       SET access_token_sealed = v.resealed_access, refresh_token_sealed = v.resealed_refresh, updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS v(connection_id, read_access, read_refresh, resealed_access, resealed_refresh)
       WHERE t.connection_id = v.connection_id AND t.access_token_sealed = v.read_access AND t.refresh_token_sealed = v.read_refresh
       RETURNING t.connection_id`,
      [
        changes.map((change) => change.connectionId),
        changes.map((change) => change.read.accessTokenSealed),
        changes.map((change) => change.read.refreshTokenSealed),
        changes.map((change) => change.resealed.accessTokenSealed),
        changes.map((change) => change.resealed.refreshTokenSealed),
      ],
    );
    return rows.map((row) => row.connection_id);
  }

  /**
   * A parked connection works again: CONNECTED, only while it is still parked and its row still holds `sealed`
   * (the pair just opened), so a reconnect or a disconnect meanwhile wins. The connection, when it was changed.
   */
  async unpark(connectionId: string, sealed: { accessTokenSealed: string; refreshTokenSealed: string }): Promise<ZoomConnectionEntity | null> {
    const [rows]: [Array<{ id: string }>, number] = await this.connections.query(
      `UPDATE zoom_connections c SET state = $2, last_error = NULL, updated_at = now()
       FROM zoom_tokens t
       WHERE c.id = $1 AND c.state = $3 AND t.connection_id = c.id AND t.access_token_sealed = $4 AND t.refresh_token_sealed = $5
       RETURNING c.id`,
      [connectionId, ConnectionState.CONNECTED, ConnectionState.NEEDS_RECONNECT, sealed.accessTokenSealed, sealed.refreshTokenSealed],
    );
    return rows.length > 0 ? this.connections.findOneBy({ id: connectionId }) : null;
  }
}
