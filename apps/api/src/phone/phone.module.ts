import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module';
import { CrmModule } from '../crm/crm.module';
import { CallLogHandler } from './call-log.handler';
import { CallLogService } from './call-log.service';

/** Zoom Phone: calls logged on the right contact from Zoom's call events. */
@Module({
  imports: [ActivityModule, CrmModule],
  providers: [CallLogService, CallLogHandler],
  exports: [CallLogService],
})
export class PhoneModule {}
