// `npm run build`: type-checks and compiles the api, simulator and libs to dist/out-tsc, and builds the SPA to
// dist/apps/web. Incremental, so a second run is quick.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { markBuilt } from './lib/build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function step(label, command, args) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build: ${label} failed`);
    process.exit(result.status ?? 1);
  }
  console.log(`build: ${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

step('api, simulator and libs (tsc)', bin('tsc'), ['-p', 'tsconfig.build.json']);
if (existsSync(path.join(root, 'apps/web/vite.config.mts'))) {
  step('web app (vite)', bin('vite'), ['build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn']);
}
markBuilt(root);
