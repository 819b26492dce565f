import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { onTeardown } from '../../testing/teardown';
import { startApiProcess, type ApiProcess } from '../../apps/api/test/support/api-process';
import { createTestDatabase, type TestDatabase } from '../../apps/api/test/support/test-database';
import { startZoomSim, zoomEnvFor, type ZoomSim } from '../../apps/zoom-sim/testing/zoom-sim-process';

const ROOT = path.resolve(__dirname, '../..');
export const DEMO_AGENT = { email: 'agent@demo.test', password: 'demo-password' };
export const DEMO_ADMIN = { email: 'admin@demo.test', password: 'demo-password' };

export interface Stack {
  url: string;
  api: ApiProcess;
  database: TestDatabase;
  browser: Browser;
  stop(): Promise<void>;
}

/** Where the browser tests find Debian's chromium; `npm test` checks it before anything runs. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's chromium, headless, closed after the file however the file ends. */
async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium
    .launch({
      executablePath: CHROMIUM_PATH,
      // A chromium that hangs on start fails the suite in 30 s rather than playwright's 3 minutes.
      timeout: 30_000,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    .catch((error: unknown) => {
      throw new Error(`chromium did not start from ${CHROMIUM_PATH} (set CHROMIUM_PATH, or install Debian's chromium: apt-get install chromium): ${String(error)}`);
    });
  return { browser, close: onTeardown(() => browser.close()) };
}

/** The built app as a user meets it: a seeded database, the api serving the SPA, and Debian's chromium. */
export async function startStack(extraEnv: Record<string, string> = {}): Promise<Stack> {
  const { browser, close: closeBrowser } = await launchChromium();
  const database = await createTestDatabase();
  const env = {
    ...extraEnv,
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `sbe2e:${randomBytes(5).toString('hex')}`,
    LOG_LEVEL: 'warn',
    WEB_DIST_DIR: path.join(ROOT, 'dist/apps/web'),
  };
  execFileSync(process.execPath, ['-r', path.join(ROOT, 'scripts/register-paths.cjs'), path.join(ROOT, 'dist/out-tsc/apps/api/src/cli.js'), 'seed'], {
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
  const api = await startApiProcess(env);
  return {
    url: api.url,
    api,
    database,
    browser,
    async stop() {
      await closeBrowser();
      await api.stop();
      await database.drop();
    },
  };
}

export interface StackWithZoom {
  sim: ZoomSim;
  stack: Stack;
  stop(): Promise<void>;
}

/** The stack beside the Zoom simulator, whose signed webhooks go to it: what every Zoom scenario in chromium needs. */
export async function startStackWithZoom(extraEnv: Record<string, string> = {}): Promise<StackWithZoom> {
  const sim = await startZoomSim();
  const stack = await startStack({ ...zoomEnvFor(sim), ...extraEnv });
  await sim.control('POST', '/_sim/config', { webhookUrl: `${stack.url}/webhooks/zoom` });
  return {
    sim,
    stack,
    async stop() {
      await stack.stop();
      await sim.stop();
    },
  };
}

/**
 * startStackWithZoom for the enclosing describe: started before its tests, stopped after them. Its `sim` and `stack`
 * are there from its beforeAll on, so read them in tests, not while the describe is being defined.
 */
export function stackWithZoomForSuite(extraEnv: Record<string, string> = {}): StackWithZoom {
  const suite = {} as StackWithZoom;
  beforeAll(async () => {
    Object.assign(suite, await startStackWithZoom(extraEnv));
  });
  afterAll(() => suite.stop?.());
  return suite;
}
