import { DataSource } from 'typeorm';
import { startZoomSim, zoomEnvFor, type ZoomSim } from '../../zoom-sim/testing/zoom-sim-process';
import { startApiProcess } from './support/api-process';
import { eventually } from './support/eventually';
import { startTestApi, type TestApi } from './support/test-api';
import { connectZoom } from './support/zoom-oauth';

const CALLS = 2000;
const CALL_HISTORY = '/v2/phone/users/me/call_history';

interface CallSync {
  status: string;
  processed: number;
  total: number | null;
  percent: number;
  finishedAt: string | null;
}

describe('call history backfill', () => {
  let sim: ZoomSim;

  beforeAll(async () => {
    sim = await startZoomSim();
  });
  afterAll(() => sim?.stop());

  const callSync = async (api: TestApi, session: string) =>
    (await api.graphql<{ callSync: CallSync | null }>('{ callSync { status processed total percent finishedAt } }', {}, session)).data!.callSync;
  const callRows = async (api: TestApi) => {
    const [row] = await api.app.get(DataSource).query(`SELECT count(*)::int AS n, count(DISTINCT zoom_ref)::int AS distinct_refs FROM activities WHERE type = 'CALL'`);
    return row as { n: number; distinct_refs: number };
  };

  it('brings 2,000 calls over several pages and a 429 on first connect, each once, with progress reaching 100%', async () => {
    await sim.control('POST', '/_sim/reset');
    await sim.control('POST', '/_sim/phone/history', { userEmail: 'agent@demo.test', count: CALLS, days: 29 });
    const api = await startTestApi(zoomEnvFor(sim));
    try {
      await api.createOrganisation('Demo Realty', [{ email: 'agent@demo.test' }]);
      const session = await api.login('agent@demo.test');
      // Page 3 of the listing is refused once with 429 + Retry-After, as Zoom does.
      await sim.control('POST', '/_sim/faults', { path: CALL_HISTORY, status: 200, count: 3 });
      await sim.control('POST', '/_sim/faults', { path: CALL_HISTORY, status: 429, count: 1 });
      await connectZoom(api, session, 'agent@demo.test');
      const done = await eventually(() => callSync(api, session), (sync) => sync?.status === 'DONE', 60_000);
      expect(done).toEqual({ status: 'DONE', processed: CALLS, total: CALLS, percent: 100, finishedAt: expect.any(String) });
      expect(await callRows(api)).toEqual({ n: CALLS, distinct_refs: CALLS });
      const listing = await sim.control<Array<{ status: number }>>('GET', `/_sim/requests?path=${CALL_HISTORY}`);
      expect(listing.filter((request) => request.status === 429)).toHaveLength(1);
      expect(listing.filter((request) => request.status === 200).length).toBeGreaterThan(CALLS / 300);

      // "Sync calls" again: it reads the whole history once more (a later finish, more listing requests), and nothing doubles.
      const again = await api.graphql<{ syncZoomCalls: CallSync }>('mutation { syncZoomCalls { status } }', {}, session);
      expect(again.data!.syncZoomCalls.status).toBe('QUEUED');
      const resynced = await eventually(() => callSync(api, session), (sync) => sync?.status === 'DONE' && Date.parse(sync.finishedAt!) > Date.parse(done!.finishedAt!), 60_000);
      expect(resynced).toMatchObject({ processed: CALLS, percent: 100 });
      const relisted = await sim.control<Array<{ status: number }>>('GET', `/_sim/requests?path=${CALL_HISTORY}`);
      expect(relisted.filter((request) => request.status === 200).length).toBeGreaterThan(listing.filter((request) => request.status === 200).length);
      expect(await callRows(api)).toEqual({ n: CALLS, distinct_refs: CALLS });
    } finally {
      await api.close();
    }
  });

  it('resumes after its worker is killed mid-way and finishes without duplicates', async () => {
    await sim.control('POST', '/_sim/reset');
    await sim.control('POST', '/_sim/phone/history', { userEmail: 'agent@demo.test', count: CALLS, days: 29 });
    // Pages served slowly: the kill lands mid-run.
    await sim.control('POST', '/_sim/faults', { path: CALL_HISTORY, status: 200, count: 1000, delayMs: 150 });
    const httpOnly = await startTestApi({ ...zoomEnvFor(sim), API_ROLE: 'http' });
    try {
      await httpOnly.createOrganisation('Demo Realty', [{ email: 'agent@demo.test' }]);
      const session = await httpOnly.login('agent@demo.test');
      const worker = await startApiProcess({ ...httpOnly.env, API_ROLE: 'worker', LOG_LEVEL: 'info' });
      await connectZoom(httpOnly, session, 'agent@demo.test');
      await eventually(() => callSync(httpOnly, session), (sync) => (sync?.processed ?? 0) >= 300, 30_000);
      await worker.kill();
      const halfway = await callSync(httpOnly, session);
      expect(halfway!.processed).toBeLessThan(CALLS);
      const replacement = await startApiProcess({ ...httpOnly.env, API_ROLE: 'worker', LOG_LEVEL: 'info' });
      try {
        const done = await eventually(() => callSync(httpOnly, session), (sync) => sync?.status === 'DONE', 90_000);
        expect(done).toMatchObject({ processed: CALLS, percent: 100 });
        expect(await callRows(httpOnly)).toEqual({ n: CALLS, distinct_refs: CALLS });
      } finally {
        await replacement.stop();
      }
    } finally {
      await httpOnly.close();
      await sim.control('DELETE', '/_sim/faults');
    }
  });

  it('pulls in voicemails left before connecting, and transcribes them', async () => {
    await sim.control('POST', '/_sim/reset');
    // Left while Switchboard was not listening: its webhooks go nowhere.
    await sim.control('POST', '/_sim/config', { webhookUrl: 'http://127.0.0.1:9/webhooks/zoom' });
    await sim.control('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', direction: 'inbound', counterpartNumber: '+14155550187', outcome: 'voicemail', voicemailTranscript: 'Left before you connected.' });
    const api = await startTestApi(zoomEnvFor(sim));
    try {
      await api.createOrganisation('Demo Realty', [{ email: 'agent@demo.test' }]);
      const session = await api.login('agent@demo.test');
      await connectZoom(api, session, 'agent@demo.test');
      const rows = await eventually(
        () => api.app.get(DataSource).query(`SELECT type, result, status, transcript FROM activities WHERE transcript IS NOT NULL`),
        (found: unknown[]) => found.length > 0,
        30_000,
      );
      expect(rows).toEqual([{ type: 'CALL', result: 'VOICEMAIL', status: 'Transcribed', transcript: 'Left before you connected.' }]);
    } finally {
      await api.close();
    }
  });
});
