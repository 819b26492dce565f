import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CallPathFacts } from '@switchboard/crm-domain';
import { In, Repository } from 'typeorm';
import { CallPath } from './entities/call-path.entity';

/** A path and the call (its activity key) it belongs to. */
export interface CallPathOfCall {
  zoomRef: string;
  path: CallPathFacts;
}

const keyOf = (zoomRef: string, path: Pick<CallPathFacts, 'source' | 'pathId'>) => `${zoomRef}\n${path.source}\n${path.pathId}`;
const STORED_FACTS = ['callId', 'direction', 'result', 'startedAt', 'durationSeconds', 'counterpartRaw', 'counterpartName', 'callHistoryId'] as const;

/** The call_paths table: each path of each call, by its Zoom id, and the activity it is part of. */
@Injectable()
export class CallPathRepository {
  constructor(@InjectRepository(CallPath) private readonly paths: Repository<CallPath>) {}

  /**
   * Stores the paths in one statement; a path Zoom describes again is replaced (the same path twice: the later).
   * Returns the paths stored for the first time.
   */
  async save(organisationId: string, paths: CallPathOfCall[]): Promise<CallPathOfCall[]> {
    const distinct = [...new Map(paths.map((entry) => [keyOf(entry.zoomRef, entry.path), entry])).values()];
    if (distinct.length === 0) return [];
    const columnOf = (property: string) => this.paths.metadata.findColumnWithPropertyName(property)!.databaseName;
    const result = await this.paths
      .createQueryBuilder()
      .insert()
      .into(CallPath)
      .values(
        distinct.map(({ zoomRef, path }) => ({
          organisationId,
          zoomRef,
          source: path.source,
          pathId: path.pathId,
          ...Object.fromEntries(STORED_FACTS.map((fact) => [fact, path[fact]])),
        })),
      )
      .orUpdate([...STORED_FACTS.map(columnOf), 'updated_at'], ['organisation_id', 'zoom_ref', 'source', 'path_id'])
      .returning('zoom_ref, source, path_id, (xmax = 0) AS inserted')
      .execute();
    const inserted = new Set(
      (result.raw as Array<{ zoom_ref: string; source: CallPathFacts['source']; path_id: string; inserted: boolean }>)
        .filter((row) => row.inserted)
        .map((row) => keyOf(row.zoom_ref, { source: row.source, pathId: row.path_id })),
    );
    return distinct.filter((entry) => inserted.has(keyOf(entry.zoomRef, entry.path)));
  }

  /** Every stored path of each call, by activity key. */
  async ofCalls(organisationId: string, zoomRefs: string[]): Promise<Map<string, CallPath[]>> {
    const rows = zoomRefs.length === 0 ? [] : await this.paths.findBy({ organisationId, zoomRef: In(zoomRefs) });
    const byCall = new Map<string, CallPath[]>();
    for (const row of rows) byCall.set(row.zoomRef, [...(byCall.get(row.zoomRef) ?? []), row]);
    return byCall;
  }

  /** Ties each call's paths to its activity, so that they are deleted with it (app_deauthorized). */
  async linkToActivities(organisationId: string, activities: Array<{ zoomRef: string; activityId: string }>): Promise<void> {
    if (activities.length === 0) return;
    await this.paths.query(
      `UPDATE call_paths SET activity_id = linked.activity_id
         FROM unnest($2::text[], $3::uuid[]) AS linked(zoom_ref, activity_id)
        WHERE call_paths.organisation_id = $1 AND call_paths.zoom_ref = linked.zoom_ref AND call_paths.activity_id IS DISTINCT FROM linked.activity_id`,
      [organisationId, activities.map((activity) => activity.zoomRef), activities.map((activity) => activity.activityId)],
    );
  }
}
