// Zoom's phone events about calls of the connected agent, built from the project's fixtures (Zoom's shapes). Every
// call has its own call_id and every event its own event_ts, unique in the run: that is how the counts find each
// event's inbox row (by event and event_ts, not by the api's own dedupe key) and each call's activity (by call id).
import { zoomFixture } from '../lib/zoom-webhooks.mjs';

/** What Zoom sends about one call of the agent, by the agent's leg: real-time progress, then its records in three versions. */
const REALTIME = { caller: ['caller_ringing', 'caller_connected', 'caller_ended'], callee: ['callee_ringing', 'callee_answered', 'callee_ended'] };
const RECORDS = ['call_element_completed', 'call_history_completed', 'call_log_completed'];
/** The ids of a call's records in the fixtures, made the call's own so that no two calls share a path. */
const RECORD_IDS = ['id', 'call_path_id', 'call_element_id', 'call_history_uuid'];
const OTHER_LEG = { caller: 'callee', callee: 'caller' };

/** Far deeper than any Zoom event (a handful of levels) and the api's limit (64): a hostile sender's, in 20 KB. */
const POISON_DEPTH = 10_000;

export function createCallFactory(zoomUser) {
  let calls = 0;
  let events = 0;
  const firstTs = Date.now();

  /** A new call: inbound when the agent is the callee (the usual case), outbound when the agent placed it. */
  const newCall = (leg = 'callee') => {
    calls += 1;
    return { callId: String(7_300_000_000_000_000_000n + BigInt(calls)), leg, number: `+1415555${String(2000 + (calls % 8000)).padStart(4, '0')}` };
  };
  /** Signed later, by the sender; `valid` events count as sent, the others must be refused. */
  const event = (call, body, { valid = true } = {}) => ({ name: body.event, ts: body.event_ts, callId: call.callId, valid, body: JSON.stringify(body) });
  const fixtureFor = (call, name) => {
    const body = zoomFixture(`phone.${name}`);
    events += 1;
    body.event_ts = firstTs + events;
    body.payload.account_id = zoomUser.accountId;
    return body;
  };

  /** A real-time event: the agent's leg carries their user id, the other leg the counterpart's number. */
  const realtime = (call, name) => {
    const body = fixtureFor(call, name);
    const object = body.payload.object;
    object.call_id = call.callId;
    object[call.leg].user_id = zoomUser.id;
    object[OTHER_LEG[call.leg]].phone_number = call.number;
    object[OTHER_LEG[call.leg]].extension_number = Number(call.number.slice(1));
    return body;
  };

  /** A finished call's record in one of Zoom's three versions (v3 element, v2 history, legacy log). */
  const record = (call, version) => {
    const body = fixtureFor(call, `${call.leg}_${version}`);
    const object = body.payload.object;
    object.user_id = zoomUser.id;
    const item = (object.call_logs ?? object.call_elements)[0];
    item.call_id = call.callId;
    for (const key of RECORD_IDS) if (item[key]) item[key] = `${item[key]}-${call.callId}`;
    const other = OTHER_LEG[call.leg];
    item[`${other}_did_number`] = call.number;
    if (`${other}_number` in item) item[`${other}_number`] = call.number;
    if (`${call.leg}_user_id` in item) item[`${call.leg}_user_id`] = zoomUser.id;
    return body;
  };

  return {
    /** One new inbound call, told by its v2 call history record: one event, one inbox row, one activity. */
    answeredCall: () => {
      const call = newCall();
      return event(call, record(call, 'call_history_completed'));
    },
    /** Every event Zoom sends about one new call, the agent on the `leg` side: six events, one activity. */
    everyEventOfACall: (leg) => {
      const call = newCall(leg);
      return [...REALTIME[leg].map((name) => event(call, realtime(call, name))), ...RECORDS.map((version) => event(call, record(call, version)))];
    },
    /** Signed events PostgreSQL can never store, each about a call of its own; the api must answer each with 400. */
    poison: {
      nul: () => {
        const call = newCall();
        const body = record(call, 'call_history_completed');
        body.payload.object.call_logs[0].caller_name = 'Mallory\u0000Poison';
        return event(call, body, { valid: false });
      },
      loneSurrogate: () => {
        const call = newCall();
        const body = record(call, 'call_history_completed');
        body.payload.object.call_logs[0].caller_name = 'Mallory\ud800Poison';
        return event(call, body, { valid: false });
      },
      deep: () => {
        const call = newCall();
        const poisoned = event(call, record(call, 'call_history_completed'), { valid: false });
        // Written as text: JSON.stringify itself gives up long before such depths.
        poisoned.body = poisoned.body.replace('"call_type":"general"', `"call_type":"general","extra":${'['.repeat(POISON_DEPTH)}${']'.repeat(POISON_DEPTH)}`);
        return poisoned;
      },
    },
  };
}
