import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '../activity/activity.module';
import { CrmModule } from '../crm/crm.module';
import { Voicemail } from './entities/voicemail.entity';
import { Transcriber } from './transcriber';
import { TranscriptionResolver } from './transcription.resolver';
import { TranscriptionSweeperService } from './transcription-sweeper.service';
import { VoicemailHandler } from './voicemail.handler';
import { TRANSCRIPTION_QUEUE, VoicemailTranscriptionService } from './voicemail-transcription.service';
import { VoicemailTranscriptionProcessor } from './voicemail-transcription.processor';

/** Voicemail -> transcript on the activity: the webhook handler, the queue and its worker, Retry, and the sweeper. */
@Module({})
export class TranscriptionModule {
  static register(options: { http: boolean; worker: boolean }): DynamicModule {
    return {
      module: TranscriptionModule,
      // Global: the phone module's media proxy plays voicemails through the service that knows where they are.
      global: true,
      imports: [TypeOrmModule.forFeature([Voicemail]), BullModule.registerQueue({ name: TRANSCRIPTION_QUEUE }), ActivityModule, CrmModule],
      providers: [
        VoicemailTranscriptionService,
        VoicemailHandler,
        ...(options.http ? [TranscriptionResolver] : []),
        ...(options.worker ? [Transcriber, VoicemailTranscriptionProcessor, TranscriptionSweeperService] : []),
      ],
      exports: [VoicemailTranscriptionService, VoicemailHandler],
    };
  }
}
