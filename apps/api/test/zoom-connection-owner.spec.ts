import { DataSource } from 'typeorm';
import { TokenCipher } from '../src/platform/crypto/token-cipher';
import { startZoomSim, zoomEnvFor, type ZoomSim } from '../../zoom-sim/testing/zoom-sim-process';
import { type GraphQLResult, startTestApi, type TestApi } from './support/test-api';
import { connectZoom } from './support/zoom-oauth';

/**
 * A Zoom user belongs to one Switchboard user. Authorising it again at Zoom (from another organisation, or as a
 * colleague) rotates the owner's grant away, so a refused connect must leave the owner on the grant Zoom now honours.
 */
describe('a refused Zoom connect leaves the existing owner working', () => {
  let sim: ZoomSim;
  let api: TestApi;
  let db: DataSource;

  beforeAll(async () => {
    sim = await startZoomSim();
    api = await startTestApi(zoomEnvFor(sim));
    db = api.app.get(DataSource);
    await api.createOrganisation('Demo Realty', [{ email: 'agent@demo.test' }, { email: 'colleague@demo.test' }]);
    await api.createOrganisation('Other Realty', [{ email: 'intruder@other.test' }]);
  });
  afterAll(async () => {
    await api?.close();
    await sim?.stop();
  });

  const zoomConnection = async (session: string) =>
    (await api.graphql<{ zoomConnection: { status: string; email: string | null } }>('{ zoomConnection { status email } }', {}, session)).data!.zoomConnection;
  /** The card's "Check connection": reads the profile from Zoom through the stored grant. */
  const checkAtZoom = (session: string) =>
    api.graphql<{ refreshZoomConnection: { status: string; email: string } }>('mutation { refreshZoomConnection { status email } }', {}, session);
  const tokenRequests = async () => (await sim.control<Array<{ status: number }>>('GET', '/_sim/requests?path=/oauth/token')).length;
  const activeGrantTokens = async () =>
    (await sim.control<Array<{ kind: string; active: boolean }>>('GET', '/_sim/tokens?userEmail=agent@demo.test')).filter((token) => token.active).map((token) => token.kind).sort();
  const connectionsOf = (email: string) => db.query('SELECT c.id, c.state FROM zoom_connections c JOIN users u ON u.id = c.user_id WHERE u.email = $1', [email]);

  /** The owner keeps calling Zoom, and its stored refresh token is the live one (a refresh works too). */
  async function expectOwnerWorks(owner: string): Promise<void> {
    expect(await zoomConnection(owner)).toEqual({ status: 'CONNECTED', email: 'agent@demo.test' });
    const checked = await checkAtZoom(owner);
    expect(checked.errors).toBeUndefined();
    expect(checked.data!.refreshZoomConnection).toEqual({ status: 'CONNECTED', email: 'agent@demo.test' });

    await sim.control('POST', '/_sim/tokens/expire', { userEmail: 'agent@demo.test' });
    await db.query(`UPDATE zoom_tokens SET expires_at = now() - interval '1 minute'`);
    const before = await tokenRequests();
    const afterRefresh = await checkAtZoom(owner);
    expect(afterRefresh.errors).toBeUndefined();
    expect(afterRefresh.data!.refreshZoomConnection.status).toBe('CONNECTED');
    expect((await tokenRequests()) - before).toBe(1);
    expect(await activeGrantTokens()).toEqual(['access', 'refresh']);
  }

  it("another organisation's user is refused as linked elsewhere; the owner keeps calling Zoom on the grant Zoom now honours", async () => {
    const owner = await api.login('agent@demo.test');
    expect((await connectZoom(api, owner, 'agent@demo.test')).back.searchParams.get('zoom')).toBe('connected');
    const [{ id: ownerConnection }] = await connectionsOf('agent@demo.test');

    const intruder = await api.login('intruder@other.test');
    const { back } = await connectZoom(api, intruder, 'agent@demo.test');
    expect(back.searchParams.get('zoom')).toBe('error');
    expect(back.searchParams.get('reason')).toBe('already_linked');

    expect(await zoomConnection(intruder)).toEqual({ status: 'NOT_CONNECTED', email: null });
    expect(await connectionsOf('intruder@other.test')).toEqual([]);
    // Zoom rotated the owner's first grant away when the intruder's code was exchanged: only the new one is live.
    const [{ id: stillOwnerConnection, state }] = await connectionsOf('agent@demo.test');
    expect({ id: stillOwnerConnection, state }).toEqual({ id: ownerConnection, state: 'CONNECTED' });
    expect(await activeGrantTokens()).toEqual(['access', 'refresh']);

    await expectOwnerWorks(owner);
    const [sealed] = await db.query('SELECT access_token_sealed FROM zoom_tokens WHERE connection_id = $1', [ownerConnection]);
    expect(sealed.access_token_sealed).not.toContain(api.app.get(TokenCipher).decrypt(sealed.access_token_sealed));
    expect(back.searchParams.get('message')).toMatch(/linked elsewhere/);
  });

  it('a colleague in the same organisation is refused the same way, and the owner keeps working', async () => {
    const owner = await api.login('agent@demo.test');
    const colleague = await api.login('colleague@demo.test');
    const { back } = await connectZoom(api, colleague, 'agent@demo.test');
    expect(back.searchParams.get('reason')).toBe('already_linked');
    expect(await zoomConnection(colleague)).toEqual({ status: 'NOT_CONNECTED', email: null });
    expect(await connectionsOf('colleague@demo.test')).toEqual([]);
    await expectOwnerWorks(owner);
  });

  it("a refused connect during the owner's refreshes ends with the owner connected, and later refreshes stay single", async () => {
    const owner = await api.login('agent@demo.test');
    const intruder = await api.login('intruder@other.test');
    await sim.control('POST', '/_sim/config', { rateLimits: { perSecond: { Pro: { light: 10_000 } }, phonePerSecond: { Pro: { light: 10_000 } } } });
    await db.query(`UPDATE zoom_tokens SET expires_at = now() - interval '1 minute'`);

    const calls = (count: number) =>
      Promise.all(
        Array.from({ length: count }, () =>
          fetch(`${api.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${owner}` },
            body: JSON.stringify({ query: 'mutation { refreshZoomConnection { status } }' }),
          }).then((response) => response.json() as Promise<GraphQLResult<{ refreshZoomConnection: { status: string } }>>),
        ),
      );
    const [refused] = await Promise.all([connectZoom(api, intruder, 'agent@demo.test'), calls(20)]);
    expect(refused.back.searchParams.get('reason')).toBe('already_linked');
    expect(await connectionsOf('intruder@other.test')).toEqual([]);

    // Whatever the interleaving, the grant Zoom honours now is the owner's: a burst of expired calls refreshes once.
    await db.query(`UPDATE zoom_tokens SET expires_at = now() - interval '1 minute'`);
    const before = await tokenRequests();
    const results = await calls(20);
    expect(results.filter((result) => result.errors)).toEqual([]);
    expect((await tokenRequests()) - before).toBe(1);
    expect(await zoomConnection(owner)).toEqual({ status: 'CONNECTED', email: 'agent@demo.test' });
  });
});
