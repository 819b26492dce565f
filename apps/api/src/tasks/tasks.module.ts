import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '../activity';
import { AuthModule } from '../auth';
import { CrmModule } from '../crm';
import { CallBackTasks } from './call-back-tasks.service';
import { TaskSettingsEntity } from './entities/task-settings.entity';
import { Task } from './entities/task.entity';
import { TaskRepository } from './task.repository';
import { TasksResolver } from './tasks.resolver';
import { TasksService } from './tasks.service';

/** Tasks and follow-ups, the Today view's API, and the "Call back" tasks that calls open and close. */
@Module({})
export class TasksModule {
  static register(options: { http: boolean }): DynamicModule {
    return {
      module: TasksModule,
      imports: [TypeOrmModule.forFeature([Task, TaskSettingsEntity]), ActivityModule, AuthModule, CrmModule],
      // Every role: the calls a worker logs open and close call-back tasks there.
      providers: [TaskRepository, TasksService, CallBackTasks, ...(options.http ? [TasksResolver] : [])],
    };
  }
}
