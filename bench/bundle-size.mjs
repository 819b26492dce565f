// What the SPA costs on the wire, measured in a real headless chromium against the built api (the same
// compression and caching it serves in production): (1) the JavaScript the login page downloads, (2) everything
// (HTML, JavaScript, CSS) a signed-in agent's cold load of a contact page downloads. Each file the browser
// requested is then fetched again with `Accept-Encoding: gzip` and its compressed body counted, so the figures are
// gzip whatever the browser negotiated (chromium takes brotli; that figure is in the notes).
import http from 'node:http';
import { chromium } from 'playwright-core';
import { createBenchDatabase, seedDemo, startApi } from './lib/stack.mjs';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DEMO_AGENT = { email: 'agent@demo.test', password: 'demo-password' };
const LOGIN_JS_TARGET_KB = 100;
const CONTACT_PAGE_TARGET_KB = 200;
const PAGE_RESOURCES = new Set(['Document', 'Script', 'Stylesheet']);

/** The resources a page load fetched, as chromium's network domain saw them (cache off: a first visit). */
async function recordResources(page, load) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const byRequest = new Map();
  cdp.on('Network.responseReceived', ({ requestId, type, response }) => {
    if (PAGE_RESOURCES.has(type)) byRequest.set(requestId, { url: response.url, type, encoding: response.headers['content-encoding'] ?? response.headers['Content-Encoding'] ?? 'none' });
  });
  const finished = [];
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const resource = byRequest.get(requestId);
    if (resource) finished.push({ ...resource, wireBytes: encodedDataLength });
  });
  await load();
  await cdp.detach();
  return finished;
}

/**
 * `url`'s body as the api sends it to a gzip-only client, headers excluded: gzip'd, or as is when it is below the
 * size worth compressing (the api's threshold is 1 KB).
 */
function gzipBody(url, cookie) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip', accept: '*/*', cookie } }, (response) => {
        let bytes = 0;
        response.on('data', (chunk) => (bytes += chunk.length));
        response.on('end', () => resolve({ gzip: bytes, gzipEncoding: response.headers['content-encoding'] ?? 'identity' }));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

async function summarise(resources, cookie) {
  const files = await Promise.all(resources.map(async (resource) => ({ ...resource, ...(await gzipBody(resource.url, cookie)) })));
  const sum = (list, key) => list.reduce((total, file) => total + file[key], 0);
  const scripts = files.filter((file) => file.type === 'Script');
  return {
    files,
    scriptsGzip: sum(scripts, 'gzip'),
    scriptsWire: sum(scripts, 'wireBytes'),
    totalGzip: sum(files, 'gzip'),
    totalWire: sum(files, 'wireBytes'),
    encodings: [...new Set(files.map((file) => file.encoding))].join(', '),
    // Anything over a few KB sent as is means compression is off.
    uncompressed: files.filter((file) => file.gzipEncoding !== 'gzip' && file.gzip > 4096).map((file) => file.url),
    scriptCount: scripts.length,
  };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

export async function run() {
  const database = await createBenchDatabase();
  let api;
  let browser;
  try {
    seedDemo(database.url);
    api = await startApi({ DATABASE_URL: database.url });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });

    const loginPage = await context.newPage();
    const login = await recordResources(loginPage, async () => {
      await loginPage.goto(`${api.url}/login`, { waitUntil: 'networkidle' });
      await loginPage.getByTestId('login-email').waitFor();
    });
    const loginFigures = await summarise(login, '');

    await loginPage.getByTestId('login-email').fill(DEMO_AGENT.email);
    await loginPage.getByTestId('login-password').fill(DEMO_AGENT.password);
    await loginPage.getByTestId('login-submit').click();
    await loginPage.getByTestId('contact-row').first().getByRole('link').first().click();
    await loginPage.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
    const contactUrl = loginPage.url();
    const cookie = (await context.cookies()).map(({ name, value }) => `${name}=${value}`).join('; ');

    // A fresh tab with the cache off: the contact page as a signed-in agent's first visit downloads it.
    const contactPage = await context.newPage();
    const contact = await recordResources(contactPage, async () => {
      await contactPage.goto(contactUrl, { waitUntil: 'networkidle' });
      await contactPage.getByTestId('contact-name').waitFor();
    });
    const contactFigures = await summarise(contact, cookie);
    // BUNDLE_FILES=1 lists what each page downloaded, biggest first: where to look when a figure grows.
    if (process.env.BUNDLE_FILES) {
      for (const [name, figures] of [['login', loginFigures], ['contact page', contactFigures]]) {
        console.log(`${name}:\n${[...figures.files].sort((a, b) => b.gzip - a.gzip).map((file) => `  ${kb(file.gzip).padStart(9)}  ${new URL(file.url).pathname}`).join('\n')}`);
      }
    }

    return [
      {
        benchmark: 'bundle size: login page (`/login`, cold)',
        metric: 'JavaScript, gzip',
        value: kb(loginFigures.scriptsGzip),
        target: `< ${LOGIN_JS_TARGET_KB} KB`,
        note: `${loginFigures.scriptCount} scripts; chromium got Content-Encoding ${loginFigures.encodings} (none: under 1 KB): ${kb(loginFigures.scriptsWire)} on the wire with headers`,
        failed: loginFigures.scriptsGzip >= LOGIN_JS_TARGET_KB * 1024 || loginFigures.uncompressed.length > 0,
      },
      {
        benchmark: 'bundle size: contact page (`/contacts/:id`, signed in, cold)',
        metric: 'HTML + JavaScript + CSS, gzip',
        value: kb(contactFigures.totalGzip),
        target: `< ${CONTACT_PAGE_TARGET_KB} KB`,
        note: `${contactFigures.files.length} files (${contactFigures.scriptCount} scripts, JavaScript ${kb(contactFigures.scriptsGzip)}); chromium got Content-Encoding ${contactFigures.encodings} (none: under 1 KB): ${kb(contactFigures.totalWire)} on the wire with headers`,
        failed: contactFigures.totalGzip >= CONTACT_PAGE_TARGET_KB * 1024 || contactFigures.uncompressed.length > 0,
      },
    ];
  } finally {
    await browser?.close();
    await api?.stop();
    await database.drop();
  }
}
