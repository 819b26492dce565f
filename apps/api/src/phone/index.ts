export { PhoneModule } from './phone.module';
export { CallLogService } from './call-log.service';
