import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CallPathFacts } from '@switchboard/crm-domain';
import { Repository } from 'typeorm';
import { CallPath } from './entities/call-path.entity';

/** A path and the call (its activity key) it belongs to. */
export interface CallPathOfCall {
  zoomRef: string;
  path: CallPathFacts;
}

/** What storing paths did: the paths stored for the first time, and every stored path of their calls. */
export interface StoredCallPaths {
  firstStored: CallPathOfCall[];
  calls: Map<string, CallPathFacts[]>;
}

interface CallPathRow {
  zoom_ref: string;
  source: CallPathFacts['source'];
  path_id: string;
  call_id: string;
  direction: CallPathFacts['direction'];
  result: CallPathFacts['result'];
  started_at: Date;
  duration_seconds: number | null;
  counterpart_raw: string | null;
  counterpart_name: string | null;
  call_history_id: string | null;
}

const keyOf = (zoomRef: string, path: Pick<CallPathFacts, 'source' | 'pathId'>) => `${zoomRef}\n${path.source}\n${path.pathId}`;

/** The columns a path's facts are stored in, beside its key (organisation_id, zoom_ref, source, path_id). */
const FACT_COLUMNS = ['call_id', 'direction', 'result', 'started_at', 'duration_seconds', 'counterpart_raw', 'counterpart_name', 'call_history_id'] as const;
const PATH_COLUMNS = `zoom_ref, source, path_id, ${FACT_COLUMNS.join(', ')}`;

const factsOf = (row: CallPathRow): CallPathFacts => ({
  source: row.source,
  pathId: row.path_id,
  callId: row.call_id,
  direction: row.direction,
  result: row.result,
  startedAt: row.started_at,
  durationSeconds: row.duration_seconds,
  counterpartRaw: row.counterpart_raw,
  counterpartName: row.counterpart_name,
  callHistoryId: row.call_history_id,
});

const byCall = (rows: CallPathRow[]): Map<string, CallPathFacts[]> => {
  const calls = new Map<string, CallPathFacts[]>();
  for (const row of rows) calls.set(row.zoom_ref, [...(calls.get(row.zoom_ref) ?? []), factsOf(row)]);
  return calls;
};

/**
 * The call_paths table: each path of each call, by its Zoom id, and the activity it is part of. Each method is one
 * statement whatever the number of paths (a backfill's page is 300), with one array parameter per column.
 */
@Injectable()
export class CallPathRepository {
  constructor(@InjectRepository(CallPath) private readonly paths: Repository<CallPath>) {}

  /**
   * Stores the paths, a path Zoom describes again being replaced (the same path twice: the later), and reads every
   * stored path of their calls, in one statement. The read sees other writers' paths as committed when the
   * statement began: one stored just after is found by the read that follows the activity's write (linkAndRead).
   */
  async storeAndRead(organisationId: string, paths: CallPathOfCall[]): Promise<StoredCallPaths> {
    const distinct = [...new Map(paths.map((entry) => [keyOf(entry.zoomRef, entry.path), entry])).values()];
    if (distinct.length === 0) return { firstStored: [], calls: new Map() };
    const rows: Array<CallPathRow & { first_stored: boolean }> = await this.paths.query(
      `WITH stored AS (
         INSERT INTO call_paths (organisation_id, ${PATH_COLUMNS})
         SELECT $1::uuid, * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::int[], $11::text[], $12::text[], $13::text[])
         ON CONFLICT (organisation_id, zoom_ref, source, path_id) DO UPDATE SET
           ${FACT_COLUMNS.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}, updated_at = now()
         RETURNING ${PATH_COLUMNS}, (xmax = 0) AS first_stored
       )
       SELECT * FROM stored
       UNION ALL
       SELECT ${PATH_COLUMNS}, false FROM call_paths known
        WHERE known.organisation_id = $1 AND known.zoom_ref = ANY($2::text[])
          AND NOT EXISTS (SELECT 1 FROM stored WHERE (stored.zoom_ref, stored.source, stored.path_id) = (known.zoom_ref, known.source, known.path_id))`,
      [
        organisationId,
        [...new Set(distinct.map((entry) => entry.zoomRef))],
        distinct.map((entry) => entry.zoomRef),
        distinct.map((entry) => entry.path.source),
        distinct.map((entry) => entry.path.pathId),
        distinct.map((entry) => entry.path.callId),
        distinct.map((entry) => entry.path.direction),
        distinct.map((entry) => entry.path.result),
        distinct.map((entry) => entry.path.startedAt),
        distinct.map((entry) => entry.path.durationSeconds),
        distinct.map((entry) => entry.path.counterpartRaw),
        distinct.map((entry) => entry.path.counterpartName),
        distinct.map((entry) => entry.path.callHistoryId),
      ],
    );
    const firstStored = new Set(rows.filter((row) => row.first_stored).map((row) => keyOf(row.zoom_ref, { source: row.source, pathId: row.path_id })));
    return { firstStored: distinct.filter((entry) => firstStored.has(keyOf(entry.zoomRef, entry.path))), calls: byCall(rows) };
  }

  /**
   * Ties each call's paths to its activity, so that they are deleted with it (app_deauthorized), and reads every
   * stored path of those calls as committed when the statement began, in one statement.
   */
  async linkAndRead(organisationId: string, activities: Array<{ zoomRef: string; activityId: string }>): Promise<Map<string, CallPathFacts[]>> {
    if (activities.length === 0) return new Map();
    const rows: CallPathRow[] = await this.paths.query(
      `WITH linked AS (
         UPDATE call_paths SET activity_id = link.activity_id
           FROM unnest($2::text[], $3::uuid[]) AS link(zoom_ref, activity_id)
          WHERE call_paths.organisation_id = $1 AND call_paths.zoom_ref = link.zoom_ref AND call_paths.activity_id IS DISTINCT FROM link.activity_id
       )
       SELECT ${PATH_COLUMNS} FROM call_paths WHERE organisation_id = $1 AND zoom_ref = ANY($2::text[])`,
      [organisationId, activities.map((activity) => activity.zoomRef), activities.map((activity) => activity.activityId)],
    );
    return byCall(rows);
  }
}
