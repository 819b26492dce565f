import { DataSource } from 'typeorm';
import { type ZoomSim } from '../../zoom-sim/testing/zoom-sim-process';
import { type ApiProcess, startApiProcess } from './support/api-process';
import { type ConnectedStack, JORDAN_LEE, startConnectedStack } from './support/connected-stack';
import { eventually } from './support/eventually';
import { type TestApi } from './support/test-api';
import { connectZoom } from './support/zoom-oauth';

/** What every sync run lists: the connected user's cloud recordings (one request per page and month window). */
const LISTING = '/v2/users/me/recordings';
/** The recording events Zoom "loses": only a sync can bring these recordings in. */
const LOST_WEBHOOKS = ['recording.completed', 'recording.transcript_completed'];
const CONTACT = { ...JORDAN_LEE, emails: ['jordan.lee@example.com'] };

interface RecordingSync {
  status: string;
  startedAt: string | null;
  finishedAt: string | null;
  processed: number;
  total: number | null;
  error: string | null;
  percent: number;
  lastSyncedThrough: string | null;
}

interface TimelineEntry {
  id: string;
  status: string | null;
  transcript: string | null;
  attachments: { kind: string }[];
}

const SYNC_FIELDS = 'status startedAt finishedAt processed total error percent lastSyncedThrough';

const recordingSync = async (api: TestApi, session: string) =>
  (await api.graphql<{ recordingSync: RecordingSync | null }>(`{ recordingSync { ${SYNC_FIELDS} } }`, {}, session)).data!.recordingSync;

const syncRecordings = (api: TestApi, session: string) => api.graphql<{ syncZoomRecordings: RecordingSync }>(`mutation { syncZoomRecordings { ${SYNC_FIELDS} } }`, {}, session);

const timeline = async (api: TestApi, session: string, contactId: string, type: 'MEETING' | 'RECORDING') =>
  (
    await api.graphql<{ activities: { edges: { node: TimelineEntry }[] } }>(
      'query($c: ID, $t: [ActivityType!]) { activities(contactId: $c, types: $t) { edges { node { id status transcript attachments { kind } } } } }',
      { c: contactId, t: [type] },
      session,
    )
  ).data!.activities.edges.map((edge) => edge.node);

const kindsOf = (entry: TimelineEntry) => entry.attachments.map((attachment) => attachment.kind);

/** Zoom requests about cloud recordings: listings, files, summaries. */
const recordingRequests = async (sim: ZoomSim) =>
  (await sim.control<Array<{ method: string; path: string }>>('GET', '/_sim/requests')).filter((request) => /\/recordings$|\/meeting_summary$|^\/rec\//.test(request.path));

const listingRequests = async (sim: ZoomSim) => (await sim.control<Array<{ method: string }>>('GET', `/_sim/requests?path=${LISTING}`)).filter((request) => request.method === 'GET').length;

/**
 * A meeting scheduled with the contact from the CRM, held and recorded at Zoom (video, audio, transcript), whose
 * recording webhooks never arrive. Resolves once the meeting's end has reached its MEETING activity, so the
 * recording events would have arrived by now if Zoom had sent them.
 */
async function recordedMeetingWithLostWebhooks(stack: ConnectedStack, topic: string): Promise<void> {
  const { api, sim, session, contactId } = stack;
  const startTime = new Date(Date.now() + 86_400_000).toISOString();
  const scheduled = await api.graphql<{ scheduleMeeting: { id: string; zoom: { meetingId: string } } }>(
    'mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id zoom { meetingId } } }',
    { input: { contactId, topic, startTime, durationMinutes: 30, timezone: 'America/Los_Angeles' } },
    session,
  );
  expect(scheduled.errors).toBeUndefined();
  const { id, zoom } = scheduled.data!.scheduleMeeting;
  await sim.control('POST', `/_sim/meetings/${zoom.meetingId}/start`, {});
  const ended = await sim.control<{ recorded: boolean }>('POST', `/_sim/meetings/${zoom.meetingId}/end`, { durationMinutes: 25, withRecording: true, withTranscript: true, drop: LOST_WEBHOOKS });
  expect(ended.recorded).toBe(true);
  await eventually(
    () => timeline(api, session, contactId, 'MEETING'),
    (meetings) => meetings.some((meeting) => meeting.id === id && meeting.status === 'Ended'),
    20_000,
  );
}

/** The contact's one recording, with its video, audio and transcript. */
const isCompleteRecording = (recordings: TimelineEntry[]) =>
  recordings.length === 1 && ['video', 'audio', 'transcript'].every((kind) => kindsOf(recordings[0]).includes(kind)) && Boolean(recordings[0].transcript);

describe('cloud recording sync', () => {
  describe('"Sync recordings"', () => {
    let stack: ConnectedStack;

    beforeAll(async () => {
      stack = await startConnectedStack({ contact: CONTACT, colleagues: [{ email: 'basic@demo.test' }, { email: 'nozoom@demo.test' }] });
    });
    afterAll(() => stack?.close());

    it('asks a Basic plan for a paid one without a single recording request, and a user without Zoom to connect it', async () => {
      const { api, sim } = stack;
      const basic = await api.login('basic@demo.test');
      await connectZoom(api, basic, 'basic@demo.test');
      const before = await recordingRequests(sim);

      const refused = await syncRecordings(api, basic);
      expect(refused.errors?.[0]).toMatchObject({ message: 'Cloud recordings need a Pro or higher Zoom plan', extensions: { code: 'ZOOM_PLAN_REQUIRED' } });
      expect(await recordingSync(api, basic)).toBeNull();
      // Nothing was queued, so nothing can ask Zoom later either.
      expect(await api.app.get(DataSource).query(`SELECT s.connection_id FROM recording_syncs s JOIN zoom_connections c ON c.id = s.connection_id WHERE c.email = 'basic@demo.test'`)).toEqual([]);
      expect(await recordingRequests(sim)).toEqual(before);

      const notConnected = await syncRecordings(api, await api.login('nozoom@demo.test'));
      expect(notConnected.errors?.[0].extensions?.code).toBe('ZOOM_NOT_CONNECTED');
    });

    it('brings a recording whose webhooks were lost onto the contact once, and syncing again adds nothing', async () => {
      const { api, session, contactId } = stack;
      await recordedMeetingWithLostWebhooks(stack, 'Viewing: 12 Oak St');
      expect(await timeline(api, session, contactId, 'RECORDING')).toEqual([]);

      const queued = await syncRecordings(api, session);
      expect(queued.errors).toBeUndefined();
      expect(queued.data!.syncZoomRecordings.status).toBe('QUEUED');
      const done = await eventually(() => recordingSync(api, session), (sync) => sync?.status === 'DONE', 30_000);
      expect(done).toMatchObject({ error: null, percent: 100, lastSyncedThrough: expect.any(String) });
      expect(done!.processed).toBeGreaterThanOrEqual(1);
      const [recording] = await timeline(api, session, contactId, 'RECORDING');
      expect(isCompleteRecording([recording])).toBe(true);

      const again = await syncRecordings(api, session);
      expect(again.data!.syncZoomRecordings.status).toBe('QUEUED');
      const resynced = await eventually(() => recordingSync(api, session), (sync) => sync?.status === 'DONE' && Date.parse(sync.finishedAt!) > Date.parse(done!.finishedAt!), 30_000);
      expect(resynced!.processed).toBe(done!.processed);
      const after = await timeline(api, session, contactId, 'RECORDING');
      expect(after).toHaveLength(1);
      expect(after[0].id).toBe(recording.id);
      expect(kindsOf(after[0]).sort()).toEqual(kindsOf(recording).sort());
    });
  });

  describe('the scheduled sync, on two workers', () => {
    const INTERVAL_MS = 2000;
    let stack: ConnectedStack;
    const workers: ApiProcess[] = [];

    beforeAll(async () => {
      stack = await startConnectedStack({ contact: CONTACT, colleagues: [{ email: 'basic@demo.test' }], env: { API_ROLE: 'http', RECORDING_SYNC_INTERVAL_SECONDS: String(INTERVAL_MS / 1000) } });
      await connectZoom(stack.api, await stack.api.login('basic@demo.test'), 'basic@demo.test');
      for (let index = 0; index < 2; index += 1) workers.push(await startApiProcess({ ...stack.api.env, API_ROLE: 'worker', LOG_LEVEL: 'info' }));
    });
    afterAll(async () => {
      for (const worker of workers) await worker.stop();
      await stack?.close();
    });

    /**
     * The listing requests so far, read while no run is queued or running (the latest run reads DONE, unchanged,
     * before and after), and the tick slot that run was queued in: runs are counted between two such readings.
     */
    const quietReading = async () => {
      const { api, sim, session } = stack;
      const reading = await eventually(
        async () => ({ before: await recordingSync(api, session), requests: await listingRequests(sim), after: await recordingSync(api, session) }),
        ({ before, after }) => before?.status === 'DONE' && after?.status === 'DONE' && before.finishedAt === after.finishedAt && Boolean(after.lastSyncedThrough),
        20_000,
      );
      return { requests: reading.requests, slot: Math.floor(Date.parse(reading.after!.lastSyncedThrough!) / INTERVAL_MS) };
    };

    it('heals a lost recording webhook by itself, once, with one run per tick across the workers', async () => {
      const { api, session, contactId } = stack;
      const first = await quietReading();
      await recordedMeetingWithLostWebhooks(stack, 'Viewing: 48 Elm St');
      await eventually(() => timeline(api, session, contactId, 'RECORDING'), isCompleteRecording, 30_000);

      // Later runs list the same recording again (their window overlaps), and it stays one activity.
      const last = await eventually(quietReading, (reading) => reading.slot >= first.slot + 8, 60_000);
      const recordings = await timeline(api, session, contactId, 'RECORDING');
      expect(isCompleteRecording(recordings)).toBe(true);

      // Each run lists once (one page, one month window), and each tick slot queues at most one run, however many
      // workers tick in it: so no more listings than slots passed. Two workers each queueing would make about twice.
      const runs = last.requests - first.requests;
      expect(runs).toBeGreaterThanOrEqual(2);
      expect(runs).toBeLessThanOrEqual(last.slot - first.slot);

      // A Basic plan is never synced: no run, so no request.
      expect(await recordingSync(api, await api.login('basic@demo.test'))).toBeNull();
    });
  });

  describe('a run killed mid-way', () => {
    const MEETINGS = 35;
    let stack: ConnectedStack;

    beforeAll(async () => {
      stack = await startConnectedStack({ contact: CONTACT, env: { API_ROLE: 'http' } });
    });
    afterAll(() => stack?.close());

    const recordingRows = async () =>
      (await stack.api.app.get(DataSource).query(`SELECT count(*)::int AS n, count(DISTINCT zoom_ref)::int AS distinct_refs FROM activities WHERE type = 'RECORDING'`))[0] as { n: number; distinct_refs: number };

    it('resumes from its last saved page on another worker, and finishes without duplicates', async () => {
      const { api, sim, session } = stack;
      for (let index = 0; index < MEETINGS; index += 1) {
        const created = await sim.control<{ id: number }>('POST', '/_sim/meetings', { userEmail: 'agent@demo.test', topic: `Open house ${index + 1}`, durationMinutes: 30 });
        await sim.control('POST', `/_sim/meetings/${created.id}/start`, {});
        await sim.control('POST', `/_sim/meetings/${created.id}/end`, { durationMinutes: 20, withRecording: true, drop: LOST_WEBHOOKS });
      }
      // Recordings come 30 to a page; the second page is served slowly, so the kill lands while it is awaited.
      await sim.control('POST', '/_sim/faults', { path: LISTING, status: 200, count: 1 });
      await sim.control('POST', '/_sim/faults', { path: LISTING, status: 200, count: 10, delayMs: 3000 });
      try {
        const worker = await startApiProcess({ ...api.env, API_ROLE: 'worker', LOG_LEVEL: 'info' });
        expect((await syncRecordings(api, session)).errors).toBeUndefined();
        const halfway = await eventually(() => recordingSync(api, session), (sync) => (sync?.processed ?? 0) >= 30, 60_000);
        await worker.kill();
        expect(halfway).toMatchObject({ status: 'RUNNING', processed: 30, total: MEETINGS });

        const replacement = await startApiProcess({ ...api.env, API_ROLE: 'worker', LOG_LEVEL: 'info' });
        try {
          const done = await eventually(() => recordingSync(api, session), (sync) => sync?.status === 'DONE', 90_000);
          // The same run, taken up where it was: page one is not counted twice.
          expect(done).toMatchObject({ processed: MEETINGS, total: MEETINGS, percent: 100, startedAt: halfway!.startedAt });
          expect(await recordingRows()).toEqual({ n: MEETINGS, distinct_refs: MEETINGS });
        } finally {
          await replacement.stop();
        }
      } finally {
        await sim.control('DELETE', '/_sim/faults');
      }
    });
  });
});
