import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity';
import { WebhookModule } from '../webhook';
import { ZoomModule } from '../zoom';
import { RecordingEventsHandler } from './recording-events.handler';
import { RecordingsService } from './recordings.service';

/** Zoom cloud recordings of meetings, their VTT transcripts and AI Companion summaries, on the meeting's contact. */
@Module({
  imports: [ActivityModule, WebhookModule, ZoomModule],
  providers: [RecordingsService, RecordingEventsHandler],
  exports: [RecordingsService],
})
export class RecordingsModule {}
