import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '../activity';
import { AuthModule } from '../auth';
import { CrmModule } from '../crm';
import { MediaModule } from '../media';
import { WebhookModule } from '../webhook';
import { ZoomModule } from '../zoom';
import { CloudRecordingPlaybackController } from './cloud-recording-playback.controller';
import { CloudRecordingRepository } from './cloud-recording.repository';
import { CloudRecordingFile } from './entities/cloud-recording-file.entity';
import { CloudRecording } from './entities/cloud-recording.entity';
import { RecordingSync } from './entities/recording-sync.entity';
import { RecordingEventsHandler } from './recording-events.handler';
import { RecordingSummaryProcessor } from './recording-summary.processor';
import { RecordingSyncProcessor } from './recording-sync.processor';
import { RecordingSyncRepository } from './recording-sync.repository';
import { RecordingSyncResolver } from './recording-sync.resolver';
import { RecordingSyncScheduler } from './recording-sync.scheduler';
import { RECORDING_SYNC_QUEUE, RecordingSyncService } from './recording-sync.service';
import { RecordingsResolver } from './recordings.resolver';
import { RecordingsService, SUMMARY_QUEUE } from './recordings.service';

/**
 * Zoom cloud recordings of meetings, their VTT transcripts and AI Companion summaries, on the meeting's contact:
 * live from the recording events, playback through the api, move and detach.
 */
@Module({})
export class RecordingsModule {
  static register(options: { http: boolean; worker: boolean }): DynamicModule {
    return {
      module: RecordingsModule,
      imports: [
        TypeOrmModule.forFeature([CloudRecording, CloudRecordingFile, RecordingSync]),
        BullModule.registerQueue({ name: SUMMARY_QUEUE }, { name: RECORDING_SYNC_QUEUE }),
        ActivityModule,
        AuthModule,
        CrmModule,
        MediaModule,
        WebhookModule,
        ZoomModule,
      ],
      controllers: options.http ? [CloudRecordingPlaybackController] : [],
      providers: [
        CloudRecordingRepository,
        RecordingsService,
        RecordingEventsHandler,
        RecordingSyncRepository,
        RecordingSyncService,
        ...(options.http ? [RecordingsResolver, RecordingSyncResolver] : []),
        ...(options.worker ? [RecordingSummaryProcessor, RecordingSyncProcessor, RecordingSyncScheduler] : []),
      ],
      exports: [RecordingsService],
    };
  }
}
