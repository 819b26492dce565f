// Runs one scenario on the stack: its load and fault, the drain, the counts in PostgreSQL, its figures; then puts back
// whatever the scenario left broken, so that the next one starts whole.
import { countUnfinished, readStored, waitForDrain } from './stored-events.mjs';
import { scenarioFigures } from './report.mjs';
import { createZoomSender } from './zoom-sender.mjs';

/**
 * How long the suite waits for the backlog after the load. Redis coming back empty is the slowest case: rows whose
 * job was lost are queued again by the inbox sweeper, which waits 15 s for a row to be picked up and sweeps every 10 s.
 */
const DRAIN_TIMEOUT_MS = 60_000;

export async function runScenario(stack, scenario, { calls, profile }) {
  const started = Date.now();
  const sender = createZoomSender({ targets: stack.httpUrls, secret: stack.webhookSecret });
  const crashesBefore = stack.crashes.length;
  const excuses = [];
  const notes = [];
  const failures = [];
  let drain = null;
  const startDrain = (receivedUpTo, events) => waitForDrain(stack.db, events.filter((event) => event.valid), { receivedUpTo, timeoutMs: DRAIN_TIMEOUT_MS });

  const events = await scenario.run({
    stack,
    sender,
    calls,
    profile,
    excuse: (window) => excuses.push(window),
    note: (text) => notes.push(text),
    fail: (reason) => failures.push(reason),
    // null when the suite's own connection has not recovered yet (PostgreSQL just restarted): a note, not a figure.
    backlog: () => countUnfinished(stack.db).catch(() => null),
    // Timed from the repair while the load goes on: the backlog it left may well be gone before the load ends.
    repaired: (at, repairedEvents) => (drain = startDrain(at, repairedEvents)),
  });
  const drainMs = await (drain ?? startDrain(Date.now(), events));
  // Everything delivered must be processed before it is counted (the drain above may concern only part of it).
  const drained = (await startDrain(Date.now(), events)) !== null;
  const stored = await readStored(stack.db, events);
  const crashes = stack.crashes.slice(crashesBefore);
  await stack.heal();
  const figures = scenarioFigures({ scenario, events, attempts: sender.attempts, excuses, stored, drainMs, drained, crashes, failures, notes, seconds: (Date.now() - started) / 1000 });
  if (figures.failed) figures.warnings = stack.recentWarnings();
  return figures;
}
