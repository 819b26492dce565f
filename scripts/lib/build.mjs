// Decides whether dist/ is older than the sources, so npm start builds only when it must.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SOURCE_PATHS = ['apps/api/src', 'apps/zoom-sim/src', 'apps/web', 'libs', 'tsconfig.base.json', 'tsconfig.build.json', 'package.json'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'test', 'coverage']);
const IGNORED_FILE = /\.spec\.[cm]?[jt]sx?$|^(README\.md|jest\.config\.[cm]?js)$/;

const BUILD_OUTPUTS = ['dist/out-tsc/apps/api/src/main.js', 'dist/out-tsc/apps/api/src/cli.js', 'dist/apps/web/index.html'];
export const SIMULATOR_SOURCE = 'apps/zoom-sim/src/main.ts';
export const SIMULATOR_ENTRY = 'dist/out-tsc/apps/zoom-sim/src/main.js';

/** The simulator is part of the build once its sources exist (a checkout without it runs the CRM alone). */
function expectedOutputs(root) {
  return existsSync(path.join(root, SIMULATOR_SOURCE)) ? [...BUILD_OUTPUTS, SIMULATOR_ENTRY] : BUILD_OUTPUTS;
}
// Written by scripts/build.mjs after a successful build.
const STAMP = 'dist/.npm-start-built';

function newestMtime(target) {
  let stats;
  try {
    stats = statSync(target);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return IGNORED_FILE.test(path.basename(target)) ? 0 : stats.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.isDirectory() && SKIPPED_FOLDERS.has(entry.name)) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

/** The first file npm start runs that dist/ lacks, or undefined. */
export function missingBuildOutput(root) {
  return expectedOutputs(root).find((output) => !existsSync(path.join(root, output)));
}

/** Why dist/ must be (re)built, or undefined when it is up to date. */
export function buildStaleReason(root) {
  const missing = missingBuildOutput(root);
  if (missing) return `${missing} is missing`;
  const stamp = path.join(root, STAMP);
  if (!existsSync(stamp)) return 'dist/ has no build stamp';
  const newestSource = Math.max(...SOURCE_PATHS.map((source) => newestMtime(path.join(root, source))));
  return newestSource > statSync(stamp).mtimeMs ? 'sources changed since the last build' : undefined;
}

export function markBuilt(root) {
  writeFileSync(path.join(root, STAMP), `${new Date().toISOString()}\n`);
}
