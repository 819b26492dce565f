import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApi, type TestApi } from './support/test-api';

/**
 * How the api hands out the SPA: a web build of its own in a temp folder (the file names Vite writes), so the rules
 * are checked without depending on whoever last built dist/.
 */
const ENTRY = '/assets/index-Bx7Kq2Lm.js';
const ENTRY_SOURCE = `export const greeting = ${JSON.stringify('Welcome to Switchboard. '.repeat(200))};\n`;
const INDEX_HTML = `<!doctype html><html><head><title>Switchboard</title><script type="module" src="${ENTRY}"></script></head><body><div id="root"></div>${'<!-- padding -->'.repeat(100)}</body></html>`;

describe('the built web app as the api serves it', () => {
  let api: TestApi;
  let webDir: string;
  beforeAll(async () => {
    webDir = mkdtempSync(path.join(tmpdir(), 'web-delivery-'));
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(path.join(webDir, 'index.html'), INDEX_HTML);
    writeFileSync(path.join(webDir, ENTRY), ENTRY_SOURCE);
    writeFileSync(path.join(webDir, `${ENTRY}.map`), JSON.stringify({ version: 3, sources: ['src/main.tsx'], sourcesContent: ['secret source'] }));
    api = await startTestApi({ WEB_DIST_DIR: webDir });
  });
  afterAll(async () => {
    await api.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  const get = (pathname: string, headers: Record<string, string> = {}) => fetch(`${api.url}${pathname}`, { headers: { 'accept-encoding': 'br, gzip', ...headers } });

  it('sends a hashed script brotli-compressed, cached for a year as immutable', async () => {
    const response = await get(ENTRY, { accept: '*/*' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await response.text()).toBe(ENTRY_SOURCE);
  });

  it('sends gzip to a client that cannot read brotli', async () => {
    const response = await get(ENTRY, { 'accept-encoding': 'gzip' });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(await response.text()).toBe(ENTRY_SOURCE);
  });

  it('sends the page itself compressed and never cached without asking again, at / and at any SPA route', async () => {
    for (const route of ['/', '/contacts/42', '/login']) {
      const response = await get(route, { accept: 'text/html' });
      expect({ route, status: response.status, type: response.headers.get('content-type') }).toEqual({ route, status: 200, type: expect.stringMatching(/^text\/html/) });
      expect({ route, encoding: response.headers.get('content-encoding'), cache: response.headers.get('cache-control') }).toEqual({ route, encoding: 'br', cache: 'no-cache' });
      expect(await response.text()).toBe(INDEX_HTML);
    }
  });

  it('never serves a source map, even one left in the build', async () => {
    const response = await get(`${ENTRY}.map`, { accept: '*/*' });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('secret source');
  });

  it('answers a chunk of an older deploy with 404, not with the page', async () => {
    const response = await get('/assets/ContactPage-0ld0ld00.js', { accept: '*/*' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
  });

  it('compresses GraphQL answers too', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
      body: JSON.stringify({ query: '{ __schema { types { name description } } }' }),
    });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const body = (await response.json()) as { data?: { __schema: { types: unknown[] } }; errors?: Array<{ message: string }> };
    expect(body.errors ?? []).toEqual([]);
    expect(body.data?.__schema.types.length).toBeGreaterThan(10);
  });
});
