import { DataSource } from 'typeorm';
import { TokenCipher } from '../src/platform/crypto/token-cipher';
import { ZoomTokenManager } from '../src/zoom/zoom-token.manager';
import { eventually } from './support/eventually';
import { postWebhook, zoomHeaders } from './support/zoom-webhooks';
import { startTestApi, type TestApi } from './support/test-api';
import { connectZoom as connectThroughConsent } from './support/zoom-oauth';
import { startZoomSim, zoomEnvFor, type ZoomSim } from '../../zoom-sim/testing/zoom-sim-process';

const CONNECTION_FIELDS = 'status email planType phoneNumber scopes connectedAt lastError capabilities { recordings phone }';

/** Every authorization code the test saw, so the log check can look for them. */
const seenCodes: string[] = [];

/** Connects and remembers the authorization code, for the log check. */
async function connectZoom(api: TestApi, session: string, zoomEmail: string): Promise<URL> {
  const { back, code } = await connectThroughConsent(api, session, zoomEmail);
  seenCodes.push(code);
  return back;
}

describe('Zoom connection lifecycle (real api + zoom-sim over HTTP)', () => {
  let sim: ZoomSim;
  let api: TestApi;
  let db: DataSource;

  beforeAll(async () => {
    sim = await startZoomSim();
    api = await startTestApi(zoomEnvFor(sim));
    db = api.app.get(DataSource);
    await api.createOrganisation('Demo Realty', [
      { email: 'agent@demo.test' },
      { email: 'admin@demo.test', role: 'admin' },
      { email: 'basic@demo.test' },
    ]);
  });
  const secretsSeen: string[] = [];

  afterAll(async () => {
    await api?.close();
    await sim?.stop();
  });

  const status = async (session: string) =>
    (await api.graphql<{ zoomConnection: Record<string, any> }>(`{ zoomConnection { ${CONNECTION_FIELDS} } }`, {}, session)).data!.zoomConnection;

  it('connects through consent, stores tokens sealed, shows email, plan, phone and scopes; disconnect revokes at Zoom', async () => {
    const session = await api.login('agent@demo.test');
    const back = await connectZoom(api, session, 'agent@demo.test');
    expect(back.pathname).toBe('/settings/integrations');
    expect(back.searchParams.get('zoom')).toBe('connected');

    const connected = await status(session);
    const [simAgent] = (await sim.control<Array<Record<string, any>>>('GET', '/_sim/users')).filter((user) => user.email === 'agent@demo.test');
    expect(connected).toMatchObject({ status: 'CONNECTED', email: 'agent@demo.test', phoneNumber: simAgent.phoneNumber, capabilities: { recordings: true, phone: true } });
    expect(connected.scopes.length).toBeGreaterThan(5);

    const [tokenRow] = await db.query('SELECT access_token_sealed, refresh_token_sealed FROM zoom_tokens');
    const simTokens = await sim.control<Array<{ kind: string; active: boolean }>>('GET', '/_sim/tokens?userEmail=agent@demo.test');
    expect(simTokens.filter((token) => token.active).map((token) => token.kind).sort()).toEqual(['access', 'refresh']);
    const plain = await api.app.get(ZoomTokenManager).accessToken((await db.query('SELECT id FROM zoom_connections'))[0].id);
    expect(tokenRow.access_token_sealed).not.toContain(plain);
    secretsSeen.push(plain, api.app.get(TokenCipher).decrypt(tokenRow.refresh_token_sealed));

    const disconnected = await api.graphql<{ disconnectZoom: { status: string } }>('mutation { disconnectZoom { status } }', {}, session);
    expect(disconnected.data!.disconnectZoom.status).toBe('NOT_CONNECTED');
    expect(await db.query('SELECT * FROM zoom_tokens')).toEqual([]);
    const afterRevoke = await sim.control<Array<{ active: boolean }>>('GET', '/_sim/tokens?userEmail=agent@demo.test');
    expect(afterRevoke.every((token) => !token.active)).toBe(true);
    expect((await status(session)).status).toBe('NOT_CONNECTED');
  });

  it('says "Pro+ required" on a Basic plan: no recording capability', async () => {
    const session = await api.login('basic@demo.test');
    await connectZoom(api, session, 'basic@demo.test');
    expect(await status(session)).toMatchObject({ status: 'CONNECTED', planType: 'Basic', phoneNumber: null, capabilities: { recordings: false, phone: false } });
  });

  it('refuses a replayed or foreign state, and a Zoom user already linked to someone else', async () => {
    const agent = await api.login('agent@demo.test');
    const admin = await api.login('admin@demo.test');
    await connectZoom(api, agent, 'agent@demo.test');

    const stolen = await api.graphql<{ startZoomConnect: string }>('mutation { startZoomConnect }', {}, agent);
    const state = new URL(stolen.data!.startZoomConnect).searchParams.get('state')!;
    const foreign = await fetch(`${api.url}/oauth/zoom/callback?code=whatever&state=${state}`, { redirect: 'manual', headers: { cookie: `sb_session=${admin}` } });
    expect(new URL(foreign.headers.get('location')!).searchParams.get('reason')).toBe('state');

    const linked = await connectZoom(api, admin, 'agent@demo.test');
    expect(linked.searchParams.get('reason')).toBe('already_linked');
    expect((await status(admin)).status).toBe('NOT_CONNECTED');
    expect((await status(agent)).status).toBe('CONNECTED');
  });

  it('a grant revoked at Zoom turns into NEEDS_RECONNECT with no retry loop; reconnecting restores it', async () => {
    const session = await api.login('agent@demo.test');
    await connectZoom(api, session, 'agent@demo.test');
    await sim.control('POST', '/_sim/tokens/revoke', { userEmail: 'agent@demo.test' });
    await db.query(`UPDATE zoom_tokens SET expires_at = now() - interval '1 minute'`);
    const [{ id }] = await db.query(`SELECT c.id FROM zoom_connections c JOIN users u ON u.id = c.user_id WHERE u.email = 'agent@demo.test'`);
    await expect(api.app.get(ZoomTokenManager).accessToken(id)).rejects.toMatchObject({ extensions: { code: 'ZOOM_RECONNECT_REQUIRED' } });
    const tokenRequests = (await sim.control<Array<{ path: string }>>('GET', '/_sim/requests?path=/oauth/token')).length;
    await expect(api.app.get(ZoomTokenManager).accessToken(id)).rejects.toMatchObject({ extensions: { code: 'ZOOM_RECONNECT_REQUIRED' } });
    expect((await sim.control<unknown[]>('GET', '/_sim/requests?path=/oauth/token')).length).toBe(tokenRequests);
    expect(await status(session)).toMatchObject({ status: 'NEEDS_RECONNECT', email: 'agent@demo.test' });

    expect((await connectZoom(api, session, 'agent@demo.test')).searchParams.get('zoom')).toBe('connected');
    expect((await status(session)).status).toBe('CONNECTED');
  });

  it('app_deauthorized deletes the tokens and Zoom-derived activities, and later events of that user are skipped', async () => {
    const session = await api.login('agent@demo.test');
    await connectZoom(api, session, 'agent@demo.test');
    const [{ id: userId, organisation_id: organisationId }] = await db.query(`SELECT id, organisation_id FROM users WHERE email = 'agent@demo.test'`);
    await db.query(
      `INSERT INTO activities (organisation_id, type, occurred_at, owner_id, zoom_ref) VALUES ($1, 'CALL', now(), $2, 'call:zoom-derived')`,
      [organisationId, userId],
    );
    const [simAgent] = (await sim.control<Array<Record<string, any>>>('GET', '/_sim/users')).filter((user) => user.email === 'agent@demo.test');
    await sim.control('POST', '/_sim/config', { webhookUrl: `${api.url}/webhooks/zoom`, webhookSecret: 'sim-webhook-secret' });
    await sim.control('POST', '/_sim/deauthorize', { userEmail: 'agent@demo.test' });

    const deauthorized = async () => (await db.query(`SELECT status FROM webhook_inbox WHERE event = 'app_deauthorized'`))[0]?.status;
    expect(await eventually(deauthorized, (status) => status === 'processed')).toBe('processed');
    expect(await db.query('SELECT t.* FROM zoom_tokens t JOIN zoom_connections c ON c.id = t.connection_id WHERE c.zoom_user_id = $1', [simAgent.id])).toEqual([]);
    expect(await db.query(`SELECT * FROM activities WHERE zoom_ref = 'call:zoom-derived'`)).toEqual([]);
    const [connection] = await db.query(`SELECT state, revoked_at FROM zoom_connections WHERE zoom_user_id = $1`, [simAgent.id]);
    expect(connection.state).toBe('REVOKED');
    expect(connection.revoked_at).toBeInstanceOf(Date);
    expect((await status(session)).status).toBe('NOT_CONNECTED');

    const [delivered] = await db.query(`SELECT body FROM webhook_inbox WHERE event = 'app_deauthorized'`);
    const later = JSON.stringify({ ...delivered.body, event_ts: delivered.body.event_ts + 1000 });
    expect((await postWebhook(api.url, later, zoomHeaders(later, 'sim-webhook-secret'))).status).toBe(200);
    const latest = async () => (await db.query(`SELECT status FROM webhook_inbox WHERE event = 'app_deauthorized' ORDER BY received_at DESC`))[0]?.status;
    expect(await eventually(latest, (status) => status === 'skipped')).toBe('skipped');
  });

  it('never writes a Zoom token, client secret, webhook secret or authorization code to the log', () => {
    const logs = api.logLines.join('\n');
    expect(api.logLines.length).toBeGreaterThan(10);
    for (const secret of [...secretsSeen, ...seenCodes.filter(Boolean), 'sim-client-secret', 'sim-webhook-secret']) expect(logs).not.toContain(secret);
  });
});
