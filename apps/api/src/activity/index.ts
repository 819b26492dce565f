export { ActivityModule } from './activity.module';
export { ActivityService, type SavedActivity } from './activity.service';
export { CallBoardService } from './call-board.service';
export { Activity } from './entities/activity.entity';
export type { CallProgress } from './dto/live-call.model';
