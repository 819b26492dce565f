import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import Redis from 'ioredis';
import { onTeardown, stopChildProcess } from '../../../../testing/teardown';

export interface PrivateRedis {
  url: string;
  /** Stops the server (SIGKILL: gone at once, as when Redis crashes). Its data goes with it. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty: every key, BullMQ's included, has vanished. */
  start(): Promise<void>;
  /** Stops it for good. */
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForPing(url: string, server: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`redis-server exited: ${output.join('')}`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    const answered = await client.connect().then(() => client.ping(), () => null);
    client.disconnect();
    if (answered === 'PONG') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`redis-server did not answer within 10 s: ${output.join('')}`);
}

/**
 * A redis-server of the test's own on a free port, without persistence, so a test can take "Redis" away from the
 * api under test (and bring it back empty) without touching the machine's Redis.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;
  let stopServer: (() => Promise<void>) | null = null;

  const start = async () => {
    if (server) throw new Error('the private redis-server is already running');
    const output: string[] = [];
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    stopServer = onTeardown(() => stopChildProcess(child, 'SIGKILL'));
    child.on('error', (error) => output.push(error.message));
    child.stdout?.on('data', (chunk) => output.push(chunk.toString()));
    child.stderr?.on('data', (chunk) => output.push(chunk.toString()));
    await waitForPing(url, child, output);
  };
  const stop = async () => {
    await stopServer?.();
    server = null;
    stopServer = null;
  };

  await start();
  return { url, start, stop, close: stop };
}
