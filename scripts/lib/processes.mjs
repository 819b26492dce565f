// Child processes with labelled output, and a supervisor that stops them all together.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import readline from 'node:readline';

const COLOURS = [36, 35, 33, 32, 34, 31];
const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const labelColours = new Map();

function prefixFor(label) {
  if (!useColour) return `[${label}]`;
  if (!labelColours.has(label)) labelColours.set(label, COLOURS[labelColours.size % COLOURS.length]);
  return `\x1b[${labelColours.get(label)}m[${label}]\x1b[0m`;
}

function forwardLines(stream, label, target) {
  const prefix = prefixFor(label);
  readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => target.write(`${prefix} ${line}\n`));
}

/** "code 1" or "signal SIGKILL", for messages about a child's exit. */
function describeExit(code, signal) {
  return signal ? `signal ${signal}` : `code ${code}`;
}

/**
 * Spawns `command args` with its stdout/stderr forwarded line by line as "[label] line".
 * @param {string} label
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string }} [options]
 * @returns {import('node:child_process').ChildProcess}
 */
export function spawnPrefixed(label, command, args, { env = process.env, cwd = process.cwd() } = {}) {
  const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  forwardLines(child.stdout, label, process.stdout);
  forwardLines(child.stderr, label, process.stderr);
  return child;
}

/** Resolves with { code, signal } once the child has exited (at once if it already has). */
export async function waitForExit(child) {
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  return { code: child.exitCode, signal: child.signalCode };
}

async function terminate(child, graceMs) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const forceKill = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await waitForExit(child);
  clearTimeout(forceKill);
}

/**
 * Keeps a set of child processes and stops them all (then runs the cleanups, last added first) when
 * SIGINT, SIGTERM or SIGHUP arrives, when a service exits on its own, or when stop() is called.
 * A second Ctrl-C kills what is still running.
 *
 * @param {{ log?: (line: string) => void, graceMs?: number }} [options]
 */
export function createSupervisor({ log = console.log, graceMs = 10_000 } = {}) {
  const children = new Set();
  const cleanups = [];
  const stopping = new AbortController();
  let resolveDone;
  const done = new Promise((resolve) => {
    resolveDone = resolve;
  });

  async function stop(exitCode = 0) {
    if (stopping.signal.aborted) return done;
    stopping.abort();
    await Promise.all([...children].map((child) => terminate(child, graceMs)));
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        log(`Clean-up failed: ${error.message}`);
      }
    }
    resolveDone(exitCode);
    return done;
  }

  function track(child) {
    children.add(child);
    child.once('exit', () => children.delete(child));
    // Spawned after stop() began (a step racing Ctrl-C): it must not outlive us.
    if (stopping.signal.aborted) child.kill('SIGTERM');
  }

  const onSignal = (signal) => {
    if (stopping.signal.aborted) {
      log(`${signal} again: killing what is still running.`);
      for (const child of children) child.kill('SIGKILL');
      return;
    }
    if (process.stdout.isTTY) process.stdout.write('\n'); // past the ^C the terminal echoed
    log(`${signal} received: stopping everything (Ctrl-C again to kill at once).`);
    void stop(0);
  };
  const stopSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of stopSignals) process.on(signal, onSignal);
  void done.then(() => {
    for (const signal of stopSignals) process.removeListener(signal, onSignal);
  });

  return {
    /** Aborted as soon as stopping begins: pass it to waits so they give up. */
    signal: stopping.signal,
    /** Resolves with the exit code once everything has stopped. */
    done,
    stop,
    /** Registers a clean-up (e.g. stopping PostgreSQL) that runs after the children have stopped. */
    onStop(cleanup) {
      cleanups.push(cleanup);
    },
    /** Starts a long-running child; if it exits while we are not stopping, everything stops. */
    startService(label, command, args, options) {
      const child = spawnPrefixed(label, command, args, options);
      track(child);
      child.once('exit', (code, signal) => {
        if (stopping.signal.aborted) return;
        log(`${label} exited with ${describeExit(code, signal)}: stopping everything.`);
        void stop(code || 1);
      });
      child.once('error', (error) => {
        log(`${label} could not start: ${error.message}`);
        void stop(1);
      });
      return child;
    },
    /** Runs a child to completion; rejects when it fails or when stopping interrupts it. */
    async runStep(label, command, args, options) {
      stopping.signal.throwIfAborted();
      const child = spawnPrefixed(label, command, args, options);
      track(child);
      let outcome;
      try {
        outcome = await waitForExit(child);
      } catch (error) {
        throw new Error(`${label} could not start: ${error.message}`);
      }
      stopping.signal.throwIfAborted();
      if (outcome.code !== 0) throw new Error(`${label} failed (exit ${describeExit(outcome.code, outcome.signal)}).`);
    },
  };
}
