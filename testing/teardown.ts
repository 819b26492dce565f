import type { ChildProcess } from 'node:child_process';

/**
 * Everything a test file starts (processes, servers, databases, browsers) registers how to stop it here, the
 * moment it exists. A suite's own afterAll stops what it started; whatever a half-finished beforeAll or a
 * forgotten stop left behind is stopped by the afterAll that `testing/jest-setup.ts` adds to every test file, so
 * jest always exits on its own.
 */
const running = new Set<() => Promise<void>>();

/** Registers `stop` and returns it wrapped: the first call stops and unregisters, later calls do nothing. */
export function onTeardown(stop: () => Promise<void>): () => Promise<void> {
  let stopping: Promise<void> | null = null;
  const once = () => {
    stopping ??= (async () => {
      running.delete(once);
      await stop();
    })();
    return stopping;
  };
  running.add(once);
  return once;
}

/** Stops what is still running, newest first; every stop runs even when one fails, and the first failure is rethrown. */
export async function stopEverything(): Promise<void> {
  const failures: unknown[] = [];
  for (const stop of [...running].reverse()) {
    await stop().catch((error: unknown) => failures.push(error));
  }
  if (failures.length > 0) throw failures[0];
}

/** Ends a child process with `signal`, and with SIGKILL when it has not exited 10 s later: a stop never hangs. */
export function stopChildProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill(signal);
  });
}
