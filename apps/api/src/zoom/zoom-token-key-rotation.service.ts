import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { TokenCipher, UnreadableTokenError } from '../platform/crypto/token-cipher';
import { LOGGER } from '../platform/logging/logger';
import { LiveEventsService } from '../platform/redis/live-events.service';
import { announceConnectionChange } from './zoom-connection.view';
import { type ResealedTokens, type SealedTokenRow, ZoomTokenRepository } from './zoom-token.repository';

/** Small batches: each UPDATE holds its rows only for a moment, so a refresh waiting on one is not held up. */
const BATCH_SIZE = 100;

/** A connection whose stored tokens no configured key opens. */
export interface UnreadableTokens {
  connectionId: string;
  zoomEmail: string;
  /** The key that sealed them, when they name one. */
  keyId: string | null;
}

/** Which keys the stored Zoom tokens are sealed with, as this process's keys see them. */
export interface TokenKeySurvey {
  currentKeyId: string;
  /** Rows of zoom_tokens (one per connection: its access and refresh token). */
  total: number;
  onCurrentKey: number;
  /** Opened with a previous key, or sealed before tokens named their key: what rotate() re-seals. */
  onOtherKeys: number;
  unreadable: UnreadableTokens[];
}

export interface TokenKeyRotation {
  /** Rows this run re-sealed with the current key. */
  resealed: number;
  /** Connections parked because their key was missing that work again. */
  reconnected: number;
  /** The rows as they are once it is done. */
  after: TokenKeySurvey;
}

/** A row opened: its two tokens, and whether both are already sealed with the current key. */
interface OpenedRow {
  row: SealedTokenRow;
  accessToken: string;
  refreshToken: string;
  onCurrentKey: boolean;
}

/**
 * Moves every stored Zoom token onto the current TOKEN_ENCRYPTION_KEY while the api keeps running: re-sealed a
 * batch at a time, each row written only if it still holds what was read, so a concurrent refresh always wins.
 * Tokens no configured key opens are left as they are and reported; a connection parked for that reason works again
 * once its key is back and its tokens are re-sealed (ZoomTokenManager parks it).
 */
@Injectable()
export class ZoomTokenKeyRotationService {
  constructor(
    private readonly tokens: ZoomTokenRepository,
    private readonly cipher: TokenCipher,
    private readonly liveEvents: LiveEventsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Reads every row and writes nothing: how many are on which key, and which cannot be opened. */
  async survey(): Promise<TokenKeySurvey> {
    const survey: TokenKeySurvey = { currentKeyId: this.cipher.currentKeyId, total: 0, onCurrentKey: 0, onOtherKeys: 0, unreadable: [] };
    for await (const batch of this.openedBatches()) {
      survey.total += batch.opened.length + batch.unreadable.length;
      survey.unreadable.push(...batch.unreadable);
      const onCurrentKey = batch.opened.filter((opened) => opened.onCurrentKey).length;
      survey.onCurrentKey += onCurrentKey;
      survey.onOtherKeys += batch.opened.length - onCurrentKey;
    }
    return survey;
  }

  /** Re-seals every row not on the current key; run it again at will, it only ever finishes the job. */
  async rotate(): Promise<TokenKeyRotation> {
    let resealed = 0;
    let reconnected = 0;
    for await (const batch of this.openedBatches()) {
      const changes: ResealedTokens[] = batch.opened
        .filter((opened) => !opened.onCurrentKey)
        .map(({ row, accessToken, refreshToken }) => ({
          connectionId: row.connectionId,
          read: { accessTokenSealed: row.accessTokenSealed, refreshTokenSealed: row.refreshTokenSealed },
          resealed: { accessTokenSealed: this.cipher.encrypt(accessToken), refreshTokenSealed: this.cipher.encrypt(refreshToken) },
        }));
      const written = new Set(await this.tokens.replaceSealed(changes));
      resealed += written.size;
      for (const opened of batch.opened.filter(({ row }) => row.parked)) {
        const change = changes.find((candidate) => candidate.connectionId === opened.row.connectionId);
        // A row whose write lost to a concurrent one is left to the next run; one already on the current key is as read.
        if (change && !written.has(change.connectionId)) continue;
        if (await this.unpark(opened.row.connectionId, change?.resealed ?? opened.row)) reconnected += 1;
      }
    }
    const after = await this.survey();
    this.logger.info({ currentKeyId: after.currentKeyId, resealed, reconnected, remaining: after.onOtherKeys + after.unreadable.length }, 'Zoom tokens re-sealed with the current key');
    return { resealed, reconnected, after };
  }

  private async unpark(connectionId: string, sealed: { accessTokenSealed: string; refreshTokenSealed: string }): Promise<boolean> {
    const connection = await this.tokens.unpark(connectionId, sealed);
    if (!connection) return false;
    this.logger.info({ connectionId }, 'Zoom tokens readable again: the connection works again');
    await announceConnectionChange(this.liveEvents, connection.userId, connection);
    return true;
  }

  /** Every row, a batch at a time: opened, or unreadable when no configured key opens it. */
  private async *openedBatches(): AsyncGenerator<{ opened: OpenedRow[]; unreadable: UnreadableTokens[] }> {
    let after: string | null = null;
    for (;;) {
      const rows = await this.tokens.page(after, BATCH_SIZE);
      if (rows.length === 0) return;
      after = rows[rows.length - 1].connectionId;
      const opened: OpenedRow[] = [];
      const unreadable: UnreadableTokens[] = [];
      for (const row of rows) {
        try {
          opened.push({
            row,
            accessToken: this.cipher.decrypt(row.accessTokenSealed),
            refreshToken: this.cipher.decrypt(row.refreshTokenSealed),
            onCurrentKey: this.cipher.isSealedWithCurrentKey(row.accessTokenSealed) && this.cipher.isSealedWithCurrentKey(row.refreshTokenSealed),
          });
        } catch (error) {
          if (!(error instanceof UnreadableTokenError)) throw error;
          unreadable.push({ connectionId: row.connectionId, zoomEmail: row.zoomEmail, keyId: error.keyId });
        }
      }
      yield { opened, unreadable };
    }
  }
}
