import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { CrmModule } from '../crm/crm.module';
import { ActivityResolver } from './activity.resolver';
import { ActivityService } from './activity.service';
import { CallBoardResolver } from './call-board.resolver';
import { CallBoardService } from './call-board.service';
import { Activity } from './entities/activity.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Activity]), AuthModule, CrmModule],
  providers: [ActivityService, ActivityResolver, CallBoardService, CallBoardResolver],
  exports: [ActivityService, CallBoardService],
})
export class ActivityModule {}
