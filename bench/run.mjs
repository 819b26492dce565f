// `npm run bench`: builds, runs every benchmark and prints one table (copied into docs/benchmarks.md).
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './lib/stack.mjs';

const BENCHMARKS = (process.env.BENCH ? process.env.BENCH.split(',') : ['crm-scale.mjs', 'webhook-ingest.mjs', 'phone-latency.mjs', 'phone-backfill.mjs', 'voicemail-latency.mjs', 'recording-latency.mjs', 'recording-sweep.mjs', 'booking.mjs', 'callback-tasks.mjs', 'bundle-size.mjs', 'chaos/run.mjs']);

if (spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' }).status !== 0) process.exit(1);

const rows = [];
for (const file of BENCHMARKS) {
  const { run } = await import(`./${file}`);
  console.log(`bench: ${file} ...`);
  rows.push(...(await run()));
}
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`\nMachine: ${os.cpus().length} x ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
console.log('| benchmark | metric | result | target | notes |');
console.log('|---|---|---|---|---|');
for (const row of rows) console.log(`| ${row.benchmark} | ${row.metric} | ${row.value} | ${row.target} | ${row.note} |`);
// A benchmark whose own limits failed (the chaos suite's: a loss, a duplicate, a forbidden 5xx...) fails the run.
const failed = rows.filter((row) => row.failed);
if (failed.length > 0) {
  console.error(`\nbench: ${failed.length} rows failed: ${failed.map((row) => row.benchmark).join(', ')}`);
  process.exit(1);
}
