// A missed call from a contact -> its "Call back" task on the agent's Today view, and the call back -> the task
// closed. The simulator places each call and posts its signed phone.* webhooks to the real api (role "all"); timed
// from the request to the simulator until the agent's `taskChanged` subscriber hears the task opened, then closed.
import { percentile } from './lib/stack.mjs';
import { startZoomAgent, waitUntil } from './lib/zoom-agent.mjs';

const ROUNDS = 50;
const WARMUP = 5;
const CONTACT_NUMBER = '4155550106';
/** Zoom dates a call by its start: the call back must start after the missed call for it to close the task. */
const BETWEEN_CALLS_MS = 1_100;

export async function run() {
  const agent = await startZoomAgent({ webhooks: true });
  try {
    const { sim } = agent;
    const heard = [];
    await agent.subscribe('subscription { taskChanged { id title completedAt source } }', {}, (data) => heard.push({ at: Date.now(), task: data.taskChanged }));
    const placeCall = (call) => sim.control('POST', '/_sim/phone/calls', { userEmail: agent.zoomUser.email, counterpartNumber: CONTACT_NUMBER, ...call });
    const heardAfter = (index, matches, what) => waitUntil(() => heard.slice(index).find(({ task }) => matches(task)), { timeoutMs: 10_000, what });

    const opened = [];
    const closed = [];
    for (let round = 0; round < ROUNDS + WARMUP; round += 1) {
      let from = heard.length;
      let started = Date.now();
      await placeCall({ direction: 'inbound', outcome: 'missed' });
      const open = await heardAfter(from, (task) => task.source === 'MISSED_CALL' && task.title.startsWith('Call back') && !task.completedAt, `round ${round}'s call-back task`);
      if (round >= WARMUP) opened.push(open.at - started);

      await new Promise((resolve) => setTimeout(resolve, BETWEEN_CALLS_MS));
      from = heard.length;
      started = Date.now();
      await placeCall({ direction: 'outbound', outcome: 'answered', durationSeconds: 1 });
      const done = await heardAfter(from, (task) => task.id === open.task.id && task.completedAt, `round ${round}'s task closed by the call back`);
      if (round >= WARMUP) closed.push(done.at - started);
    }
    opened.sort((a, b) => a - b);
    closed.sort((a, b) => a - b);
    const note = (values) => `p50 ${percentile(values, 50)} ms, max ${values.at(-1)} ms over ${ROUNDS} calls (after ${WARMUP} of warm-up), one at a time, from the request to the simulator (which signs and posts Zoom's phone.* events) to taskChanged; api role "all"`;
    return [
      { benchmark: 'Missed call from a contact -> "Call back" task on a subscribed client', metric: 'p95 latency', value: `${percentile(opened, 95)} ms`, target: '<= 1000 ms', note: note(opened) },
      { benchmark: 'Answered call back -> that task closed on a subscribed client', metric: 'p95 latency', value: `${percentile(closed, 95)} ms`, target: '<= 1000 ms', note: note(closed) },
    ];
  } finally {
    await agent.stop();
  }
}
