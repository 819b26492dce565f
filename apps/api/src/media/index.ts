export { MediaModule } from './media.module';
export { MediaPlaybackService, type ZoomMedia } from './media-playback.service';
