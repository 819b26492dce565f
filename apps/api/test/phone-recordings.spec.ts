import { DataSource } from 'typeorm';
import { type ZoomSim } from '../../zoom-sim/testing/zoom-sim-process';
import { type ConnectedStack, startConnectedStack } from './support/connected-stack';
import { ZoomConnectionService } from '../src/zoom/zoom-connection.service';
import { ZoomTokenManager } from '../src/zoom/zoom-token.manager';
import { eventually } from './support/eventually';
import { snapshotFiles } from './support/files';
import { type TestApi } from './support/test-api';

describe('call recordings and voicemails played through the api', () => {
  let sim: ZoomSim;
  let api: TestApi;
  let session: string;
  let otherOrganisation: string;
  let stack: ConnectedStack;

  beforeAll(async () => {
    stack = await startConnectedStack();
    ({ sim, api, session } = stack);
    await api.createOrganisation('Rival Realty', [{ email: 'rival@rival.test' }]);
    otherOrganisation = await api.login('rival@rival.test');
  });
  afterAll(() => stack?.close());

  const activityOfCall = async (callId: string, done: (activity: any) => boolean) => {
    const db = api.app.get(DataSource);
    const [row] = await eventually(() => db.query(`SELECT id FROM activities WHERE zoom->>'callId' = $1`, [callId]), (rows: Array<{ id: string }>) => rows.length > 0);
    return eventually(
      async () => (await api.graphql<{ activity: any }>('query($id: ID!) { activity(id: $id) { id result zoom { callId recordingId } attachments { kind url title } } }', { id: row.id }, session)).data!.activity,
      done,
    );
  };
  /** The same file read from the simulator with the owner's token, bypassing the proxy. */
  const fromZoomDirectly = async (activityId: string, range: string) => {
    const [media] = await api.app.get(DataSource).query('SELECT download_url, zoom_user_id FROM phone_recordings WHERE activity_id = $1', [activityId]);
    const connection = await api.app.get(ZoomConnectionService).connectedZoomUser(media.zoom_user_id);
    const token = await api.app.get(ZoomTokenManager).accessToken(connection!.id);
    return fetch(media.download_url, { headers: { authorization: `Bearer ${token}`, range } });
  };
  const play = (url: string, headers: Record<string, string> = {}, token: string | null = session) =>
    fetch(`${api.url}${url}`, { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });

  it('attaches the recording to its call once, though every event arrives three times in any order', async () => {
    const { callId } = await sim.control('POST', '/_sim/phone/calls', {
      userEmail: 'agent@demo.test',
      direction: 'outbound',
      counterpartNumber: '+14155550187',
      outcome: 'answered',
      durationSeconds: 60,
      withRecording: true,
      delivery: { order: 'shuffled', duplicates: 2 },
    });
    const activity = await activityOfCall(callId, (found) => found.attachments.length > 0 && found.result === 'ANSWERED');
    await eventually(() => sim.control<Array<{ status: string }>>('GET', '/_sim/deliveries'), (all) => all.every((delivery) => delivery.status === 'delivered'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const settled = await activityOfCall(callId, () => true);
    expect(settled.attachments).toEqual([{ kind: 'recording', url: `/media/phone-recordings/${activity.id}/${encodeURIComponent(settled.zoom.recordingId)}`, title: 'Call recording' }]);
    expect(settled.zoom).toMatchObject({ callId, recordingId: expect.any(String) });
  });

  it('streams it with Range support (206 and the right bytes), to its organisation only, storing nothing', async () => {
    const { callId } = await sim.control('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', direction: 'inbound', counterpartNumber: '+14155550188', outcome: 'answered', durationSeconds: 30, withRecording: true });
    const activity = await activityOfCall(callId, (found) => found.attachments.length > 0);
    const url = activity.attachments[0].url;
    const files = snapshotFiles();

    const whole = await play(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('cache-control')).toBe('private, no-store');
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(Number(whole.headers.get('content-length'))).toBe(bytes.length);

    const part = await play(url, { range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${bytes.length}`);
    expect(part.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(100, 200));
    expect(Buffer.from(await (await fromZoomDirectly(activity.id, 'bytes=100-199')).arrayBuffer())).toEqual(bytes.subarray(100, 200));

    expect((await play(url, {}, otherOrganisation)).status).toBe(404);
    expect((await play(url, {}, null)).status).toBe(401);
    expect((await play(`/media/phone-recordings/${activity.id}/not-this-one`)).status).toBe(404);

    expect(files.added()).toEqual([]);
    const db = api.app.get(DataSource);
    expect(await db.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'bytea'`)).toEqual([]);
    const [widest] = await db.query('SELECT max(length(t::text)) AS n FROM phone_recordings AS t');
    expect(Number(widest.n)).toBeLessThan(1000);
    const [widestAttachments] = await db.query('SELECT max(length(attachments::text)) AS n FROM activities');
    expect(Number(widestAttachments.n)).toBeLessThan(2048);
  });

  it('plays a voicemail the same way', async () => {
    const { callId } = await sim.control('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', direction: 'inbound', counterpartNumber: '+14155550189', outcome: 'voicemail', voicemailTranscript: 'Call me.' });
    const activity = await activityOfCall(callId, (found) => found.attachments.some((attachment: { kind: string }) => attachment.kind === 'voicemail'));
    const voicemail = activity.attachments.find((attachment: { kind: string }) => attachment.kind === 'voicemail');
    const response = await play(voicemail.url, { range: 'bytes=0-3' });
    expect(response.status).toBe(206);
    expect(Buffer.from(await response.arrayBuffer()).toString('latin1')).toBe('RIFF');
    expect((await play(voicemail.url, {}, otherOrganisation)).status).toBe(404);
  });

  // Last: it kills the agent's grant.
  it('asks for a Zoom reconnect (409) when the owner\u2019s grant dies, on the first failing play and after', async () => {
    const { callId } = await sim.control('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', direction: 'outbound', counterpartNumber: '+14155550190', outcome: 'answered', durationSeconds: 10, withRecording: true });
    const activity = await activityOfCall(callId, (found) => found.attachments.length > 0);
    await sim.control('POST', '/_sim/tokens/revoke', { userEmail: 'agent@demo.test' });
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await play(activity.attachments[0].url);
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({ error: 'zoom_reconnect_required' });
    }
  });
});
