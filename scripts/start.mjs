// npm start: builds if needed, finds PostgreSQL and Redis, migrates and seeds, then runs zoom-sim and the api.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStaleReason, missingBuildOutput, SIMULATOR_ENTRY } from './lib/build.mjs';
import { API_PORT, SIM_PORT, demoEnvironment, loadDemoSecrets } from './lib/demo-env.mjs';
import { assertPortsFree, redactUrl, waitForHttp } from './lib/net.mjs';
import { ensurePostgres } from './lib/postgres.mjs';
import { createSupervisor } from './lib/processes.mjs';
import { DEFAULT_REDIS_URL, assertRedisReachable } from './lib/redis.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;
const withPaths = ['-r', './scripts/register-paths.cjs'];
const apiCli = [...withPaths, 'dist/out-tsc/apps/api/src/cli.js'];
const say = (line) => console.log(`[start] ${line}`);

function checkInstall() {
  const [major] = process.versions.node.split('.').map(Number);
  if (major < 20) throw new Error(`Node.js 20 or newer is needed (this is ${process.version}).`);
  if (!existsSync(path.join(root, 'node_modules'))) throw new Error('node_modules is missing: run `npm install` first.');
}

async function buildIfStale(supervisor) {
  const reason = buildStaleReason(root);
  if (!reason) return;
  if (!existsSync(path.join(root, 'scripts/build.mjs'))) {
    throw new Error(`A build is needed (${reason}) but scripts/build.mjs does not exist yet, so nothing can build the api.`);
  }
  say(`Building (${reason})...`);
  await supervisor.runStep('build', node, ['scripts/build.mjs'], { cwd: root });
  const missing = missingBuildOutput(root);
  if (missing) throw new Error(`The build succeeded but did not produce ${missing}, which npm start runs.`);
}

async function start(supervisor) {
  checkInstall();
  process.chdir(root);
  await buildIfStale(supervisor);
  await assertPortsFree([
    { port: API_PORT, label: 'api' },
    { port: SIM_PORT, label: 'zoom-sim' },
  ]);
  const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  await assertRedisReachable(redisUrl);
  say(`Redis: ${redactUrl(redisUrl)} answers.`);

  const postgres = await ensurePostgres({ dataDir: path.join(root, '.data/postgres'), log: say });
  supervisor.onStop(postgres.stop);
  supervisor.signal.throwIfAborted();

  const secrets = loadDemoSecrets(path.join(root, '.data/demo-secrets.json'));
  const { env, overridden } = demoEnvironment({ databaseUrl: postgres.url, redisUrl, secrets });
  if (overridden.length > 0) say(`From your environment instead of the demo values: ${overridden.join(', ')}.`);
  const options = { env, cwd: root };
  // The one-off steps print their result line; their framework start-up logs are noise here.
  const stepOptions = { env: { ...env, LOG_LEVEL: process.env.LOG_LEVEL || 'warn' }, cwd: root };

  await supervisor.runStep('migrate', node, [...apiCli, 'migrate'], stepOptions);
  await supervisor.runStep('seed', node, [...apiCli, 'seed'], stepOptions);

  const withSimulator = existsSync(path.join(root, SIMULATOR_ENTRY));
  if (withSimulator) {
    supervisor.startService('zoom-sim', node, [...withPaths, SIMULATOR_ENTRY], options);
    // Any HTTP answer means the simulator is listening.
    await waitForHttp(`http://localhost:${SIM_PORT}/_sim/users`, { signal: supervisor.signal, isReady: () => true });
  } else {
    say('The Zoom simulator is not part of this checkout yet: starting the CRM without it.');
  }
  supervisor.startService('api', node, [...withPaths, 'dist/out-tsc/apps/api/src/main.js'], options);
  await waitForHttp(`http://localhost:${API_PORT}/healthz`, { signal: supervisor.signal });

  console.log(
    [
      '',
      `  Switchboard is running at ${env.PUBLIC_URL}`,
      '',
      '  Demo logins (password demo-password):',
      '    agent@demo.test   (agent)',
      '    admin@demo.test   (admin)',
      '',
      withSimulator ? `  Zoom simulator: http://localhost:${SIM_PORT}    Press Ctrl-C to stop.` : '  Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

const supervisor = createSupervisor({ log: say });
try {
  await start(supervisor);
} catch (error) {
  if (!supervisor.signal.aborted) {
    console.error(`[start] ${error.message}`);
    void supervisor.stop(1);
  }
}
process.exit(await supervisor.done);
