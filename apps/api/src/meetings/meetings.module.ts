import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '../activity/activity.module';
import { AuthModule } from '../auth/auth.module';
import { CrmModule } from '../crm/crm.module';
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
      imports: [TypeOrmModule.forFeature([ScheduledMeeting]), ActivityModule, AuthModule, CrmModule],
      controllers: options.http ? [MeetingStartController] : [],
      providers: [MeetingsService, MeetingInvites, MeetingEventsHandler, ...(options.http ? [MeetingsResolver] : [])],
    };
  }
}
