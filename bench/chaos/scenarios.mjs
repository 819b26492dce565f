// The faults the chaos suite replays, each under a steady load of Zoom webhooks of its own. A scenario delivers its
// events, breaks what it breaks a third of the way in, repairs it, and says when the repaired part was back up (the
// drain is timed from then) and which failed deliveries its fault excuses; the counting and the verdict are the runner's.
import { setTimeout as delay } from 'node:timers/promises';
import { attackUntil } from './graphql-attack.mjs';

/** How far into the load (a fraction of it) the fault strikes. */
const FAULT_AT = 0.3;
/**
 * Deliveries that began this long after a repair are no longer excused: connections cut by PostgreSQL's shutdown
 * surface in the api's pools on their next use, and a process just restarted may still refuse its first connection.
 */
const REPAIR_GRACE_MS = 2000;
/** Issue 16's promise: the backlog killed workers leave is processed within this of the restarted workers being up. */
const WORKER_RESTART_DRAIN_LIMIT_MS = 10_000;
const DUPLICATE_COPIES = 5;
/**
 * The duplicates go out at twice the scenario's rate, not five times: what is tested is that copies and reorderings
 * make one row, and an event's copies still arrive within a few seconds of each other, on both processes, some at once.
 */
const DUPLICATE_DELIVERY_SPEEDUP = 2;
/** Calls whose events are shuffled together: each call's events (and copies) arrive in any order, among others'. */
const SHUFFLED_CALLS = 4;
/** One event in this many of the poison scenario's load is poison. */
const POISON_EVERY = 10;

const shuffle = (items) => {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = Math.floor(Math.random() * (index + 1));
    [items[index], items[other]] = [items[other], items[index]];
  }
  return items;
};

/** The steady load of a scenario: a new answered call per webhook. */
const callLoad = ({ calls, profile }) => Array.from({ length: profile.rate * profile.loadSeconds }, calls.answeredCall);

/**
 * Delivers the load; a third of the way in, `breakIt()`; `outageSeconds` later, `repair()`. The drain is timed from
 * the moment the repaired part is back up (a restarted process ready, a server answering), as an operator sees it.
 */
async function loadWithFault(context, { breakIt, repair }) {
  const { sender, profile } = context;
  const events = callLoad(context);
  const startedAt = Date.now();
  const delivering = sender.deliverSteadily(events, profile.rate);
  await delay(profile.loadSeconds * 1000 * FAULT_AT);
  const brokenAt = Date.now();
  await breakIt();
  await delay(profile.outageSeconds * 1000);
  const repairedAt = Date.now();
  await repair();
  const backAt = Date.now();
  context.repaired(backAt, events);
  const secondsIn = (at) => ((at - startedAt) / 1000).toFixed(1);
  context.note(`broken ${secondsIn(brokenAt)} s into the load, repair begun ${secondsIn(repairedAt)} s in, back ${secondsIn(backAt)} s in`);
  const backlog = await context.backlog();
  if (backlog !== null) context.note(`${backlog} events stored but not yet processed when it was back`);
  await delivering;
  return { events, brokenAt, repairedAt, backAt };
}

export const SCENARIOS = [
  {
    name: 'baseline',
    title: 'baseline (no fault)',
    async run(context) {
      const events = callLoad(context);
      await context.sender.deliverSteadily(events, context.profile.rate);
      return events;
    },
  },
  {
    name: 'worker-sigkill',
    title: 'both workers SIGKILLed mid-load, restarted',
    drainLimitMs: WORKER_RESTART_DRAIN_LIMIT_MS,
    async run(context) {
      const { stack } = context;
      const { events, repairedAt, backAt } = await loadWithFault(context, { breakIt: stack.killWorkers, repair: stack.startWorkers });
      context.note(`the restarted workers took ${((backAt - repairedAt) / 1000).toFixed(1)} s to boot; the drain is timed from then`);
      return events;
    },
  },
  {
    name: 'http-sigkill',
    title: 'one http process SIGKILLed mid-load, restarted',
    async run(context) {
      const { stack } = context;
      const { events, brokenAt, backAt } = await loadWithFault(context, { breakIt: () => stack.killHttp(1), repair: () => stack.startHttp(1) });
      context.excuse({ kind: 'process-killed', target: stack.httpUrls[1], from: brokenAt, to: backAt + REPAIR_GRACE_MS });
      return events;
    },
  },
  {
    name: 'redis-stop',
    title: 'Redis stopped mid-load, back empty',
    async run(context) {
      const { stack } = context;
      const { events } = await loadWithFault(context, { breakIt: stack.redis.stop, repair: stack.redis.start });
      return events;
    },
  },
  {
    name: 'postgres-stop',
    title: 'PostgreSQL stopped mid-load, restarted',
    async run(context) {
      const { stack } = context;
      const { events, brokenAt, backAt } = await loadWithFault(context, { breakIt: stack.postgres.stop, repair: stack.postgres.start });
      context.excuse({ kind: 'postgres-down', from: brokenAt, to: backAt + REPAIR_GRACE_MS });
      return events;
    },
  },
  {
    name: 'duplicates',
    title: 'duplicates (5x), reordered, caller and callee legs, every event shape',
    async run({ calls, sender, profile }) {
      const events = Array.from({ length: profile.duplicatedCalls }, (_, index) => calls.everyEventOfACall(index % 2 ? 'caller' : 'callee'));
      const deliveries = [];
      for (let start = 0; start < events.length; start += SHUFFLED_CALLS) {
        deliveries.push(...shuffle(events.slice(start, start + SHUFFLED_CALLS).flatMap((callEvents) => callEvents.flatMap((event) => Array(DUPLICATE_COPIES).fill(event)))));
      }
      await sender.deliverSteadily(deliveries, profile.rate * DUPLICATE_DELIVERY_SPEEDUP);
      return events.flat();
    },
  },
  {
    name: 'poison',
    title: 'poison events (\\u0000, lone surrogate, 10,000-deep JSON) among valid ones',
    async run(context) {
      const { calls, sender, profile } = context;
      const kinds = Object.values(calls.poison);
      const events = callLoad(context).flatMap((event, index) => (index % POISON_EVERY === POISON_EVERY - 1 ? [event, kinds[Math.floor(index / POISON_EVERY) % kinds.length]()] : [event]));
      await sender.deliverSteadily(events, profile.rate);
      return events;
    },
  },
  {
    name: 'graphql-attack',
    title: 'GraphQL cost attack (2 x 1,000 aliases, repeated) during the load',
    async run(context) {
      const { stack, sender, profile } = context;
      const events = callLoad(context);
      const delivering = sender.deliverSteadily(events, profile.rate);
      const attack = await attackUntil(delivering, { targets: stack.httpUrls, token: stack.agentToken });
      await delivering;
      const others = [...attack.outcomes].filter(([outcome]) => outcome !== 'refused');
      context.note(`${attack.sent} attack requests, ${attack.refused} refused by the limits (slowest answer ${attack.slowestMs} ms)`);
      if (others.length > 0) context.fail(`attack requests not refused: ${others.map(([outcome, count]) => `${count} x ${outcome}`).join(', ')}`);
      return events;
    },
  },
];
