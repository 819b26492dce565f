export { ZoomModule } from './zoom.module';
export { ZoomConnectionService } from './zoom-connection.service';
export type { ConnectedZoomUser, ZoomConnectionSummary } from './zoom-connection';
export { hasCloudRecordings } from './zoom-connection';
