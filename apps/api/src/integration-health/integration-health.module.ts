import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { TranscriptionModule } from '../transcription';
import { WebhookModule } from '../webhook';
import { ZoomModule } from '../zoom';
import { IntegrationHealthResolver } from './integration-health.resolver';

/** The admin's health page: reads zoom, webhook and transcription through their services; nothing depends on it. */
@Module({
  imports: [AuthModule, TranscriptionModule, WebhookModule, ZoomModule],
  providers: [IntegrationHealthResolver],
})
export class IntegrationHealthModule {}
