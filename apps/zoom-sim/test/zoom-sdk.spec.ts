import type { AppDeauthorizedEvent } from '@zoom/rivet/marketplace' with { 'resolution-mode': 'require' };
import type * as RivetMeetings from '@zoom/rivet/meetings' with { 'resolution-mode': 'require' };
import type {
  CloudRecordingGetMeetingRecordingsResponse,
  CloudRecordingListAllRecordingsResponse,
  MeetingCreatedEvent,
  MeetingDeletedEvent,
  MeetingEndedEvent,
  MeetingsCreateMeetingRequestBody,
  MeetingsCreateMeetingResponse,
  MeetingsGetMeetingOrWebinarSummaryResponse,
  MeetingsGetMeetingResponse,
  MeetingsListMeetingsResponse,
  MeetingStartedEvent,
  MeetingsUpdateMeetingRequestBody,
  MeetingSummaryCompletedEvent,
  MeetingUpdatedEvent,
  RecordingCompletedEvent,
  RecordingTranscriptCompletedEvent,
} from '@zoom/rivet/meetings' with { 'resolution-mode': 'require' };
import type { UsersGetUserResponse } from '@zoom/rivet/users' with { 'resolution-mode': 'require' };
import type { AssertAssignable, AssertNone, UndeclaredFields } from '../../../testing/type-conformance';
import type { meetingRecordingsResource, meetingSummaryCompleted, recordingCompleted, summaryResource, transcriptCompleted, userRecordingResource } from '../src/cloud-recordings';
import type { appDeauthorized } from '../src/control';
import type { createdMeetingResource, meetingCreated, meetingDeleted, meetingEnded, meetingListPage, meetingResource, meetingStarted, meetingUpdated } from '../src/meetings';
import type { zoomUserResource } from '../src/users';
import type { OutgoingEvent } from '../src/webhooks';
import { bodyOf, type ReceivedEvent, SimHarness } from './support/harness';

// Zoom's own SDK (@zoom/rivet, its types generated from Zoom's API specs) is the yardstick here, not our reading
// of Zoom: what the simulator builds must be assignable to the SDK's type (every field Zoom requires, with Zoom's
// value types), and the simulator sends no field the SDK does not declare, unless a line below says why.

/** The body Zoom posts for an event the simulator builds: webhooks.ts puts `event_ts` and the extras beside the payload. */
type Delivered<Builder extends (...args: never[]) => OutgoingEvent | null> =
  NonNullable<ReturnType<Builder>> extends infer Event extends OutgoingEvent
    ? { event: Event['event']; event_ts: number; payload: Event['payload'] } & (Event extends { extra: infer Extra } ? Extra : unknown)
    : never;

type ListedRecording = NonNullable<CloudRecordingListAllRecordingsResponse['meetings']>[number];

/** A recording file as a builder types it. */
type FileOf<Recording extends { recording_files: readonly object[] }> = Recording['recording_files'][number];
/** Zoom's values for the in-meeting chat file; the simulator's files must admit them (so the checks above cover them). */
type ChatFile = { file_type: 'CHAT'; file_extension: 'TXT'; recording_type: 'chat_file' };
type ChatFields<File> = Pick<File, keyof ChatFile & keyof File>;

/** settings.meeting_invitees of a meeting resource or event object. */
type InviteesOf<Meeting> = NonNullable<NonNullable<Meeting extends { settings?: infer Settings } ? Settings : never> extends { meeting_invitees?: infer Invitees } ? Invitees : never>;

/** Zoom's docs put `event_ts` at the top of every body; the SDK lists it inside app_deauthorized's payload instead. */
type TopLevelEventTs = 'event_ts';
/** Real create responses carry the instance, the host and the status, as GET does; the SDK's create type omits them. */
type CreateResponseBeyondSdk = 'uuid' | 'host_id' | 'status';

export type SimulatorEventsConformToZoomSdk = [
  AssertAssignable<Delivered<typeof meetingCreated>, MeetingCreatedEvent>,
  AssertNone<UndeclaredFields<Delivered<typeof meetingCreated>, MeetingCreatedEvent>>,
  AssertAssignable<Delivered<typeof meetingUpdated>, MeetingUpdatedEvent>,
  AssertNone<UndeclaredFields<Delivered<typeof meetingUpdated>, MeetingUpdatedEvent>>,
  AssertAssignable<Delivered<typeof meetingDeleted>, MeetingDeletedEvent>,
  AssertNone<UndeclaredFields<Delivered<typeof meetingDeleted>, MeetingDeletedEvent>>,
  AssertAssignable<Delivered<typeof meetingStarted>, MeetingStartedEvent>,
  AssertNone<UndeclaredFields<Delivered<typeof meetingStarted>, MeetingStartedEvent>>,
  AssertAssignable<Delivered<typeof meetingEnded>, MeetingEndedEvent>,
  AssertNone<UndeclaredFields<Delivered<typeof meetingEnded>, MeetingEndedEvent>>,
  AssertAssignable<Delivered<typeof recordingCompleted>, RecordingCompletedEvent>,
  AssertNone<UndeclaredFields<Delivered<typeof recordingCompleted>, RecordingCompletedEvent>>,
  AssertAssignable<Delivered<typeof transcriptCompleted>, RecordingTranscriptCompletedEvent>,
  AssertNone<UndeclaredFields<Delivered<typeof transcriptCompleted>, RecordingTranscriptCompletedEvent>>,
  AssertAssignable<ChatFile, ChatFields<FileOf<Delivered<typeof recordingCompleted>['payload']['object']>>>,
  AssertAssignable<ChatFields<FileOf<Delivered<typeof recordingCompleted>['payload']['object']>>, ChatFields<FileOf<RecordingCompletedEvent['payload']['object']>>>,
  AssertAssignable<Delivered<typeof meetingSummaryCompleted>, MeetingSummaryCompletedEvent>,
  AssertNone<UndeclaredFields<Delivered<typeof meetingSummaryCompleted>, MeetingSummaryCompletedEvent>>,
  AssertAssignable<InviteesOf<Delivered<typeof meetingCreated>['payload']['object']>, InviteesOf<MeetingCreatedEvent['payload']['object']>>,
  AssertAssignable<Delivered<typeof appDeauthorized>, AppDeauthorizedEvent>,
  AssertNone<UndeclaredFields<Delivered<typeof appDeauthorized>, AppDeauthorizedEvent, TopLevelEventTs>>,
];

export type SimulatorResponsesConformToZoomSdk = [
  AssertAssignable<ReturnType<typeof zoomUserResource>, UsersGetUserResponse>,
  AssertNone<UndeclaredFields<ReturnType<typeof zoomUserResource>, UsersGetUserResponse>>,
  AssertAssignable<ReturnType<typeof createdMeetingResource>, MeetingsCreateMeetingResponse>,
  AssertNone<UndeclaredFields<ReturnType<typeof createdMeetingResource>, MeetingsCreateMeetingResponse, CreateResponseBeyondSdk>>,
  AssertAssignable<ReturnType<typeof meetingResource>, MeetingsGetMeetingResponse>,
  AssertNone<UndeclaredFields<ReturnType<typeof meetingResource>, MeetingsGetMeetingResponse>>,
  AssertAssignable<ReturnType<typeof meetingListPage>, MeetingsListMeetingsResponse>,
  AssertNone<UndeclaredFields<ReturnType<typeof meetingListPage>, MeetingsListMeetingsResponse>>,
  AssertAssignable<ReturnType<typeof meetingRecordingsResource>, CloudRecordingGetMeetingRecordingsResponse>,
  AssertNone<UndeclaredFields<ReturnType<typeof meetingRecordingsResource>, CloudRecordingGetMeetingRecordingsResponse>>,
  AssertAssignable<ReturnType<typeof userRecordingResource>, ListedRecording>,
  AssertNone<UndeclaredFields<ReturnType<typeof userRecordingResource>, ListedRecording>>,
  AssertAssignable<ReturnType<typeof summaryResource>, MeetingsGetMeetingOrWebinarSummaryResponse>,
  AssertNone<UndeclaredFields<ReturnType<typeof summaryResource>, MeetingsGetMeetingOrWebinarSummaryResponse>>,
  AssertAssignable<ChatFile, ChatFields<FileOf<ReturnType<typeof meetingRecordingsResource>>>>,
  AssertAssignable<ChatFields<FileOf<ReturnType<typeof meetingRecordingsResource>>>, ChatFields<NonNullable<CloudRecordingGetMeetingRecordingsResponse['recording_files']>[number]>>,
  AssertAssignable<ChatFile, ChatFields<FileOf<ReturnType<typeof userRecordingResource>>>>,
  AssertAssignable<ChatFields<FileOf<ReturnType<typeof userRecordingResource>>>, ChatFields<NonNullable<ListedRecording['recording_files']>[number]>>,
  AssertAssignable<InviteesOf<ReturnType<typeof meetingResource>>, InviteesOf<MeetingsGetMeetingResponse>>,
  AssertAssignable<InviteesOf<ReturnType<typeof createdMeetingResource>>, InviteesOf<MeetingsCreateMeetingResponse>>,
  AssertNone<UndeclaredFields<InviteesOf<ReturnType<typeof meetingResource>>, InviteesOf<MeetingsGetMeetingResponse>>>,
];

// Zoom's own webhook receiver. Its HttpReceiver listens on every interface (it takes no host) and its stop()
// returns before the server has closed; the Lambda receiver runs the same verification with no socket at all.
const { AwsLambdaReceiver } = jest.requireActual<typeof RivetMeetings>('@zoom/rivet/meetings');

/** The Lambda receiver's handler as far as we use it (the SDK types it with aws-lambda's types, which it does not ship). */
type ZoomLambdaHandler = (request: { headers: ReceivedEvent['headers']; body: string; isBase64Encoded: boolean }, context: object) => Promise<{ statusCode: number; body: string }>;

const PROCESSED = { statusCode: 200, body: JSON.stringify({ message: 'Zoom event processed successfully.' }) };
const NOT_FROM_ZOOM = { statusCode: 400, body: JSON.stringify({ error: 'Failed to verify event originated from Zoom.' }) };

describe("zoom-sim webhooks, received by Zoom's own SDK receiver", () => {
  const harness = new SimHarness();
  const zoomReceiver: ZoomLambdaHandler = new AwsLambdaReceiver({ webhooksSecretToken: 'sim-webhook-secret' }).start();
  const verify = (received: ReceivedEvent, changes: { raw?: string; headers?: ReceivedEvent['headers'] } = {}) =>
    zoomReceiver({ headers: { ...received.headers, ...changes.headers }, body: changes.raw ?? received.raw, isBase64Encoded: false }, {});
  /** What Zoom's receiver answered the simulator, request by request. */
  const zoomAnswers: Array<{ event: string; statusCode: number; body: string }> = [];

  beforeAll(async () => {
    // The Lambda receiver logs every request it handles at debug level.
    jest.spyOn(console, 'debug').mockImplementation(() => undefined);
    await harness.start();
    harness.receiver.answer = async (received) => {
      const { statusCode, body } = await verify(received);
      zoomAnswers.push({ event: received.body.event, statusCode, body });
      return { status: statusCode, body };
    };
  });
  afterAll(async () => {
    await harness.stop();
    jest.restoreAllMocks();
  });

  it("answers the simulator's url_validation challenge as the simulator expects", async () => {
    const config = await harness.control('POST', '/_sim/config', { webhookUrl: (await harness.control('GET', '/_sim/config')).webhookUrl });
    expect(zoomAnswers).toEqual([expect.objectContaining({ event: 'endpoint.url_validation', statusCode: 200 })]);
    expect(config.webhookValidated).toBe(true);
  });

  it('accepts every event the simulator signs, and the simulator sees each one delivered', async () => {
    const { access_token } = await harness.connect('agent@demo.test');
    const meeting = await bodyOf(harness.api(access_token, 'POST', '/v2/users/me/meetings', { topic: 'Verified by Zoom', type: 2, start_time: '2031-11-25T12:00:00Z' }));
    await harness.control('POST', `/_sim/meetings/${meeting.id}/start`);
    await harness.control('POST', `/_sim/meetings/${meeting.id}/end`, { durationMinutes: 30, withRecording: true, withTranscript: true, withSummary: true });
    await harness.control('POST', '/_sim/deauthorize', { userEmail: 'agent@demo.test' });
    const events = ['meeting.created', 'meeting.started', 'meeting.ended', 'recording.completed', 'recording.transcript_completed', 'meeting.summary_completed', 'app_deauthorized'];
    await harness.receiver.waitFor(events.length);

    // Every request was answered by now; the simulator records each outcome just after.
    let deliveries: Array<{ event: string; status: string }> = [];
    for (const deadline = Date.now() + 5000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 20))) {
      deliveries = await harness.control('GET', '/_sim/deliveries');
      if (deliveries.every((delivery) => delivery.status !== 'pending')) break;
    }
    // Zoom does not order deliveries, and neither does the simulator across scenarios.
    const answered = zoomAnswers.filter(({ event }) => event !== 'endpoint.url_validation').sort((a, b) => a.event.localeCompare(b.event));
    expect(answered).toEqual([...events].sort().map((event) => ({ event, ...PROCESSED })));
    expect(deliveries.map(({ event, status }) => `${event}: ${status}`)).toEqual(events.map((event) => `${event}: delivered`));
  });

  it('keeps the invitees of create and update bodies typed with the SDK, and answers them as the SDK types them', async () => {
    const { access_token } = await harness.connect('admin@demo.test');
    const create = { topic: 'Invitees', type: 2, start_time: '2031-11-25T12:00:00Z', settings: { meeting_invitees: [{ email: 'jordan.lee@example.net' }] } } satisfies MeetingsCreateMeetingRequestBody;
    const created = await bodyOf(harness.api(access_token, 'POST', '/v2/users/me/meetings', create));
    expect(created.settings.meeting_invitees).toEqual(create.settings.meeting_invitees);
    const update = { settings: { meeting_invitees: [{ email: 'sam.rivera@example.org' }] } } satisfies MeetingsUpdateMeetingRequestBody;
    expect((await harness.api(access_token, 'PATCH', `/v2/meetings/${created.id}`, update)).status).toBe(204);
    const read: MeetingsGetMeetingResponse = await bodyOf(harness.api(access_token, 'GET', `/v2/meetings/${created.id}`));
    expect(read.settings?.meeting_invitees).toEqual(update.settings.meeting_invitees);
  });

  it('rejects a delivery whose body or timestamp was changed after signing', async () => {
    const [created] = await harness.receiver.waitFor(1, 'meeting.created');
    expect(created.raw).toContain('Verified by Zoom');
    expect(await verify(created, { raw: created.raw.replace('Verified by Zoom', 'Tampered with') })).toMatchObject(NOT_FROM_ZOOM);
    const timestamp = Number(created.headers['x-zm-request-timestamp']);
    expect(await verify(created, { headers: { 'x-zm-request-timestamp': String(timestamp + 1) } })).toMatchObject(NOT_FROM_ZOOM);
  });
});
