import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '../activity';
import { AuthModule } from '../auth';
import { CrmModule } from '../crm';
import { MediaModule } from '../media';
import { TranscriptionModule } from '../transcription';
import { WebhookModule } from '../webhook';
import { ZoomModule } from '../zoom';
import { AgentCallLogService } from './agent-call-log.service';
import { CallBackfillProcessor } from './call-backfill.processor';
import { BACKFILL_QUEUE, CallBackfillService } from './call-backfill.service';
import { CallBoardHandler } from './call-board.handler';
import { CallDispositionRepository } from './call-disposition.repository';
import { CallDispositionsService } from './call-dispositions.service';
import { CallLogHandler } from './call-log.handler';
import { CallLogResolver } from './call-log.resolver';
import { CallLogService } from './call-log.service';
import { CallRecordingHandler } from './call-recording.handler';
import { CallPathRepository } from './call-path.repository';
import { CallSyncResolver } from './call-sync.resolver';
import { CallBackfill } from './entities/call-backfill.entity';
import { CallDispositionList } from './entities/call-disposition-list.entity';
import { CallPath } from './entities/call-path.entity';
import { PhoneRecording } from './entities/phone-recording.entity';
import { MediaPlaybackController } from './media-playback.controller';
import { SmsHandler } from './sms.handler';
import { SmsService } from './sms.service';
import { SoftphoneResolver } from './softphone.resolver';
import { VoicemailHandler } from './voicemail.handler';

/**
 * Zoom Phone: calls logged on the right contact from Zoom's call events, the live call board, call recordings and
 * voicemails on their calls (transcribed by the transcription module), the streaming playback of both, the
 * call-history backfill ("Sync calls"), texts (SMS), calls' outcomes and notes, calls logged by hand, and the
 * softphone's records of calls and texts.
 */
@Module({})
export class PhoneModule {
  static register(options: { http: boolean; worker: boolean }): DynamicModule {
    return {
      module: PhoneModule,
      imports: [
        TypeOrmModule.forFeature([PhoneRecording, CallBackfill, CallPath, CallDispositionList]),
        BullModule.registerQueue({ name: BACKFILL_QUEUE }),
        ActivityModule,
        AuthModule,
        CrmModule,
        MediaModule,
        TranscriptionModule,
        WebhookModule,
        ZoomModule,
      ],
      controllers: options.http ? [MediaPlaybackController] : [],
      providers: [
        CallPathRepository,
        CallLogService,
        CallLogHandler,
        CallBoardHandler,
        CallRecordingHandler,
        VoicemailHandler,
        CallBackfillService,
        CallDispositionRepository,
        CallDispositionsService,
        AgentCallLogService,
        SmsService,
        SmsHandler,
        ...(options.http ? [CallSyncResolver, CallLogResolver, SoftphoneResolver] : []),
        ...(options.worker ? [CallBackfillProcessor] : []),
      ],
      exports: [CallLogService],
    };
  }
}
