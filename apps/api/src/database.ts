import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import { ActivityTables1764000000200 } from './activity/migrations/1764000000200-activity-tables';
import { Activity } from './activity/entities/activity.entity';
import { ActivityCounterpartName1764000000700 } from './activity/migrations/1764000000700-activity-counterpart-name';
import { LiveCalls1764000000720 } from './activity/migrations/1764000000720-live-calls';
import { ActivityTranscriptIndex1764000000770 } from './activity/migrations/1764000000770-activity-transcript-index';
import { ActivityFailedResult1764000000790 } from './activity/migrations/1764000000790-activity-failed-result';
import { ActivityMeetingSummary1764000000830 } from './activity/migrations/1764000000830-activity-meeting-summary';
import { ActivityCallLog1764000000930 } from './activity/migrations/1764000000930-activity-call-log';
import { ApiToken } from './auth/entities/api-token.entity';
import { Invite } from './auth/entities/invite.entity';
import { Organisation } from './auth/entities/organisation.entity';
import { Session } from './auth/entities/session.entity';
import { User } from './auth/entities/user.entity';
import { AuthTables1764000000000 } from './auth/migrations/1764000000000-auth-tables';
import { UserCallLinks1764000000730 } from './auth/migrations/1764000000730-user-call-links';
import { PeopleAndInvites1764000000860 } from './auth/migrations/1764000000860-people-and-invites';
import { ContactPhone } from './crm/entities/contact-phone.entity';
import { Contact } from './crm/entities/contact.entity';
import { Deal } from './crm/entities/deal.entity';
import { DealStageLabel } from './crm/entities/deal-stage-label.entity';
import { DealStageLabels1764000000945 } from './crm/migrations/1764000000945-deal-stage-labels';
import { CrmTables1764000000100 } from './crm/migrations/1764000000100-crm-tables';
import { PhoneNumberChoices1764000000710 } from './crm/migrations/1764000000710-phone-number-choices';
import { ContactListFields1764000000950 } from './crm/migrations/1764000000950-contact-list-fields';
import { WebhookInboxEntry } from './webhook/entities/webhook-inbox.entity';
import { WebhookInbox1764000000300 } from './webhook/migrations/1764000000300-webhook-inbox';
import { LeanInboxIndexes1764000000500 } from './webhook/migrations/1764000000500-lean-inbox-indexes';
import { InboxProcessedWithErrors1764000000800 } from './webhook/migrations/1764000000800-inbox-processed-with-errors';
import { InboxAttributionAndRetention1764000000870 } from './webhook/migrations/1764000000870-inbox-attribution-and-retention';
import { InboxRejectedIndex1764000000915 } from './webhook/migrations/1764000000915-inbox-rejected-index';
import { InboxSkippedRetention1764000000880 } from './webhook/migrations/1764000000880-inbox-skipped-retention';
import { ScheduledMeeting } from './meetings/entities/scheduled-meeting.entity';
import { ScheduledMeetings1764000000740 } from './meetings/migrations/1764000000740-scheduled-meetings';
import { MeetingInviteFooter1764000000890 } from './meetings/migrations/1764000000890-meeting-invite-footer';
import { BookingEntity } from './booking/entities/booking.entity';
import { BookingSettingsEntity } from './booking/entities/booking-settings.entity';
import { Booking1764000000900 } from './booking/migrations/1764000000900-booking';
import { TaskSettingsEntity } from './tasks/entities/task-settings.entity';
import { Task } from './tasks/entities/task.entity';
import { Tasks1764000000940 } from './tasks/migrations/1764000000940-tasks';
import { Voicemail } from './transcription/entities/voicemail.entity';
import { Voicemails1764000000750 } from './transcription/migrations/1764000000750-voicemails';
import { PhoneRecording } from './phone/entities/phone-recording.entity';
import { PhoneRecordings1764000000760 } from './phone/migrations/1764000000760-phone-recordings';
import { CallBackfill } from './phone/entities/call-backfill.entity';
import { CallBackfills1764000000780 } from './phone/migrations/1764000000780-call-backfills';
import { CallPath } from './phone/entities/call-path.entity';
import { CallPaths1764000000810 } from './phone/migrations/1764000000810-call-paths';
import { CallBackfillRejected1764000000820 } from './phone/migrations/1764000000820-call-backfill-rejected';
import { CallDispositionList } from './phone/entities/call-disposition-list.entity';
import { CallDispositions1764000000935 } from './phone/migrations/1764000000935-call-dispositions';
import { CloudRecordingFile } from './recordings/entities/cloud-recording-file.entity';
import { CloudRecording } from './recordings/entities/cloud-recording.entity';
import { CloudRecordings1764000000840 } from './recordings/migrations/1764000000840-cloud-recordings';
import { RecordingSync } from './recordings/entities/recording-sync.entity';
import { RecordingSyncs1764000000850 } from './recordings/migrations/1764000000850-recording-syncs';
import { ZoomConnectionEntity, ZoomTokenEntity } from './zoom/entities/zoom-connection.entity';
import { ZoomConnections1764000000400 } from './zoom/migrations/1764000000400-zoom-connections';

/** Every module's tables and migrations, in dependency order; the one schema TypeORM and the CLI share. */
export const ENTITIES = [Organisation, User, Session, ApiToken, Invite, Contact, ContactPhone, Deal, DealStageLabel, Activity, WebhookInboxEntry, ZoomConnectionEntity, ZoomTokenEntity, ScheduledMeeting, Voicemail, PhoneRecording, CallBackfill, CallPath, CallDispositionList, CloudRecording, CloudRecordingFile, RecordingSync, BookingSettingsEntity, BookingEntity, Task, TaskSettingsEntity];
export const MIGRATIONS = [AuthTables1764000000000, CrmTables1764000000100, ActivityTables1764000000200, WebhookInbox1764000000300, ZoomConnections1764000000400, LeanInboxIndexes1764000000500, ActivityCounterpartName1764000000700, PhoneNumberChoices1764000000710, LiveCalls1764000000720, UserCallLinks1764000000730, ScheduledMeetings1764000000740, Voicemails1764000000750, PhoneRecordings1764000000760, ActivityTranscriptIndex1764000000770, CallBackfills1764000000780, ActivityFailedResult1764000000790, InboxProcessedWithErrors1764000000800, CallPaths1764000000810, CallBackfillRejected1764000000820, ActivityMeetingSummary1764000000830, CloudRecordings1764000000840, RecordingSyncs1764000000850, PeopleAndInvites1764000000860, InboxAttributionAndRetention1764000000870, InboxSkippedRetention1764000000880, MeetingInviteFooter1764000000890, Booking1764000000900, InboxRejectedIndex1764000000915, ActivityCallLog1764000000930, CallDispositions1764000000935, Tasks1764000000940, DealStageLabels1764000000945, ContactListFields1764000000950];

/** GraphQL, jobs and everything else share this pool (per process). */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
    extra: { max: 10, connectionTimeoutMillis: 5000 },
  };
}

export const WEBHOOK_INTAKE_DATA_SOURCE = 'webhook-intake';

/**
 * The webhook intake's own pool on http processes: its INSERTs (one per event-loop tick, batched) never queue
 * behind GraphQL or job queries, so an ack stays within Zoom's 3 s whatever else the process is doing. Three
 * connections carry thousands of events a second; a connection not free within 2 s answers 500 while Zoom still
 * listens, and Zoom retries.
 */
export function webhookIntakeDataSourceOptions(databaseUrl: string): TypeOrmModuleOptions {
  return {
    type: 'postgres',
    name: WEBHOOK_INTAKE_DATA_SOURCE,
    url: databaseUrl,
    entities: [WebhookInboxEntry],
    synchronize: false,
    logging: false,
    extra: { max: 3, connectionTimeoutMillis: 2000 },
  };
}
