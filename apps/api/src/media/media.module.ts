import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity';
import { AuthModule } from '../auth';
import { ZoomModule } from '../zoom';
import { MediaPlaybackService } from './media-playback.service';

/** Playback of the media Zoom keeps for activities (the phone and recordings modules own the routes and the files). */
@Module({
  imports: [ActivityModule, AuthModule, ZoomModule],
  providers: [MediaPlaybackService],
  exports: [MediaPlaybackService],
})
export class MediaModule {}
