// `npm test`: makes sure chromium is there, builds, type-checks the tests, lints (module boundaries), makes sure
// PostgreSQL and Redis answer, runs every jest project (unit, integration, simulator, e2e in chromium) and ends
// with one line: "N passed, N failed[, N skipped]", whatever failed on the way.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './lib/chromium.mjs';
import { ensurePostgres } from './lib/postgres.mjs';
import { assertRedisReachable } from './lib/redis.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = path.join(root, 'dist', 'jest-results.json');

function run(command, args, env = process.env) {
  return spawnSync(command, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;
}

/** Stops before running anything, with the reason and the closing line. */
function stopEarly(reason) {
  console.error(`npm test: ${reason}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

try {
  ensureChromium();
} catch (error) {
  stopEarly(error.message);
}

if (run(process.execPath, [path.join(root, 'scripts/build.mjs')]) !== 0) stopEarly('the build failed (see above)');

// The build compiles the code; this type-checks what it leaves out: every test and test helper, and the SPA.
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
const typeCheckPassed = ['tsconfig.spec.json', 'e2e/tsconfig.json', 'apps/web/tsconfig.json'].every((project) => run(process.execPath, [tsc, '-p', project, '--noEmit']) === 0);
if (!typeCheckPassed) console.error('npm test: type check failed (see above)');

// Lint guards the module boundaries (libs stay framework-free); the rule reads Nx's project graph, made first.
const nxEnv = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
// nx moves its bin between majors; its package.json says where it is now.
const nxPackage = createRequire(import.meta.url).resolve('nx/package.json');
const nxBin = path.join(path.dirname(nxPackage), JSON.parse(readFileSync(nxPackage, 'utf8')).bin.nx);
const lintPassed =
  spawnSync(process.execPath, [nxBin, 'show', 'projects'], { cwd: root, stdio: 'ignore', env: nxEnv }).status === 0 &&
  run(process.execPath, [path.join(root, 'node_modules/eslint/bin/eslint.js'), '.'], nxEnv) === 0;
if (!lintPassed) console.error('npm test: lint failed (see above)');

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
let postgres;
try {
  await assertRedisReachable(redisUrl);
  postgres = await ensurePostgres({ database: 'postgres', databaseUrl: process.env.TEST_POSTGRES_URL, dataDir: path.join(root, '.data/postgres') });
} catch (error) {
  stopEarly(error.message);
}

rmSync(resultsFile, { force: true });
const jestArgs = [path.join(root, 'node_modules/jest/bin/jest.js'), '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)];
const status = run(process.execPath, jestArgs, {
  ...process.env,
  TEST_POSTGRES_URL: postgres.url,
  REDIS_URL: redisUrl,
  NODE_OPTIONS: [process.env.NODE_OPTIONS, '--max-old-space-size=4096'].filter(Boolean).join(' '),
});
await postgres.stop();

let summary;
try {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  const failedSuites = results.numRuntimeErrorTestSuites ?? 0;
  const checks = [lintPassed, typeCheckPassed];
  summary = {
    passed: results.numPassedTests + checks.filter(Boolean).length,
    failed: results.numFailedTests + failedSuites + checks.filter((passed) => !passed).length,
    skipped: results.numPendingTests + (results.numTodoTests ?? 0),
  };
} catch {
  summary = { passed: 0, failed: 1, skipped: 0 };
}
const skipped = summary.skipped > 0 ? `, ${summary.skipped} skipped` : '';
console.log(`${summary.passed} passed, ${summary.failed} failed${skipped}`);
process.exit(status === 0 && summary.failed === 0 ? 0 : 1);
