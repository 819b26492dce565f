export { RecordingsModule } from './recordings.module';
export { RecordingsService } from './recordings.service';
