import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { onTeardown, stopChildProcess } from '../../../testing/teardown';

const ROOT = path.resolve(__dirname, '../../..');
const MAIN = path.join(ROOT, 'dist/out-tsc/apps/zoom-sim/src/main.js');
const LISTENING = /zoom-sim listening on (http:\/\/\S+)/;

export interface ZoomSim {
  url: string;
  /** JSON in, JSON out, against the simulator's control API (`/_sim/...`). */
  control<T = any>(method: 'GET' | 'POST' | 'DELETE', controlPath: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** JSON in, JSON out, against a simulator's control API (`/_sim/...`); a non-2xx answer throws with its body. */
export function controlClient(url: string): ZoomSim['control'] {
  return async (method, controlPath, body) => {
    const response = await fetch(`${url}${controlPath}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`zoom-sim ${method} ${controlPath}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as never;
  };
}

/** The Zoom simulator as its own process, from the build `npm test` makes first: Zoom as the api will meet it. */
export async function startZoomSim(env: Record<string, string> = {}): Promise<ZoomSim> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build (npm test builds first)`);
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { ...process.env, SIM_PORT: '0', SIM_HOST: '127.0.0.1', SIM_RETRY_TIME_SCALE: '0.001', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = onTeardown(() => stopChildProcess(child));
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`zoom-sim did not start: ${output.join('')}`)), 10_000);
    child.stderr?.on('data', (chunk) => output.push(chunk.toString()));
    child.stdout?.on('data', (chunk) => {
      output.push(chunk.toString());
      const match = LISTENING.exec(output.join(''));
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`zoom-sim exited with ${code}: ${output.join('')}`)));
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url, control: controlClient(url), stop };
}

/** The api env that points libs/zoom at the simulator: the same variables real Zoom would need. */
export function zoomEnvFor(sim: ZoomSim): Record<string, string> {
  return {
    ZOOM_OAUTH_BASE: sim.url,
    ZOOM_API_BASE: `${sim.url}/v2`,
    ZOOM_SMART_EMBED_URL: `${sim.url}/smart-embed`,
    ZOOM_CLIENT_ID: 'sim-client-id',
    ZOOM_CLIENT_SECRET: 'sim-client-secret',
    ZOOM_WEBHOOK_SECRET_TOKEN: 'sim-webhook-secret',
    OPENAI_BASE_URL: `${sim.url}/v1`,
    OPENAI_API_KEY: 'sim-openai-key',
  };
}
