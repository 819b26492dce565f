import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module';
import { CrmModule } from '../crm/crm.module';
import { CallBoardHandler } from './call-board.handler';
import { CallLogHandler } from './call-log.handler';
import { CallLogService } from './call-log.service';

/** Zoom Phone: calls logged on the right contact from Zoom's call events, and the live call board. */
@Module({
  imports: [ActivityModule, CrmModule],
  providers: [CallLogService, CallLogHandler, CallBoardHandler],
  exports: [CallLogService],
})
export class PhoneModule {}
