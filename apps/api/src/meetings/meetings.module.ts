import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '../activity';
import { AuthModule } from '../auth';
import { CrmModule } from '../crm';
import { WebhookModule } from '../webhook';
import { ZoomModule } from '../zoom';
import { ScheduledMeeting } from './entities/scheduled-meeting.entity';
import { MeetingEventsHandler } from './meeting-events.handler';
import { MeetingInvites } from './meeting-invites.service';
import { MeetingStartController } from './meeting-start.controller';
import { MeetingsResolver } from './meetings.resolver';
import { MeetingsService } from './meetings.service';

/** What a process runs of meetings besides MeetingsModule, by role: the resolver and the start link on http. */
@Module({})
class MeetingsRoleModule {}

/**
 * Zoom meetings from the CRM: schedule, invite, reschedule, cancel, start, upcoming, and Zoom's meeting.* events.
 * Other modules (booking) import it as is and call MeetingsService, one instance however many import it; the app
 * imports `register()`, which adds the role's parts.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ScheduledMeeting]), ActivityModule, AuthModule, CrmModule, WebhookModule, ZoomModule],
  providers: [MeetingsService, MeetingInvites, MeetingEventsHandler],
  exports: [MeetingsService],
})
export class MeetingsModule {
  static register(options: { http: boolean }): DynamicModule {
    return {
      module: MeetingsRoleModule,
      imports: [MeetingsModule, AuthModule],
      controllers: options.http ? [MeetingStartController] : [],
      providers: options.http ? [MeetingsResolver] : [],
    };
  }
}
