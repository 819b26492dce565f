// The browser tests run in Debian's chromium. `npm test` makes sure it is there before anything runs: it installs
// it where it can (root with apt-get, as on CI), and otherwise says in one line what to install.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isExecutable } from './files.mjs';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';


const hasCommand = (name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;

/** apt-get's chatter goes to a log, shown only when it fails. */
function aptGetInstall(packageName) {
  const log = path.join(tmpdir(), 'switchboard-apt.log');
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', packageName]]) {
    const result = spawnSync('apt-get', args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, encoding: 'utf8' });
    if (result.status !== 0) {
      writeFileSync(log, `${result.stdout ?? ''}${result.stderr ?? ''}`);
      return `apt-get ${args[0]} failed (see ${log})`;
    }
  }
  return null;
}

/**
 * Resolves when chromium can be started from CHROMIUM_PATH (or /usr/bin/chromium, installed here if missing and
 * possible); throws an Error whose message is the one line to show otherwise. An explicit CHROMIUM_PATH is taken
 * as it is: the browser suites then report, fast and by name, a chromium that will not start.
 */
export function ensureChromium() {
  if (process.env.CHROMIUM_PATH || isExecutable(DEFAULT_CHROMIUM_PATH)) return;
  const howTo = `install Debian's chromium ("sudo apt-get install chromium") or set CHROMIUM_PATH to a Chromium binary, then run npm test again`;
  if (process.getuid?.() !== 0 || !hasCommand('apt-get')) {
    throw new Error(`the browser tests need chromium at ${DEFAULT_CHROMIUM_PATH}, which is missing: ${howTo}.`);
  }
  console.log(`npm test: installing Debian's chromium for the browser tests (apt-get install chromium)...`);
  const failure = aptGetInstall('chromium');
  if (failure || !isExecutable(DEFAULT_CHROMIUM_PATH)) {
    throw new Error(`could not install chromium (${failure ?? `${DEFAULT_CHROMIUM_PATH} still missing`}): ${howTo}.`);
  }
}
