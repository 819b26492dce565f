import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { onTeardown, stopChildProcess } from '../../../../testing/teardown';

const ROOT = path.resolve(__dirname, '../../../..');
const MAIN = path.join(ROOT, 'dist/out-tsc/apps/api/src/main.js');

/** A port nothing listens on now: for the processes, and the listeners in this process, that tests start. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface ApiProcess {
  url: string;
  /** Where its GET /metrics is: a worker's own METRICS_PORT, else `url`. */
  metricsUrl: string;
  output: string[];
  stop(): Promise<void>;
  /** SIGKILL: the process dies mid-whatever, as on a crash or an OOM kill. */
  kill(): Promise<void>;
}

/** A second api as a separate OS process, from the build `npm test` makes first. */
export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build (npm test builds first)`);
  const port = await freePort();
  // Each process its own metrics port, so that workers started side by side (and by parallel suites) never share one.
  const metricsPort = env.METRICS_PORT ?? String(await freePort());
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, ['-r', path.join(ROOT, 'scripts/register-paths.cjs'), MAIN], {
    cwd: ROOT,
    // The api's public URL is where it really listens, so OAuth redirects come back to this process.
    env: { ...process.env, PUBLIC_URL: `http://127.0.0.1:${port}`, ...env, METRICS_PORT: metricsPort, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk) => output.push(chunk.toString()));
  const stop = onTeardown(() => stopChildProcess(child));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilStarted(child, url, output);
  } catch (error) {
    await stop();
    throw error;
  }
  const metricsUrl = env.API_ROLE === 'worker' ? `http://127.0.0.1:${metricsPort}` : url;
  return { url, metricsUrl, output, stop, kill: () => stopChildProcess(child, 'SIGKILL') };
}

async function waitUntilStarted(child: ChildProcess, url: string, output: string[]): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`api process exited: ${output.join('')}`);
    // A worker-only process serves no HTTP; it says when it has started.
    if (output.join('').includes('Switchboard worker started')) return;
    if (await fetch(`${url}/healthz`).then((res) => res.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`api process did not start within 20 s: ${output.join('')}`);
}
