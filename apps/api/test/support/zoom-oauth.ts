import type { TestApi } from './test-api';

/**
 * The browser's part of the OAuth round trip: consent at the simulator (auto-approved as `zoomEmail`), then our
 * callback with the session cookie. Returns where the callback sent the browser, and the code it carried.
 * The grant holds the scopes our authorize URL asks for, less `withoutScopes` (an app whose Marketplace listing
 * lacks them, as the simulator then withholds their events).
 */
export async function connectZoom(
  api: Pick<TestApi, 'graphql' | 'url'>,
  session: string,
  zoomEmail: string,
  { withoutScopes = [] }: { withoutScopes?: string[] } = {},
): Promise<{ back: URL; code: string }> {
  const started = await api.graphql<{ startZoomConnect: string }>('mutation { startZoomConnect }', {}, session);
  const authorize = new URL(started.data!.startZoomConnect);
  const scopes = authorize.searchParams.get('scope')!.split(' ');
  authorize.searchParams.set('scope', scopes.filter((scope) => !withoutScopes.includes(scope)).join(' '));
  authorize.searchParams.set('auto_approve', '1');
  authorize.searchParams.set('login_hint', zoomEmail);
  const consent = await fetch(authorize, { redirect: 'manual' });
  if (consent.status !== 302) throw new Error(`consent answered ${consent.status}`);
  const redirect = new URL(consent.headers.get('location')!);
  const callback = await fetch(`${api.url}/oauth/zoom/callback${redirect.search}`, { redirect: 'manual', headers: { cookie: `sb_session=${session}` } });
  if (callback.status !== 302) throw new Error(`callback answered ${callback.status}`);
  return { back: new URL(callback.headers.get('location')!), code: redirect.searchParams.get('code') ?? '' };
}
