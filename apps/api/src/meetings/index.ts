export { MeetingsModule } from './meetings.module';
export { type MeetingChange, type MeetingInviteOptions, MeetingsService, MeetingStatus } from './meetings.service';
export { meetingTimeText } from './meeting-invites.service';
