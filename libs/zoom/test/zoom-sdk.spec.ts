import type { AppDeauthorizedEvent } from '@zoom/rivet/marketplace' with { 'resolution-mode': 'require' };
import type {
  CloudRecordingGetMeetingRecordingsResponse,
  CloudRecordingListAllRecordingsResponse,
  MeetingCreatedEvent,
  MeetingDeletedEvent,
  MeetingEndedEvent,
  MeetingsCreateMeetingResponse,
  MeetingsGetMeetingOrWebinarSummaryResponse,
  MeetingsGetMeetingResponse,
  MeetingsListMeetingsResponse,
  MeetingStartedEvent,
  MeetingSummaryCompletedEvent,
  MeetingUpdatedEvent,
  RecordingCompletedEvent,
  RecordingTranscriptCompletedEvent,
} from '@zoom/rivet/meetings' with { 'resolution-mode': 'require' };
import type { UsersGetUserResponse } from '@zoom/rivet/users' with { 'resolution-mode': 'require' };
import type { z } from 'zod';
import type { AssertAssignable, AssertNone, DeepPartial, OverRequiredFields, UndeclaredFields } from '../../../testing/type-conformance';
import {
  appDeauthorizedEventSchema,
  meetingEventSchema,
  meetingSummaryCompletedEventSchema,
  meetingUpdatedEventSchema,
  parseZoomEvent,
  recordingEventSchema,
  zoomMeetingListItemSchema,
  zoomMeetingSchema,
  zoomMeetingSummarySchema,
  zoomRecordingMeetingSchema,
  zoomUserSchema,
} from '../src';
import type { zoomPageFields } from '../src/schemas/common';

// Zoom's own SDK (@zoom/rivet, its types generated from Zoom's API specs) checks our schemas, in both directions:
// 1. what the SDK says Zoom sends parses under our schema: its value types fit ours, and every field we require
//    Zoom requires too (where Zoom's spec calls a field optional and we cannot do without it, a line says why);
// 2. every field we read is one the SDK declares, for one of the shapes the schema parses.

type Ours<Schema extends z.ZodType> = z.input<Schema>;

/** Zoom's spec makes every users/me field but `type` optional; a connection is the user and account, named by email. */
type UserIdentity = 'id' | 'email' | 'account_id';
/** The meeting number finds the meeting again; the join link is what the invite sends. */
type ScheduledMeetingEssentials = 'id' | 'join_url';
/** The instance, its meeting, and for each file what it is and where to fetch it: nothing can be attached without them. */
type RecordingEssentials = 'id' | 'uuid' | 'recording_files[].id' | 'recording_files[].file_type' | 'recording_files[].download_url';
/**
 * The webhook inbox dedupes on the top-level `event_ts` (apps/api webhook module); the SDK lets meeting.deleted
 * omit it, and lists app_deauthorized's inside its payload.
 */
type EnvelopeTimestamp = 'event_ts';
/** To act on a deauthorization we need to know whose; the SDK's app_deauthorized makes even its payload optional. */
type DeauthorizedUser = 'payload' | 'payload.account_id' | 'payload.user_id';
/** Zoom's docs put `event_ts` at the top of every body; the SDK lists it inside app_deauthorized's payload instead. */
type TopLevelEventTs = 'event_ts';

type ListedMeeting = NonNullable<MeetingsListMeetingsResponse['meetings']>[number];
type ListedRecording = NonNullable<CloudRecordingListAllRecordingsResponse['meetings']>[number];
type MeetingResponses = MeetingsGetMeetingResponse | MeetingsCreateMeetingResponse;
type RecordingShapes = CloudRecordingGetMeetingRecordingsResponse | ListedRecording | RecordingCompletedEvent['payload']['object'] | RecordingTranscriptCompletedEvent['payload']['object'];
type MeetingEvents = MeetingCreatedEvent | MeetingStartedEvent | MeetingEndedEvent | MeetingDeletedEvent;
type RecordingEvents = RecordingCompletedEvent | RecordingTranscriptCompletedEvent;
type PageFields = Ours<z.ZodObject<typeof zoomPageFields>>;
type ListResponses = MeetingsListMeetingsResponse | CloudRecordingListAllRecordingsResponse;

export type RestSchemasConformToZoomSdk = [
  AssertAssignable<UsersGetUserResponse, DeepPartial<Ours<typeof zoomUserSchema>>>,
  AssertNone<OverRequiredFields<Ours<typeof zoomUserSchema>, UsersGetUserResponse, UserIdentity>>,
  AssertNone<UndeclaredFields<Ours<typeof zoomUserSchema>, UsersGetUserResponse>>,
  AssertAssignable<MeetingResponses, DeepPartial<Ours<typeof zoomMeetingSchema>>>,
  AssertNone<OverRequiredFields<Ours<typeof zoomMeetingSchema>, MeetingResponses, ScheduledMeetingEssentials>>,
  AssertNone<UndeclaredFields<Ours<typeof zoomMeetingSchema>, MeetingResponses>>,
  AssertAssignable<ListedMeeting, DeepPartial<Ours<typeof zoomMeetingListItemSchema>>>,
  AssertNone<OverRequiredFields<Ours<typeof zoomMeetingListItemSchema>, ListedMeeting, 'id'>>,
  AssertNone<UndeclaredFields<Ours<typeof zoomMeetingListItemSchema>, ListedMeeting>>,
  AssertAssignable<ListResponses, DeepPartial<PageFields>>,
  AssertNone<OverRequiredFields<PageFields, ListResponses>>,
  AssertNone<UndeclaredFields<PageFields, ListResponses>>,
  AssertAssignable<RecordingShapes, DeepPartial<Ours<typeof zoomRecordingMeetingSchema>>>,
  AssertNone<OverRequiredFields<Ours<typeof zoomRecordingMeetingSchema>, RecordingShapes, RecordingEssentials>>,
  AssertNone<UndeclaredFields<Ours<typeof zoomRecordingMeetingSchema>, RecordingShapes>>,
  AssertAssignable<MeetingsGetMeetingOrWebinarSummaryResponse, DeepPartial<Ours<typeof zoomMeetingSummarySchema>>>,
  AssertNone<OverRequiredFields<Ours<typeof zoomMeetingSummarySchema>, MeetingsGetMeetingOrWebinarSummaryResponse>>,
  AssertNone<UndeclaredFields<Ours<typeof zoomMeetingSummarySchema>, MeetingsGetMeetingOrWebinarSummaryResponse>>,
];

export type EventSchemasConformToZoomSdk = [
  AssertAssignable<MeetingEvents, DeepPartial<Ours<typeof meetingEventSchema>>>,
  AssertNone<OverRequiredFields<Ours<typeof meetingEventSchema>, MeetingEvents, EnvelopeTimestamp>>,
  AssertNone<UndeclaredFields<Ours<typeof meetingEventSchema>, MeetingEvents>>,
  AssertAssignable<MeetingUpdatedEvent, DeepPartial<Ours<typeof meetingUpdatedEventSchema>>>,
  AssertNone<OverRequiredFields<Ours<typeof meetingUpdatedEventSchema>, MeetingUpdatedEvent>>,
  AssertNone<UndeclaredFields<Ours<typeof meetingUpdatedEventSchema>, MeetingUpdatedEvent>>,
  AssertAssignable<RecordingEvents, DeepPartial<Ours<typeof recordingEventSchema>>>,
  AssertNone<OverRequiredFields<Ours<typeof recordingEventSchema>, RecordingEvents>>,
  AssertNone<UndeclaredFields<Ours<typeof recordingEventSchema>, RecordingEvents>>,
  AssertAssignable<MeetingSummaryCompletedEvent, DeepPartial<Ours<typeof meetingSummaryCompletedEventSchema>>>,
  AssertNone<OverRequiredFields<Ours<typeof meetingSummaryCompletedEventSchema>, MeetingSummaryCompletedEvent>>,
  AssertNone<UndeclaredFields<Ours<typeof meetingSummaryCompletedEventSchema>, MeetingSummaryCompletedEvent>>,
  AssertAssignable<AppDeauthorizedEvent, DeepPartial<Ours<typeof appDeauthorizedEventSchema>>>,
  AssertNone<OverRequiredFields<Ours<typeof appDeauthorizedEventSchema>, AppDeauthorizedEvent, EnvelopeTimestamp | DeauthorizedUser>>,
  AssertNone<UndeclaredFields<Ours<typeof appDeauthorizedEventSchema>, AppDeauthorizedEvent, TopLevelEventTs>>,
];

// The least Zoom's SDK lets Zoom send (its required fields, plus the ones we insist on above), checked at run time
// too: zod's refinements (non-empty ids, event names) are not in the types above.
const account_id = 'acct-1';
const meeting = { uuid: 'mtg-uuid==', id: 87203361945, host_id: 'host-1', type: 2 as const };
const started = { ...meeting, id: String(meeting.id), topic: 'Showing', start_time: '2026-11-24T22:00:04Z', duration: 30 };
const mp4 = {
  id: 'file-1',
  meeting_id: meeting.uuid,
  recording_start: '2026-11-24T22:00:09Z',
  recording_end: '2026-11-24T22:29:57Z',
  file_type: 'MP4' as const,
  file_size: 1024,
  file_extension: 'MP4' as const,
  download_url: 'https://zoom.us/rec/download/file-1',
  status: 'completed' as const,
  recording_type: 'shared_screen_with_speaker_view' as const,
};
const recording = { ...meeting, account_id, topic: 'Showing', start_time: started.start_time, host_email: 'host@example.com', duration: 30, share_url: 'https://zoom.us/rec/share/s', total_size: 1024, recording_count: 1 };

const leastZoomSends: Record<string, unknown> = {
  'meeting.created': {
    event: 'meeting.created',
    event_ts: 1,
    payload: { account_id, operator: 'host@example.com', operator_id: 'host-1', object: { ...meeting, topic: 'Showing', duration: 30, join_url: 'https://zoom.us/j/1', settings: { use_pmi: false, alternative_hosts: '' } } },
  } satisfies MeetingCreatedEvent,
  'meeting.updated': {
    event: 'meeting.updated',
    event_ts: 1,
    payload: { account_id, operator: 'host@example.com', operator_id: 'host-1', object: { id: meeting.id }, time_stamp: 1, old_object: { id: meeting.id } },
  } satisfies MeetingUpdatedEvent,
  'meeting.deleted': { event: 'meeting.deleted', event_ts: 1, payload: { account_id, operator: 'host@example.com', object: meeting } } satisfies MeetingDeletedEvent,
  'meeting.started': { event: 'meeting.started', event_ts: 1, payload: { account_id, object: started } } satisfies MeetingStartedEvent,
  'meeting.ended': { event: 'meeting.ended', event_ts: 1, payload: { account_id, object: { ...started, end_time: '2026-11-24T22:30:04Z' } } } satisfies MeetingEndedEvent,
  'recording.completed': {
    event: 'recording.completed',
    event_ts: 1,
    download_token: 'download-token',
    payload: { account_id, object: { ...recording, password: '', recording_files: [mp4] } },
  } satisfies RecordingCompletedEvent,
  'recording.transcript_completed': {
    event: 'recording.transcript_completed',
    event_ts: 1,
    payload: { account_id, object: { ...recording, recording_files: [{ ...mp4, file_type: 'TRANSCRIPT', file_extension: 'VTT', recording_type: 'audio_transcript' }] } },
  } satisfies RecordingTranscriptCompletedEvent,
  'meeting.summary_completed': {
    event: 'meeting.summary_completed',
    event_ts: 1,
    payload: {
      account_id,
      object: {
        meeting_host_id: 'host-1',
        meeting_host_email: 'host@example.com',
        meeting_uuid: meeting.uuid,
        meeting_id: meeting.id,
        meeting_topic: 'Showing',
        meeting_start_time: started.start_time,
        meeting_end_time: '2026-11-24T22:30:04Z',
        summary_start_time: started.start_time,
        summary_end_time: '2026-11-24T22:30:04Z',
        summary_created_time: '2026-11-24T22:31:00Z',
        summary_last_modified_time: '2026-11-24T22:31:00Z',
        summary_title: 'Showing: recap',
        summary_details: [],
        next_steps: [],
      },
    },
  } satisfies MeetingSummaryCompletedEvent,
  app_deauthorized: { event: 'app_deauthorized', event_ts: 1, payload: { account_id, user_id: 'user-1' } } satisfies AppDeauthorizedEvent & { event_ts: number },
};

const leastZoomAnswers: Array<[string, z.ZodType, unknown]> = [
  ['users/me', zoomUserSchema, { type: 1, id: 'user-1', email: 'agent@example.com', account_id } satisfies UsersGetUserResponse],
  ['create meeting (no uuid, no host_id)', zoomMeetingSchema, { id: meeting.id, join_url: 'https://zoom.us/j/1' } satisfies MeetingsCreateMeetingResponse],
  ['get meeting', zoomMeetingSchema, { id: meeting.id, join_url: 'https://zoom.us/j/1' } satisfies MeetingsGetMeetingResponse],
  ['list meetings item', zoomMeetingListItemSchema, { id: meeting.id } satisfies ListedMeeting],
  ['meeting recordings', zoomRecordingMeetingSchema, { id: meeting.id, uuid: meeting.uuid, recording_files: [{ id: 'file-1', file_type: 'M4A', download_url: mp4.download_url }] } satisfies CloudRecordingGetMeetingRecordingsResponse],
  ['user recordings item', zoomRecordingMeetingSchema, { id: meeting.id, uuid: meeting.uuid } satisfies ListedRecording],
  ['meeting summary', zoomMeetingSummarySchema, {} satisfies MeetingsGetMeetingOrWebinarSummaryResponse],
];

describe("libs/zoom parses the least Zoom's SDK lets Zoom send", () => {
  it.each(Object.entries(leastZoomSends))('the event %s', (event, body) => {
    expect(parseZoomEvent(body)).toMatchObject({ known: true, event });
  });

  it.each(leastZoomAnswers)('the answer to %s', (_call, schema, body) => {
    expect(schema.safeParse(body).success).toBe(true);
  });
});
