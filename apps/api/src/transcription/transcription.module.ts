import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '../activity';
import { AuthModule } from '../auth';
import { ZoomModule } from '../zoom';
import { Voicemail } from './entities/voicemail.entity';
import { Transcriber } from './transcriber';
import { TranscriptionResolver } from './transcription.resolver';
import { TranscriptionSweeperService } from './transcription-sweeper.service';
import { TRANSCRIPTION_QUEUE, VoicemailTranscriptionService } from './voicemail-transcription.service';
import { VoicemailTranscriptionProcessor } from './voicemail-transcription.processor';

/** What a process runs of transcription besides TranscriptionModule, by role: Retry; the transcriber, its worker and the sweeper. */
@Module({})
class TranscriptionRoleModule {}

/**
 * Voicemail audio -> transcript on the activity. Other modules import it as is (one VoicemailTranscriptionService
 * however many do): phone registers the voicemails it records, and plays them from where the service keeps them.
 * The app imports `register()`, which adds the role's parts.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Voicemail]), BullModule.registerQueue({ name: TRANSCRIPTION_QUEUE }), ActivityModule],
  providers: [VoicemailTranscriptionService],
  exports: [VoicemailTranscriptionService],
})
export class TranscriptionModule {
  static register(options: { http: boolean; worker: boolean }): DynamicModule {
    return {
      module: TranscriptionRoleModule,
      imports: [TranscriptionModule, AuthModule, ZoomModule],
      providers: [
        ...(options.http ? [TranscriptionResolver] : []),
        ...(options.worker ? [Transcriber, VoicemailTranscriptionProcessor, TranscriptionSweeperService] : []),
      ],
    };
  }
}
