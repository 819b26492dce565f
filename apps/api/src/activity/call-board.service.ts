import { Injectable } from '@nestjs/common';
import type { ActivityDirection } from '@switchboard/crm-domain';
import { DataSource } from 'typeorm';
import { LiveEventsService } from '../platform/redis/live-events.service';
import type { CallProgress, LiveCall, LiveCallState } from './dto/live-call.model';

export interface CallBoardChange {
  organisationId: string;
  ownerId: string;
  callId: string;
  progress: CallProgress;
  direction: ActivityDirection;
  counterpartNumber: string | null;
  counterpartName: string | null;
  contactId: string | null;
  /** When the call started ringing, or was answered for CONNECTED. */
  since: Date;
}

/** A call whose end event never came leaves the board after this long, rather than ringing forever. */
const STALE_AFTER = '4 hours';
const PROGRESS_ORDER = `ARRAY['RINGING', 'CONNECTED', 'ENDED']`;

/**
 * The live call board. Its state is in PostgreSQL, not in a process, so any api process (or one restarted
 * mid-call) shows the same board; a call only ever moves forward (ringing, connected, ended), so Zoom's events may
 * arrive late, twice or out of order.
 */
@Injectable()
export class CallBoardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly liveEvents: LiveEventsService,
  ) {}

  async apply(change: CallBoardChange): Promise<boolean> {
    const changed: unknown[] = await this.dataSource.query(
      `INSERT INTO live_calls AS current (organisation_id, owner_id, call_id, state, direction, counterpart_number, counterpart_name, contact_id, since)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (organisation_id, owner_id, call_id) DO UPDATE
         SET state = EXCLUDED.state,
             since = CASE WHEN EXCLUDED.state = 'CONNECTED' THEN EXCLUDED.since ELSE current.since END,
             updated_at = now()
         WHERE array_position(${PROGRESS_ORDER}, EXCLUDED.state) > array_position(${PROGRESS_ORDER}, current.state)
       RETURNING 1`,
      [change.organisationId, change.ownerId, change.callId, change.progress, change.direction, change.counterpartNumber, change.counterpartName, change.contactId, change.since],
    );
    if (changed.length === 0) return false;
    await this.liveEvents.publish(this.channel(change.organisationId), {});
    if (change.progress === 'ENDED') {
      await this.dataSource.query(`DELETE FROM live_calls WHERE organisation_id = $1 AND updated_at < now() - interval '1 day'`, [change.organisationId]);
    }
    return true;
  }

  async board(organisationId: string): Promise<LiveCall[]> {
    const rows: LiveCallRow[] = await this.dataSource.query(
      `SELECT * FROM live_calls
        WHERE organisation_id = $1 AND state <> 'ENDED' AND updated_at > now() - interval '${STALE_AFTER}'
        ORDER BY since`,
      [organisationId],
    );
    return rows.map((row) => ({
      callId: row.call_id,
      state: row.state,
      direction: row.direction,
      counterpartNumber: row.counterpart_number,
      counterpartName: row.counterpart_name,
      since: row.since,
      contactId: row.contact_id,
      ownerId: row.owner_id,
      organisationId: row.organisation_id,
    }));
  }

  /** The board now, then again after every change: what a `callBoard` subscriber receives. */
  updates(organisationId: string): AsyncIterableIterator<{ callBoard: LiveCall[] }> {
    const changes = this.liveEvents.iterator<object>([this.channel(organisationId)]);
    let started = false;
    const snapshot = async () => ({ value: { callBoard: await this.board(organisationId) }, done: false as const });
    const iterator: AsyncIterableIterator<{ callBoard: LiveCall[] }> = {
      next: async () => {
        if (!started) {
          started = true;
          return snapshot();
        }
        const change = await changes.next();
        return change.done ? { value: undefined, done: true } : snapshot();
      },
      return: async () => (await changes.return?.(), { value: undefined, done: true }),
      throw: async (error: unknown) => (await changes.return?.(), Promise.reject(error)),
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  private channel(organisationId: string): string {
    return `callboard.${organisationId}`;
  }
}

interface LiveCallRow {
  organisation_id: string;
  owner_id: string;
  call_id: string;
  state: LiveCallState;
  direction: ActivityDirection;
  counterpart_number: string | null;
  counterpart_name: string | null;
  contact_id: string | null;
  since: Date;
}
