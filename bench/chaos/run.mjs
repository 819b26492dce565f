// The chaos suite (issue 16; docs/benchmarks.md, "Chaos suite"): Zoom's webhooks under faults, against two http and
// two worker processes on a PostgreSQL and a Redis of its own. Prints sent / acked / stored / lost / duplicated /
// 5xx / ack times / drain per scenario and fails on any loss, duplicate, forbidden 5xx, ack over 3 s, or a worker
// restart's backlog not drained within 10 s.
//   node bench/chaos/run.mjs [--short] [--json <file>]   (after npm run build; --short is what npm test runs)
// `npm run bench` runs the long form through run().
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../lib/stack.mjs';
import { startChaosStack } from './chaos-stack.mjs';
import { PROFILES } from './profiles.mjs';
import { benchRows, formatReport } from './report.mjs';
import { runScenario } from './scenario-runner.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { createCallFactory } from './zoom-calls.mjs';

/** What the suite runs of the build (the web app it does not need). */
const BUILD_OUTPUTS = ['dist/out-tsc/apps/api/src/main.js', 'dist/out-tsc/apps/api/src/cli.js', 'dist/out-tsc/apps/zoom-sim/src/main.js'];

/** Every scenario in turn on one stack; the figures of each, and how long it all took. */
export async function runChaosSuite({ short = false, log = console.log } = {}) {
  const profile = PROFILES[short ? 'short' : 'long'];
  const started = Date.now();
  log(`chaos: ${short ? 'short' : 'long'} form: starting PostgreSQL, Redis, the simulator, 2 http and 2 worker processes`);
  const stack = await startChaosStack({ log });
  const allFigures = [];
  try {
    log(`chaos: stack up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const calls = createCallFactory(stack.zoomUser);
    for (const scenario of SCENARIOS) {
      const figures = await runScenario(stack, scenario, { calls, profile });
      allFigures.push(figures);
      log(`chaos: ${scenario.title}: ${figures.failed ? `FAILED (${figures.failures.join('; ')})` : 'ok'} in ${figures.seconds.toFixed(0)} s`);
      for (const line of figures.warnings ?? []) log(`  ${line}`);
    }
  } finally {
    await stack.stop();
  }
  const seconds = (Date.now() - started) / 1000;
  log(`\n${formatReport(allFigures)}\n\nchaos: ${allFigures.filter((figures) => figures.failed).length} of ${allFigures.length} scenarios failed, ${seconds.toFixed(0)} s in all`);
  return { profile: short ? 'short' : 'long', seconds, scenarios: allFigures };
}

/** For bench/run.mjs: the long form, a row per scenario (`failed` set on those that failed). */
export async function run() {
  return benchRows((await runChaosSuite()).scenarios);
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const args = process.argv.slice(2);
  const jsonFile = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
  const missing = BUILD_OUTPUTS.find((output) => !existsSync(path.join(ROOT, output)));
  if (missing) {
    console.error(`chaos: ${missing} is missing: run npm run build first`);
    process.exit(1);
  }
  try {
    const report = await runChaosSuite({ short: args.includes('--short') });
    if (jsonFile) writeFileSync(jsonFile, JSON.stringify(report, null, 2));
    process.exit(report.scenarios.some((figures) => figures.failed) ? 1 : 0);
  } catch (error) {
    console.error(`chaos: ${error.stack ?? error.message}`);
    process.exit(1);
  }
}
