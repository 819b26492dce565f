/**
 * The chaos suite's short form in npm test (bench/chaos/; docs/benchmarks.md, "Chaos suite"): Zoom's webhooks at a
 * steady rate against two http and two worker processes on a PostgreSQL and a Redis of the suite's own, while
 * workers and an http process are SIGKILLed, Redis and PostgreSQL stopped, events duplicated, reordered and poisoned,
 * and GraphQL attacked. It runs as a child process: it is an ES module that owns its processes and its signals, and
 * removes everything it started however it ends. The long form runs in npm run bench.
 *
 * The only times checked are the product's promises: an ack within Zoom's 3 s, and a restarted worker's backlog
 * drained within 10 s of it being up.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTeardown, stopChildProcess } from '../../testing/teardown';

const ROOT = path.resolve(__dirname, '../..');
/** About two minutes on a quiet 2-core machine; room for a loaded one. */
const SUITE_TIMEOUT_MS = 8 * 60_000;
const ZOOM_ACK_TIMEOUT_MS = 3000;
const SCENARIOS = ['baseline', 'worker-sigkill', 'http-sigkill', 'redis-stop', 'postgres-stop', 'duplicates', 'poison', 'graphql-attack'];

/** What bench/chaos/report.mjs reports of a scenario (the fields asserted here). */
interface ScenarioFigures {
  name: string;
  sent: number;
  acked: number;
  stored: number;
  lost: number;
  duplicated: number;
  forbidden5xx: number;
  refusedWhilePostgresDown: number;
  redelivered: number;
  noAck: number;
  maxAckMs: number | null;
  drainMs: number | null;
  drainLimitMs: number | null;
  poison: { sent: number; refused: number };
  failures: string[];
}

function runShortForm(reportFile: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'bench/chaos/run.mjs'), '--short', '--json', reportFile], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const stop = onTeardown(() => stopChildProcess(child));
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      void stop();
      resolve({ code, output });
    });
  });
}

describe('the chaos suite (short form)', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'chaos-report-'));
  let scenarios: ScenarioFigures[] = [];

  beforeAll(async () => {
    const result = await runShortForm(path.join(folder, 'report.json'));
    const output = result.output;
    // The table, whatever the outcome: the figures are the point.
    const table = output.indexOf('| scenario');
    if (table >= 0) console.info(output.slice(table));
    try {
      scenarios = JSON.parse(readFileSync(path.join(folder, 'report.json'), 'utf8')).scenarios;
    } catch {
      throw new Error(`the chaos suite did not finish (exit ${result.code}):\n${output.slice(-4000)}`);
    }
  }, SUITE_TIMEOUT_MS);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('ran every scenario', () => {
    expect(scenarios.map((scenario) => scenario.name)).toEqual(SCENARIOS);
  });

  it.each(SCENARIOS)('%s: every valid event acknowledged and stored once, no forbidden 5xx, every ack within 3 s', (name) => {
    const figures = scenarios.find((scenario) => scenario.name === name)!;
    expect(figures.sent).toBeGreaterThan(0);
    expect({ name, acked: figures.acked, stored: figures.stored }).toEqual({ name, acked: figures.sent, stored: figures.sent });
    expect({ name, lost: figures.lost, duplicated: figures.duplicated, forbidden5xx: figures.forbidden5xx, noAck: figures.noAck, failures: figures.failures }).toEqual({
      name,
      lost: 0,
      duplicated: 0,
      forbidden5xx: 0,
      noAck: 0,
      failures: [],
    });
    expect(figures.maxAckMs).toBeLessThan(ZOOM_ACK_TIMEOUT_MS);
    expect(figures.drainMs).not.toBeNull();
  });

  it('drains the backlog of killed workers within 10 s of their restart', () => {
    const figures = scenarios.find((scenario) => scenario.name === 'worker-sigkill')!;
    expect(figures.drainLimitMs).toBe(10_000);
    expect(figures.drainMs).toBeLessThanOrEqual(10_000);
  });

  it('really broke things: deliveries to the killed http process and while PostgreSQL was down were refused and redelivered', () => {
    const byName = new Map(scenarios.map((scenario) => [scenario.name, scenario]));
    expect(byName.get('http-sigkill')!.redelivered).toBeGreaterThan(0);
    expect(byName.get('postgres-stop')!.refusedWhilePostgresDown).toBeGreaterThan(0);
    expect(byName.get('postgres-stop')!.redelivered).toBeGreaterThanOrEqual(byName.get('postgres-stop')!.refusedWhilePostgresDown);
  });

  it('answers every poison event 400 and stores none of them', () => {
    const { poison } = scenarios.find((scenario) => scenario.name === 'poison')!;
    expect(poison.sent).toBeGreaterThan(0);
    expect(poison.refused).toBe(poison.sent);
  });
});
