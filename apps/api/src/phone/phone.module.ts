import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '../activity/activity.module';
import { AuthModule } from '../auth/auth.module';
import { CrmModule } from '../crm/crm.module';
import { CallBackfillProcessor } from './call-backfill.processor';
import { BACKFILL_QUEUE, CallBackfillService } from './call-backfill.service';
import { CallBoardHandler } from './call-board.handler';
import { CallLogHandler } from './call-log.handler';
import { CallLogService } from './call-log.service';
import { CallRecordingHandler } from './call-recording.handler';
import { CallSyncResolver } from './call-sync.resolver';
import { CallBackfill } from './entities/call-backfill.entity';
import { PhoneRecording } from './entities/phone-recording.entity';
import { MediaPlaybackController } from './media-playback.controller';

/**
 * Zoom Phone: calls logged on the right contact from Zoom's call events, the live call board, call recordings, and
 * the streaming playback of recordings and voicemails, and the call-history backfill ("Sync calls").
 */
@Module({})
export class PhoneModule {
  static register(options: { http: boolean; worker: boolean }): DynamicModule {
    return {
      module: PhoneModule,
      imports: [TypeOrmModule.forFeature([PhoneRecording, CallBackfill]), BullModule.registerQueue({ name: BACKFILL_QUEUE }), ActivityModule, AuthModule, CrmModule],
      controllers: options.http ? [MediaPlaybackController] : [],
      providers: [
        CallLogService,
        CallLogHandler,
        CallBoardHandler,
        CallRecordingHandler,
        CallBackfillService,
        ...(options.http ? [CallSyncResolver] : []),
        ...(options.worker ? [CallBackfillProcessor] : []),
      ],
      exports: [CallLogService],
    };
  }
}
