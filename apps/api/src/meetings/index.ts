export { MeetingsModule } from './meetings.module';
