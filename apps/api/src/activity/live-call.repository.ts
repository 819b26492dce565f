import { Injectable } from '@nestjs/common';
import type { ActivityDirection } from '@switchboard/crm-domain';
import { DataSource } from 'typeorm';
import type { CallProgress, LiveCall, LiveCallState } from './dto/live-call.model';

/** What a Zoom call event says about one call on the board. */
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

/** The live_calls table, behind the call board. Intervals are PostgreSQL's ('4 hours'), compared with its clock. */
@Injectable()
export class LiveCallRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the call, or moves its row to the reported state when that comes later in `progressOrder` (a
   * connected call keeps the time it was answered); false when nothing changed.
   */
  async advance(call: CallBoardChange, progressOrder: CallProgress[]): Promise<boolean> {
    const changed: unknown[] = await this.dataSource.query(
      `INSERT INTO live_calls AS current (organisation_id, owner_id, call_id, state, direction, counterpart_number, counterpart_name, contact_id, since)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (organisation_id, owner_id, call_id) DO UPDATE
         SET state = EXCLUDED.state,
             since = CASE WHEN EXCLUDED.state = 'CONNECTED' THEN EXCLUDED.since ELSE current.since END,
             updated_at = now()
         WHERE array_position($10::text[], EXCLUDED.state) > array_position($10::text[], current.state)
       RETURNING 1`,
      [call.organisationId, call.ownerId, call.callId, call.progress, call.direction, call.counterpartNumber, call.counterpartName, call.contactId, call.since, progressOrder],
    );
    return changed.length > 0;
  }

  /** The organisation's calls not ended and changed within `changedWithin`, longest-running first. */
  async inProgress(organisationId: string, changedWithin: string): Promise<LiveCall[]> {
    const rows: LiveCallRow[] = await this.dataSource.query(
      `SELECT * FROM live_calls
        WHERE organisation_id = $1 AND state <> 'ENDED' AND updated_at > now() - $2::interval
        ORDER BY since`,
      [organisationId, changedWithin],
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

  async deleteUnchangedFor(organisationId: string, unchangedFor: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM live_calls WHERE organisation_id = $1 AND updated_at < now() - $2::interval`, [organisationId, unchangedFor]);
  }

  async deleteForOwner(organisationId: string, ownerId: string): Promise<void> {
    await this.dataSource.query('DELETE FROM live_calls WHERE organisation_id = $1 AND owner_id = $2', [organisationId, ownerId]);
  }
}
