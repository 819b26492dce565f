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

/** Zoom meetings from the CRM: schedule, invite, reschedule, cancel, start, upcoming, and Zoom's meeting.* events. */
@Module({})
export class MeetingsModule {
  static register(options: { http: boolean }): DynamicModule {
    return {
      module: MeetingsModule,
      imports: [TypeOrmModule.forFeature([ScheduledMeeting]), ActivityModule, AuthModule, CrmModule, WebhookModule, ZoomModule],
      controllers: options.http ? [MeetingStartController] : [],
      providers: [MeetingsService, MeetingInvites, MeetingEventsHandler, ...(options.http ? [MeetingsResolver] : [])],
    };
  }
}
