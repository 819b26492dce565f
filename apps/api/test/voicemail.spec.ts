import { DataSource } from 'typeorm';
import { type ZoomSim } from '../../zoom-sim/testing/zoom-sim-process';
import { type ConnectedStack, JORDAN_LEE, startConnectedStack } from './support/connected-stack';
import { eventually } from './support/eventually';
import { snapshotFiles } from './support/files';
import { type TestApi } from './support/test-api';

const TRANSCRIPTION_PATH = '/v1/audio/transcriptions';
const VOICEMAIL_DOWNLOADS = '/v2/phone/voice_mails/download/';
const VOICEMAIL_FIELDS = 'id type result durationSeconds body status transcript counterpartNumber contact { id } attachments { kind url title }';

interface Delivery {
  event: string;
  body: { payload: { object: { id?: string; call_id?: string } } };
  lastAttemptAt: string;
}

describe('voicemail transcription', () => {
  let sim: ZoomSim;
  let api: TestApi;
  let session: string;
  let contactId: string;
  let files: ReturnType<typeof snapshotFiles>;
  let stack: ConnectedStack;

  beforeAll(async () => {
    stack = await startConnectedStack({ colleagues: [{ email: 'admin@demo.test', role: 'admin' }], contact: JORDAN_LEE });
    ({ sim, api, session, contactId } = stack);
    files = snapshotFiles();
  });
  afterAll(() => stack?.close());

  const leaveVoicemail = (voicemailTranscript: string, delivery: Record<string, unknown> = {}) =>
    sim.control<{ callId: string }>('POST', '/_sim/phone/calls', {
      userEmail: 'agent@demo.test',
      direction: 'inbound',
      counterpartNumber: '(415) 555-0187',
      counterpartName: 'JORDAN LEE',
      outcome: 'voicemail',
      voicemailTranscript,
      delivery,
    });
  const activityOfCall = async (callId: string, done: (activity: any) => boolean) => {
    const db = api.app.get(DataSource);
    const [row] = await eventually(() => db.query(`SELECT id FROM activities WHERE zoom->>'callId' = $1`, [callId]), (rows: Array<{ id: string }>) => rows.length > 0);
    return eventually(async () => (await api.graphql<{ activity: any }>(`query($id: ID!) { activity(id: $id) { ${VOICEMAIL_FIELDS} } }`, { id: row.id }, session)).data!.activity, done, 20_000);
  };
  const requestsTo = async (prefix: string) => (await sim.control<unknown[]>('GET', `/_sim/requests?path=${encodeURIComponent(prefix)}`)).length;

  it('puts the exact transcript on the call, live, within two seconds of the webhook, and transcribes duplicates once', async () => {
    const text = 'Hi, this is Jordan about the open house at 12 Oak Street. Call me back this afternoon.';
    const client = api.subscribe(session);
    const updates: Array<{ transcript: string | null; at: number }> = [];
    const unsubscribe = client.subscribe<{ activityUpdated: { transcript: string | null } }>(
      { query: 'subscription($c: ID) { activityUpdated(contactId: $c) { transcript } }', variables: { c: contactId } },
      { next: ({ data }) => updates.push({ transcript: data!.activityUpdated.transcript, at: Date.now() }), error: () => undefined, complete: () => undefined },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const transcriptionsBefore = await requestsTo(TRANSCRIPTION_PATH);
    try {
      const { callId } = await leaveVoicemail(text, { duplicates: 2 });
      const activity = await activityOfCall(callId, (found) => found.status === 'Transcribed');
      expect(activity).toMatchObject({ type: 'CALL', result: 'VOICEMAIL', transcript: text, counterpartNumber: '+14155550187', contact: { id: contactId } });
      expect(activity.attachments).toEqual([expect.objectContaining({ kind: 'voicemail', title: 'Voicemail' })]);
      const pushed = await eventually(async () => updates.find((update) => update.transcript === text), Boolean);
      const deliveries = await sim.control<Delivery[]>('GET', '/_sim/deliveries');
      const webhookAt = Math.min(...deliveries.filter((delivery) => delivery.event === 'phone.voicemail_received').map((delivery) => Date.parse(delivery.lastAttemptAt)));
      expect(pushed!.at - webhookAt).toBeLessThan(2000);
      await eventually(() => sim.control<Array<{ status: string }>>('GET', '/_sim/deliveries'), (all) => all.every((delivery) => delivery.status === 'delivered'));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await requestsTo(TRANSCRIPTION_PATH)) - transcriptionsBefore).toBe(1);
    } finally {
      unsubscribe();
      await client.dispose();
    }
  });

  it("keeps the voicemail's own length, and reads the contact's name, whichever of the voicemail and its call's record comes first", async () => {
    for (const order of ['in_order', 'reverse']) {
      const { callId } = await sim.control<{ callId: string }>('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', direction: 'inbound', counterpartNumber: '(415) 555-0187', counterpartName: 'JORDAN LEE', outcome: 'voicemail', durationSeconds: 60, voicemailTranscript: 'Call me back.', delivery: { order } });
      await eventually(() => sim.control<{ status: string }[]>('GET', '/_sim/deliveries'), (deliveries) => deliveries.every((delivery) => delivery.status === 'delivered'));
      const activity = await activityOfCall(callId, (found) => found.type === 'CALL' && found.result === 'VOICEMAIL');
      expect({ order, durationSeconds: activity.durationSeconds, body: activity.body }).toEqual({ order, durationSeconds: 60, body: 'Voicemail call from Jordan Lee' });
    }
  });

  it('finds the transcript\'s words from contact search and the timeline filter', async () => {
    const contacts = async (search: string) =>
      (await api.graphql<{ contacts: { edges: { node: { id: string } }[] } }>('query($s: String) { contacts(search: $s) { edges { node { id } } } }', { s: search }, session)).data!.contacts.edges.map((edge) => edge.node.id);
    expect(await contacts('OPEN HOUSE')).toEqual([contactId]);
    expect(await contacts('zebra crossing')).toEqual([]);
    const timeline = async (search: string) =>
      (await api.graphql<{ activities: { edges: { node: { transcript: string } }[] } }>('query($c: ID, $s: String) { activities(contactId: $c, search: $s) { edges { node { transcript } } } }', { c: contactId, s: search }, session)).data!.activities.edges;
    expect((await timeline('12 oak street')).map((edge) => edge.node.transcript)).toEqual([expect.stringContaining('12 Oak Street')]);
    expect(await timeline('zebra')).toEqual([]);
  });

  it('retries a failing transcription service: two failures then success is three attempts', async () => {
    const before = await requestsTo(TRANSCRIPTION_PATH);
    await sim.control('POST', '/_sim/faults', { path: TRANSCRIPTION_PATH, status: 503, count: 2 });
    const { callId } = await leaveVoicemail('Second try works.');
    const activity = await activityOfCall(callId, (found) => found.status === 'Transcribed');
    expect(activity.transcript).toBe('Second try works.');
    expect((await requestsTo(TRANSCRIPTION_PATH)) - before).toBe(3);
  });

  it('says "Transcription failed" after four failures, and Retry works once the service is back', async () => {
    await sim.control('POST', '/_sim/faults', { path: TRANSCRIPTION_PATH, status: 500, count: 4 });
    const { callId } = await leaveVoicemail('Worth the wait.');
    const failed = await activityOfCall(callId, (found) => found.status === 'Transcription failed');
    expect(failed.transcript).toBeNull();
    const [row] = await api.app.get(DataSource).query(`SELECT attempts, last_error FROM voicemails WHERE activity_id = $1`, [failed.id]);
    expect(row).toMatchObject({ attempts: 4, last_error: expect.stringContaining('500') });
    // The error waits on the integration health page with the rest.
    const admin = await api.login('admin@demo.test');
    const health = await api.graphql<{ integrationHealth: { failedTranscriptions: Array<{ activityId: string; attempts: number; lastError: string }> } }>(
      '{ integrationHealth { failedTranscriptions { activityId attempts lastError } } }',
      {},
      admin,
    );
    expect(health.data!.integrationHealth.failedTranscriptions).toContainEqual({ activityId: failed.id, attempts: 4, lastError: expect.stringContaining('500') });
    await sim.control('DELETE', '/_sim/faults');
    const retried = await api.graphql<{ retryTranscription: { status: string } }>('mutation($id: ID!) { retryTranscription(activityId: $id) { status } }', { id: failed.id }, session);
    expect(retried.data!.retryTranscription.status).toBe('Transcribing');
    expect((await activityOfCall(callId, (found) => found.status === 'Transcribed')).transcript).toBe('Worth the wait.');
  });

  it('gives up at once, clearly, when the voicemail was deleted in Zoom (404 on download)', async () => {
    const downloadsBefore = await requestsTo(VOICEMAIL_DOWNLOADS);
    const transcriptionsBefore = await requestsTo(TRANSCRIPTION_PATH);
    await sim.control('POST', '/_sim/faults', { path: VOICEMAIL_DOWNLOADS, status: 404, count: 5 });
    try {
      const { callId } = await leaveVoicemail('Never heard.');
      const failed = await activityOfCall(callId, (found) => found.status === 'Transcription failed');
      const [row] = await api.app.get(DataSource).query(`SELECT attempts, last_error FROM voicemails WHERE activity_id = $1`, [failed.id]);
      expect(row).toMatchObject({ attempts: 1, last_error: expect.stringMatching(/deleted in Zoom/) });
      expect((await requestsTo(VOICEMAIL_DOWNLOADS)) - downloadsBefore).toBe(1);
      expect((await requestsTo(TRANSCRIPTION_PATH)) - transcriptionsBefore).toBe(0);
    } finally {
      await sim.control('DELETE', '/_sim/faults');
    }
  });

  it('stores no audio: no new file, no binary or oversized column, no log line carrying a payload', async () => {
    expect(files.added()).toEqual([]);
    const db = api.app.get(DataSource);
    expect(await db.query(`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'bytea'`)).toEqual([]);
    const [widest] = await db.query(`SELECT max(length(t::text)) AS n FROM voicemails AS t`);
    expect(Number(widest.n)).toBeLessThan(2000);
    const [activityWidest] = await db.query(`SELECT max(length(t::text)) AS n FROM activities AS t`);
    expect(Number(activityWidest.n)).toBeLessThan(4000);
    for (const line of api.logLines) expect(line.length).toBeLessThan(1500);
    expect(api.logLines.join('\n')).not.toMatch(/[A-Za-z0-9+/]{300,}/);
  });
});
