import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth';
import { CrmModule } from '../crm';
import { ActivityRepository } from './activity.repository';
import { ActivityResolver } from './activity.resolver';
import { ActivityService } from './activity.service';
import { CallBoardResolver } from './call-board.resolver';
import { CallBoardService } from './call-board.service';
import { Activity } from './entities/activity.entity';
import { LiveCallRepository } from './live-call.repository';

@Module({
  imports: [TypeOrmModule.forFeature([Activity]), AuthModule, CrmModule],
  providers: [ActivityRepository, LiveCallRepository, ActivityService, ActivityResolver, CallBoardService, CallBoardResolver],
  exports: [ActivityService, CallBoardService],
})
export class ActivityModule {}
