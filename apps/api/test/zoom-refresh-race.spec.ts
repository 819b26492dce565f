import { DataSource } from 'typeorm';
import { startZoomSim, zoomEnvFor, type ZoomSim } from '../../zoom-sim/testing/zoom-sim-process';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { eventually } from './support/eventually';
import { type GraphQLResult, startTestApi, type TestApi } from './support/test-api';
import { connectZoom } from './support/zoom-oauth';

/**
 * Zoom rotates refresh tokens, so two refreshes of one grant kill it. Two api processes sharing the database must
 * agree on a single refresh however many calls find the access token expired at once.
 */
describe('one refresh for many concurrent Zoom calls across two processes', () => {
  let sim: ZoomSim;
  let processA: TestApi;
  let processB: ApiProcess;

  beforeAll(async () => {
    sim = await startZoomSim();
    processA = await startTestApi(zoomEnvFor(sim));
    processB = await startApiProcess({ ...processA.env, LOG_LEVEL: 'warn' });
    await processA.createOrganisation('Demo Realty', [{ email: 'agent@demo.test' }]);
  });
  afterAll(async () => {
    await processB?.stop();
    await processA?.close();
    await sim?.stop();
  });

  it('refreshes once for 100 calls with an expired access token, and all 100 succeed', async () => {
    const session = await processA.login('agent@demo.test');
    await connectZoom(processA, session, 'agent@demo.test');
    // Connecting starts the 30-day call and recording syncs; they call Zoom too, so they finish before the race.
    const settled = (sync: { status: string } | null) => sync !== null && ['DONE', 'FAILED'].includes(sync.status);
    await eventually(
      async () => (await processA.graphql<{ callSync: { status: string } | null; recordingSync: { status: string } | null }>('{ callSync { status } recordingSync { status } }', {}, session)).data!,
      (syncs) => settled(syncs.callSync) && settled(syncs.recordingSync),
      30_000,
    );
    // The race is about refreshing; Zoom's per-second limits have their own tests.
    await sim.control('POST', '/_sim/config', { rateLimits: { perSecond: { Pro: { light: 10_000 } }, phonePerSecond: { Pro: { light: 10_000 } } } });
    await sim.control('POST', '/_sim/tokens/expire', { userEmail: 'agent@demo.test' });
    await processA.app.get(DataSource).query("UPDATE zoom_tokens SET expires_at = now() - interval '1 minute'");
    const refreshesBefore = (await sim.control<{ method: string }[]>('GET', '/_sim/requests?path=/oauth/token')).length;

    const call = (url: string) =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` },
        body: JSON.stringify({ query: 'mutation { refreshZoomConnection { status email planType } }' }),
      }).then((response) => response.json() as Promise<GraphQLResult<{ refreshZoomConnection: { status: string } }>>);
    const results = await Promise.all(Array.from({ length: 100 }, (_, index) => call(index % 2 ? processB.url : processA.url)));

    expect(results.filter((result) => result.errors)).toEqual([]);
    expect(results.every((result) => result.data?.refreshZoomConnection.status === 'CONNECTED')).toBe(true);
    const refreshes = (await sim.control<{ method: string; status: number }[]>('GET', '/_sim/requests?path=/oauth/token')).slice(refreshesBefore);
    expect(refreshes).toEqual([expect.objectContaining({ method: 'POST', status: 200 })]);
    const tokens = await sim.control<{ kind: string; active: boolean }[]>('GET', '/_sim/tokens?userEmail=agent@demo.test');
    expect(tokens.filter((token) => token.active).map((token) => token.kind).sort()).toEqual(['access', 'refresh']);
  });
});
