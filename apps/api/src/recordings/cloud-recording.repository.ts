import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TranscriptCue } from '@switchboard/crm-domain';
import { In, Repository } from 'typeorm';
import { CloudRecordingFile } from './entities/cloud-recording-file.entity';
import { CloudRecording, type RecordingSummaryStatus } from './entities/cloud-recording.entity';

/** The recordings module's tables: the recording behind each RECORDING activity, and its files' addresses. */
@Injectable()
export class CloudRecordingRepository {
  constructor(
    @InjectRepository(CloudRecording) private readonly recordings: Repository<CloudRecording>,
    @InjectRepository(CloudRecordingFile) private readonly files: Repository<CloudRecordingFile>,
  ) {}

  /** The recording behind the activity, made on first sight; concurrent first sights make one. */
  async ensure(row: Pick<CloudRecording, 'activityId' | 'organisationId' | 'meetingUuid' | 'zoomUserId'>): Promise<CloudRecording> {
    await this.recordings.createQueryBuilder().insert().values(row).orIgnore().execute();
    return this.recordings.findOneByOrFail({ activityId: row.activityId });
  }

  find(activityId: string): Promise<CloudRecording | null> {
    return this.recordings.findOneBy({ activityId });
  }

  findMany(organisationId: string, activityIds: string[]): Promise<CloudRecording[]> {
    return activityIds.length === 0 ? Promise.resolve([]) : this.recordings.findBy({ organisationId, activityId: In(activityIds) });
  }

  /** Keeps where Zoom has a file (the same file seen again keeps one row, pointing where Zoom now says). */
  async saveFile(file: CloudRecordingFile): Promise<void> {
    await this.files.upsert(file, ['organisationId', 'fileId']);
  }

  findFile(organisationId: string, fileId: string): Promise<CloudRecordingFile | null> {
    return this.files.findOneBy({ organisationId, fileId });
  }

  async saveCues(activityId: string, transcriptCues: TranscriptCue[]): Promise<void> {
    await this.recordings.update({ activityId }, { transcriptCues });
  }

  /** Moves the summary state on, never out of READY (a summary, once there, stays). True when it changed. */
  async setSummaryStatus(activityId: string, status: RecordingSummaryStatus): Promise<boolean> {
    const result = await this.recordings
      .createQueryBuilder()
      .update()
      .set({ summaryStatus: status })
      .where('activity_id = :activityId', { activityId })
      .andWhere(`summary_status IS DISTINCT FROM 'READY'`)
      .andWhere('summary_status IS DISTINCT FROM :status', { status })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async setDetached(activityId: string, detached: boolean): Promise<void> {
    await this.recordings.update({ activityId }, { detached });
  }

  /** Recordings of that Zoom user the agent detached and left in Unmatched: what app_deauthorized keeps as metadata. */
  async detachedUnlinked(organisationId: string, zoomUserId: string): Promise<string[]> {
    const rows: Array<{ activity_id: string }> = await this.recordings.query(
      `SELECT r.activity_id FROM cloud_recordings r JOIN activities a ON a.id = r.activity_id
        WHERE r.organisation_id = $1 AND r.zoom_user_id = $2 AND r.detached AND a.contact_id IS NULL`,
      [organisationId, zoomUserId],
    );
    return rows.map((row) => row.activity_id);
  }

  /** Everything Zoom gave of these recordings (files' addresses, cues, summary state); the rows stay as metadata. */
  async forgetZoomData(activityIds: string[]): Promise<void> {
    if (activityIds.length === 0) return;
    await this.files.delete({ activityId: In(activityIds) });
    await this.recordings.update({ activityId: In(activityIds) }, { transcriptCues: [], summaryStatus: null });
  }
}
