export { ZoomModule, ZoomTokenKeysModule } from './zoom.module';
export { ZoomTokenKeyRotationService, type TokenKeyRotation, type TokenKeySurvey } from './zoom-token-key-rotation.service';
export { ZoomConnectionService } from './zoom-connection.service';
export type { ConnectedZoomUser, ZoomConnectionSummary } from './zoom-connection';
export { hasCloudRecordings, LICENSED_PLAN_TYPE } from './zoom-connection';
