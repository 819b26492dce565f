// The chaos suite's own Redis: a redis-server on a port of its own that keeps nothing (no RDB, no AOF), so a fault
// scenario can take it away and bring it back empty, as a crashed Redis comes back, without touching the machine's.
import { spawn } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { assertRedisReachable } from '../../scripts/lib/redis.mjs';
import { stopProcess } from '../lib/stack.mjs';

const START_TIMEOUT_MS = 15_000;

export async function startPrivateRedis({ port, dir, log }) {
  const url = `redis://127.0.0.1:${port}`;
  let server = null;

  const start = async () => {
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const failed = new Promise((_, reject) => {
      child.once('error', (error) =>
        reject(error.code === 'ENOENT' ? new Error('redis-server is not installed (the chaos suite starts its own): apt-get install redis-server') : error),
      );
      child.once('exit', (code) => reject(new Error(`redis-server exited with code ${code} while starting (is port ${port} taken?)`)));
    });
    failed.catch(() => undefined);
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      const answered = await Promise.race([assertRedisReachable(url, { timeoutMs: 500 }).then(() => true, () => false), failed]);
      if (answered) return;
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port} within ${START_TIMEOUT_MS / 1000} s`);
      await delay(50);
    }
  };
  /** SIGKILL: gone at once, as when Redis crashes; every key (BullMQ's queues too) goes with it. */
  const stop = async () => {
    const child = server;
    server = null;
    if (child) await stopProcess(child, 'SIGKILL');
  };

  await start();
  return { url, start, stop, killNow: () => server?.kill('SIGKILL') };
}
