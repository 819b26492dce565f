import { readFileSync } from 'node:fs';
import path from 'node:path';
import { requiredZoomScopes, ZOOM_ENDPOINTS, ZOOM_EVENT_SCOPES } from '@switchboard/zoom';
import { startTestApi, type TestApi } from './support/test-api';

const ZOOM_APP_DOC = readFileSync(path.resolve(__dirname, '../../../docs/zoom-app.md'), 'utf8');

/** The scopes named in the first column of docs/zoom-app.md's scope table. */
function documentedScopes(): string[] {
  return [...ZOOM_APP_DOC.matchAll(/^\| `([a-z_]+:[a-z_]+:[a-z_]+)` \|/gm)].map((match) => match[1]).sort();
}

describe('least privilege: one scope manifest', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    await api.createOrganisation('Scope Realty', [{ email: 'scopes@scope.test' }]);
  });
  afterAll(() => api.close());

  it('the authorize URL asks for exactly the scopes our calls and event subscriptions need', async () => {
    const session = await api.login('scopes@scope.test');
    const result = await api.graphql<{ startZoomConnect: string }>('mutation { startZoomConnect }', {}, session);
    const requested = new URL(result.data!.startZoomConnect).searchParams.get('scope')!.split(' ').sort();

    const declaredByCalls = Object.values(ZOOM_ENDPOINTS).flatMap((endpoint) => [...endpoint.scopes]);
    const attachedToEvents = Object.values(ZOOM_EVENT_SCOPES).flatMap((scopes) => [...scopes]);
    expect(requested).toEqual([...new Set([...declaredByCalls, ...attachedToEvents])].sort());
    expect(requested).toEqual(requiredZoomScopes());
    // Zoom's Phone webhooks spec attaches these, not the REST list scope, to the call events.
    expect(requested).toEqual(expect.arrayContaining(['phone:read:call_log', 'phone:read:call']));
  });

  it('docs/zoom-app.md explains every requested scope and no other', () => {
    expect(documentedScopes()).toEqual(requiredZoomScopes());
  });

  it('docs/zoom-app.md lists every event we subscribe to', () => {
    const missing = Object.keys(ZOOM_EVENT_SCOPES).filter((event) => !ZOOM_APP_DOC.includes(`\`${event}\``));
    expect(missing).toEqual([]);
  });

  it('the authorize URL carries a fresh state and a PKCE S256 challenge every time', async () => {
    const session = await api.login('scopes@scope.test');
    const urls = await Promise.all(
      [1, 2].map(async () => new URL((await api.graphql<{ startZoomConnect: string }>('mutation { startZoomConnect }', {}, session)).data!.startZoomConnect)),
    );
    for (const url of urls) {
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(url.searchParams.get('redirect_uri')).toBe(`${api.config.publicUrl}/oauth/zoom/callback`);
    }
    expect(urls[0].searchParams.get('state')).not.toBe(urls[1].searchParams.get('state'));
  });
});
