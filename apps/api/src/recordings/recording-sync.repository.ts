import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, Repository } from 'typeorm';
import type { ConnectedZoomUser } from '../zoom';
import { RecordingSync, RecordingSyncStatus } from './entities/recording-sync.entity';

const ACTIVE = [RecordingSyncStatus.QUEUED, RecordingSyncStatus.RUNNING];

/** What a new run lists: Zoom's days, and the instant it covers recordings up to. */
export interface RecordingSyncRun {
  rangeFrom: string;
  rangeTo: string;
  coversThrough: Date;
}

/** `recording_syncs`: each connection's latest cloud-recording sync run and how far every run so far has covered. */
@Injectable()
export class RecordingSyncRepository {
  constructor(@InjectRepository(RecordingSync) private readonly syncs: Repository<RecordingSync>) {}

  find(connectionId: string): Promise<RecordingSync | null> {
    return this.syncs.findOneBy({ connectionId });
  }

  /**
   * Makes `run` the connection's queued run, in one statement so that a sync asked for at the same moment (a click,
   * a tick) cannot overwrite it: nothing when a run is queued or running, nor, with `unlessCovering`, when the
   * latest run already covers up to that instant. True when the run was queued.
   */
  async queue(connection: ConnectedZoomUser, run: RecordingSyncRun, unlessCovering: Date | null = null): Promise<boolean> {
    const rows: unknown[] = await this.syncs.query(
      `INSERT INTO recording_syncs (connection_id, organisation_id, user_id, status, range_from, range_to, covers_through)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (connection_id) DO UPDATE SET
         status = EXCLUDED.status, range_from = EXCLUDED.range_from, range_to = EXCLUDED.range_to, covers_through = EXCLUDED.covers_through,
         resume_from = NULL, resume_page_token = NULL, processed = 0, rejected = 0, total = NULL, error = NULL,
         started_at = NULL, finished_at = NULL, updated_at = now()
       WHERE recording_syncs.status <> ALL($8::text[]) AND ($9::timestamptz IS NULL OR recording_syncs.covers_through < $9)
       RETURNING connection_id`,
      [connection.id, connection.organisationId, connection.userId, RecordingSyncStatus.QUEUED, run.rangeFrom, run.rangeTo, run.coversThrough, ACTIVE, unlessCovering],
    );
    return rows.length > 0;
  }

  async save(connectionId: string, changes: Partial<Pick<RecordingSync, 'status' | 'processed' | 'rejected' | 'total' | 'resumeFrom' | 'resumePageToken' | 'error' | 'startedAt' | 'finishedAt'>>): Promise<void> {
    await this.syncs.update({ connectionId }, changes);
  }

  /** The run is done: everything Zoom listed up to the instant it covers is on the timelines. */
  async finish(connectionId: string, processed: number, rejected: number): Promise<void> {
    await this.syncs.query(
      `UPDATE recording_syncs
       SET status = $2, processed = $3, total = $3, rejected = $4, finished_at = now(), resume_from = NULL, resume_page_token = NULL,
           last_synced_through = GREATEST(last_synced_through, covers_through), updated_at = now()
       WHERE connection_id = $1`,
      [connectionId, RecordingSyncStatus.DONE, processed, rejected],
    );
  }

  /** Runs whose job was lost (Redis restarted): queued or running, and silent since `before`. */
  stalled(before: Date): Promise<RecordingSync[]> {
    return this.syncs.find({ where: { status: In(ACTIVE), updatedAt: LessThan(before) } });
  }
}
