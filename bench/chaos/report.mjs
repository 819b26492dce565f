// A scenario's figures and verdict from what the sender saw and what PostgreSQL holds, and the tables they print in.
import { percentile } from '../lib/stack.mjs';
import { eventKey } from './stored-events.mjs';

const isSuccess = (status) => status >= 200 && status < 300;
const inSeconds = (ms) => (ms === null ? 'not drained' : (ms / 1000).toFixed(1));
const overlaps = (attempt, window) => attempt.startedAt <= window.to && attempt.startedAt + attempt.ms >= window.from;
/** An attempt failed within a window its scenario's fault explains (on the process it names, if it names one). */
const excused = (attempt, excuses, kinds) => excuses.some((window) => kinds.includes(window.kind) && (!window.target || window.target === attempt.target) && overlaps(attempt, window));

/**
 * Counting (docs/benchmarks.md, "Chaos suite", says what each figure means):
 * - sent: distinct valid events; acked: those that got a 2xx at least once;
 * - stored: those whose inbox row was processed and whose call has its activity; lost = sent - stored;
 * - duplicated: inbox rows beyond one per event, and activities beyond one per call;
 * - 5xx: answers of 500 and above to a valid event, but for those while PostgreSQL was down, which are counted apart:
 *   the intake cannot store without PostgreSQL, so it refuses, and Zoom delivers again later;
 * - no ack in 3 s: attempts that timed out or whose connection failed, but for those on a process the scenario had
 *   killed (or while PostgreSQL was down); each of those is delivered again, as every failed attempt is (redelivered).
 */
export function scenarioFigures({ scenario, events, attempts, excuses, stored, drainMs, drained, crashes, failures, notes, seconds }) {
  const valid = events.filter((event) => event.valid);
  const poison = events.filter((event) => !event.valid);
  const acked = new Set();
  const ackMs = [];
  let forbidden5xx = 0;
  let refusedWhilePostgresDown = 0;
  let refused4xx = 0;
  let noAck = 0;
  /** Per failure and process ("timeout from http://127.0.0.1:21001"), with when the first and last began: for a failed run. */
  const noAckKinds = new Map();
  let redelivered = 0;
  const scenarioStart = Math.min(...attempts.map((attempt) => attempt.startedAt));
  for (const attempt of attempts.filter(({ event }) => event.valid)) {
    if (attempt.attempt > 0) redelivered += 1;
    if (isSuccess(attempt.status)) {
      acked.add(eventKey(attempt.event));
      ackMs.push(attempt.ms);
    } else if (attempt.status >= 500) {
      if (excused(attempt, excuses, ['postgres-down'])) refusedWhilePostgresDown += 1;
      else forbidden5xx += 1;
    } else if (attempt.status !== undefined) {
      refused4xx += 1;
    } else if (!excused(attempt, excuses, ['postgres-down', 'process-killed'])) {
      noAck += 1;
      const kind = `${attempt.error} from ${attempt.target}`;
      const at = (attempt.startedAt - scenarioStart) / 1000;
      const seen = noAckKinds.get(kind) ?? { count: 0, first: at, last: at };
      noAckKinds.set(kind, { count: seen.count + 1, first: Math.min(seen.first, at), last: Math.max(seen.last, at) });
    }
  }
  const storedEvents = valid.filter((event) => stored.inbox.get(eventKey(event))?.statuses.includes('processed') && stored.activities.get(event.callId) >= 1);
  const extraRows = valid.reduce((sum, event) => sum + Math.max(0, (stored.inbox.get(eventKey(event))?.rows ?? 0) - 1), 0);
  const extraActivities = [...new Set(valid.map((event) => event.callId))].reduce((sum, callId) => sum + Math.max(0, (stored.activities.get(callId) ?? 0) - 1), 0);
  const poisonRefused = poison.filter((event) => attempts.filter((attempt) => attempt.event === event).every((attempt) => attempt.status === 400));
  const poisonKept = poison.filter((event) => stored.activities.get(event.callId) || stored.inbox.get(eventKey(event))?.statuses.some((status) => status !== 'rejected'));
  ackMs.sort((a, b) => a - b);

  const figures = {
    name: scenario.name,
    title: scenario.title,
    sent: valid.length,
    acked: acked.size,
    stored: storedEvents.length,
    lost: valid.length - storedEvents.length,
    duplicated: extraRows + extraActivities,
    forbidden5xx,
    refusedWhilePostgresDown,
    redelivered,
    noAck,
    maxAckMs: ackMs.at(-1) ?? null,
    p99AckMs: ackMs.length ? percentile(ackMs, 99) : null,
    drainMs,
    drainLimitMs: scenario.drainLimitMs ?? null,
    poison: { sent: poison.length, refused: poisonRefused.length },
    seconds,
    notes: [...notes],
    failures: [...failures],
  };
  const fail = (reason) => figures.failures.push(reason);
  if (figures.lost > 0) fail(`${figures.lost} lost`);
  if (figures.duplicated > 0) fail(`${figures.duplicated} duplicated (${extraRows} inbox rows, ${extraActivities} activities)`);
  if (forbidden5xx > 0) fail(`${forbidden5xx} answers of 5xx to valid events`);
  if (refused4xx > 0) fail(`${refused4xx} answers of 4xx to valid events`);
  if (noAck > 0) {
    const kinds = [...noAckKinds].map(([kind, { count, first, last }]) => `${count} x ${kind}, begun ${first.toFixed(1)}-${last.toFixed(1)} s in`);
    fail(`${noAck} deliveries not answered within 3 s (${kinds.join('; ')})`);
  }
  if (poisonRefused.length < poison.length) fail(`${poison.length - poisonRefused.length} poison events not answered 400`);
  if (poisonKept.length > 0) fail(`${poisonKept.length} poison events stored or logged`);
  if (drainMs === null) fail('the backlog was not drained');
  else if (figures.drainLimitMs !== null && drainMs > figures.drainLimitMs) fail(`drained in ${inSeconds(drainMs)} s, over ${figures.drainLimitMs / 1000} s`);
  if (!drained) fail('events still unprocessed when the suite stopped waiting');
  for (const crash of crashes) fail(`${crash.label} exited by itself (${crash.how})`);
  if (poison.length > 0) figures.notes.push(`${poison.length} poison events, ${poisonRefused.length} answered 400, none stored`);
  figures.failed = figures.failures.length > 0;
  return figures;
}

const orDash = (value) => value ?? '-';

const COLUMNS = [
  ['scenario', (f) => f.title],
  ['sent', (f) => f.sent],
  ['acked', (f) => f.acked],
  ['stored', (f) => f.stored],
  ['lost', (f) => f.lost],
  ['duplicated', (f) => f.duplicated],
  ['5xx', (f) => f.forbidden5xx],
  ['refused, PostgreSQL down', (f) => f.refusedWhilePostgresDown],
  ['redelivered', (f) => f.redelivered],
  ['no ack in 3 s', (f) => f.noAck],
  ['max ack ms', (f) => orDash(f.maxAckMs)],
  ['p99 ack ms', (f) => orDash(f.p99AckMs)],
  ['drain s', (f) => inSeconds(f.drainMs)],
  ['result', (f) => (f.failed ? `FAILED: ${f.failures.join('; ')}` : 'ok')],
];

/** The markdown table docs/benchmarks.md keeps, then each scenario's notes. */
export function formatReport(allFigures) {
  const lines = [`| ${COLUMNS.map(([name]) => name).join(' | ')} |`, `|${COLUMNS.map(() => '---').join('|')}|`];
  for (const figures of allFigures) lines.push(`| ${COLUMNS.map(([, value]) => value(figures)).join(' | ')} |`);
  for (const figures of allFigures) if (figures.notes.length > 0) lines.push(`- ${figures.title}: ${figures.notes.join('; ')}.`);
  return lines.join('\n');
}

/** One row per scenario for bench/run.mjs's table. */
export function benchRows(allFigures) {
  return allFigures.map((figures) => ({
    benchmark: `chaos suite: ${figures.title}`,
    metric: 'lost / duplicated / 5xx / no ack in 3 s / max ack / drain',
    value: `${figures.lost} / ${figures.duplicated} / ${figures.forbidden5xx} / ${figures.noAck} / ${orDash(figures.maxAckMs)} ms / ${inSeconds(figures.drainMs)}${figures.drainMs === null ? '' : ' s'}`,
    target: `0 / 0 / 0 / 0 / < 3000 ms${figures.drainLimitMs === null ? '' : ` / <= ${figures.drainLimitMs / 1000} s`}`,
    note: `${figures.sent} events sent, ${figures.stored} stored, ${figures.redelivered} redelivered${figures.refusedWhilePostgresDown ? `, ${figures.refusedWhilePostgresDown} refused while PostgreSQL was down` : ''}${figures.failed ? `; FAILED: ${figures.failures.join('; ')}` : ''}`,
    failed: figures.failed,
  }));
}
