import { DataSource } from 'typeorm';
import { connectedStackForSuite, JORDAN_LEE } from './support/connected-stack';
import { eventually } from './support/eventually';

const CALL_FIELDS = 'id type direction result durationSeconds occurredAt counterpartNumber body contact { id } zoom { callId }';

interface CallActivity {
  id: string;
  type: string;
  direction: string;
  result: string;
  durationSeconds: number | null;
  occurredAt: string;
  counterpartNumber: string | null;
  body: string;
  contact: { id: string } | null;
  zoom: { callId: string };
}

/** Zoom's call history records as real Zoom writes them, checked end to end against the simulator's. */
describe('Zoom call records: every path, every result, only the required fields', () => {
  const stack = connectedStackForSuite({ colleagues: [{ email: 'admin@demo.test', role: 'admin' }], contact: JORDAN_LEE });

  const db = () => stack.api.app.get(DataSource);
  const placeCall = (body: Record<string, unknown>) =>
    stack.sim.control<{ callId: string }>('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', direction: 'inbound', counterpartNumber: '+14155550187', ...body });
  const allDelivered = () => eventually(() => stack.sim.control<Array<{ status: string }>>('GET', '/_sim/deliveries'), (deliveries) => deliveries.every((delivery) => delivery.status === 'delivered'), 30_000);
  /** The activities of a call once every delivery is in and the inbox has nothing left to process. */
  const settledActivitiesOf = async (callId: string): Promise<CallActivity[]> => {
    await allDelivered();
    await eventually(() => db().query(`SELECT count(*)::int AS n FROM webhook_inbox WHERE status IN ('received', 'processing')`), ([row]: Array<{ n: number }>) => row.n === 0, 30_000);
    const rows: Array<{ id: string }> = await db().query(`SELECT id FROM activities WHERE zoom->>'callId' = $1`, [callId]);
    return Promise.all(rows.map(async (row) => (await stack.api.graphql<{ activity: CallActivity }>(`query($id: ID!) { activity(id: $id) { ${CALL_FIELDS} } }`, { id: row.id }, stack.session)).data!.activity));
  };

  describe('a call queue call: two members ring unanswered (0 s), then the agent answers and talks 300 s', () => {
    it.each([
      { delivery: 'in one event', call: { splitPaths: false }, order: 'reverse' },
      { delivery: 'a path per event, in order', call: { splitPaths: true }, order: 'in_order' },
      { delivery: 'a path per event, answered path first', call: { splitPaths: true }, order: 'reverse' },
      { delivery: 'a path per event, shuffled and each twice', call: { splitPaths: true }, order: 'shuffled', duplicates: 1 },
    ])('is one CALL, ANSWERED, 300 s from its first ring, delivered $delivery', async ({ call, order, duplicates }) => {
      const { callId } = await placeCall({ outcome: 'answered', durationSeconds: 300, callQueueRings: 2, ...call, delivery: { order, duplicates: duplicates ?? 0 } });
      const activities = await settledActivitiesOf(callId);
      expect(activities).toEqual([expect.objectContaining({ type: 'CALL', direction: 'INBOUND', result: 'ANSWERED', durationSeconds: 300, counterpartNumber: '+14155550187', contact: { id: stack.contactId } })]);
      const [firstRing] = await db().query(`SELECT min(started_at) AS at FROM call_paths WHERE call_id = $1`, [callId]);
      expect(new Date(activities[0].occurredAt)).toEqual(firstRing.at);
      expect(await db().query(`SELECT result, duration_seconds FROM call_paths WHERE call_id = $1 AND source = 'history' ORDER BY started_at`, [callId])).toEqual([
        { result: 'MISSED', duration_seconds: 0 },
        { result: 'MISSED', duration_seconds: 0 },
        { result: 'ANSWERED', duration_seconds: 300 },
      ]);
    });
  });

  it("reads each of the spec's 20 results as intended, and an invented one as UNKNOWN with one warning per record, the event processed", async () => {
    const expected: Array<[string, 'inbound' | 'outbound', string]> = [
      ['answered', 'inbound', 'ANSWERED'],
      ['accepted', 'inbound', 'ANSWERED'],
      ['picked_up', 'inbound', 'ANSWERED'],
      ['connected', 'outbound', 'ANSWERED'],
      ['succeeded', 'outbound', 'ANSWERED'],
      ['voicemail', 'inbound', 'VOICEMAIL'],
      ['no_answer', 'inbound', 'MISSED'],
      ['ring_timeout', 'inbound', 'MISSED'],
      ['abandoned', 'inbound', 'MISSED'],
      ['overflowed', 'inbound', 'MISSED'],
      ['hang_up', 'inbound', 'MISSED'],
      ['canceled', 'outbound', 'CANCELLED'],
      ['rejected', 'inbound', 'REJECTED'],
      ['busy', 'outbound', 'BUSY'],
      ['call_failed', 'outbound', 'FAILED'],
      ['unconnected', 'outbound', 'FAILED'],
      ['invalid_key', 'inbound', 'FAILED'],
      ['invalid_operation', 'inbound', 'FAILED'],
      ['system_blocked', 'inbound', 'FAILED'],
      ['service_unavailable', 'outbound', 'FAILED'],
      ['teleported', 'inbound', 'UNKNOWN'],
    ];
    const placed = [];
    for (const [result, direction, activityResult] of expected) {
      const answered = activityResult === 'ANSWERED';
      // Each event delivered twice: a repeat is no second warning.
      const { callId } = await placeCall({ direction, result, outcome: answered ? 'answered' : 'missed', durationSeconds: answered ? 30 : 0, delivery: { duplicates: 1 } });
      placed.push({ result, callId, activityResult });
    }
    for (const { result, callId, activityResult } of placed) {
      const activities = await settledActivitiesOf(callId);
      expect({ result, activities: activities.map((activity) => activity.result) }).toEqual({ result, activities: [activityResult] });
    }
    const invented = placed.at(-1)!;
    const [history] = await db().query(`SELECT status, last_error FROM webhook_inbox WHERE event = 'phone.callee_call_history_completed' AND body::text LIKE $1`, [`%${invented.callId}%`]);
    expect(history).toEqual({ status: 'processed', last_error: null });
    // One warning per Zoom record naming the value: the call's v2 history item and its v3 call element.
    const warnings = stack.api.logLines.filter((line) => line.includes('"teleported"')).map((line) => JSON.parse(line));
    expect(warnings).toEqual([expect.objectContaining({ level: 40, callId: invented.callId, result: 'teleported' }), expect.objectContaining({ level: 40, callId: invented.callId, result: 'teleported' })]);
    expect((await settledActivitiesOf(placed[14].callId))[0].body).toBe('Failed call to Jordan Lee');
  });

  it('gives a record without `direction` the direction of the side the agent is on', async () => {
    const outbound = await placeCall({ direction: 'outbound', outcome: 'answered', durationSeconds: 42, omitFields: ['direction'] });
    const inbound = await placeCall({ direction: 'inbound', outcome: 'missed', omitFields: ['direction'] });
    expect(await settledActivitiesOf(outbound.callId)).toEqual([expect.objectContaining({ direction: 'OUTBOUND', result: 'ANSWERED', durationSeconds: 42, counterpartNumber: '+14155550187', contact: { id: stack.contactId } })]);
    expect(await settledActivitiesOf(inbound.callId)).toEqual([expect.objectContaining({ direction: 'INBOUND', result: 'MISSED', counterpartNumber: '+14155550187', contact: { id: stack.contactId } })]);
  });

  it('logs a record with only the fields the spec requires', async () => {
    const { callId } = await placeCall({ outcome: 'answered', durationSeconds: 20, minimal: true });
    expect(await settledActivitiesOf(callId)).toEqual([expect.objectContaining({ type: 'CALL', direction: 'INBOUND', result: 'ANSWERED', zoom: { callId } })]);
  });

  it('logs the valid record of an event beside a malformed one, which the health page lists', async () => {
    const users = await stack.sim.control<Array<{ id: string; email: string; accountId: string }>>('GET', '/_sim/users');
    const agent = users.find((user) => user.email === 'agent@demo.test')!;
    const callId = '7400000000000000042';
    const startTime = new Date(Date.now() - 120_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const valid = { id: 'hist-valid', call_path_id: 'path-valid', call_id: callId, result: 'answered', start_time: startTime, direction: 'inbound', caller_did_number: '+14155550187', talk_time: 61 };
    const malformed = { id: 'hist-malformed', call_path_id: 'path-malformed', result: 'answered', start_time: startTime };
    await stack.sim.control('POST', '/_sim/webhooks/send', { event: 'phone.callee_call_history_completed', payload: { account_id: agent.accountId, object: { user_id: agent.id, call_logs: [malformed, valid] } } });
    expect(await settledActivitiesOf(callId)).toEqual([expect.objectContaining({ result: 'ANSWERED', durationSeconds: 61, contact: { id: stack.contactId } })]);

    const admin = await stack.api.login('admin@demo.test');
    const health = await stack.api.graphql<{ integrationHealth: { failedEvents: Array<{ event: string; status: string; lastError: string }> } }>('{ integrationHealth { failedEvents { event status lastError } } }', {}, admin);
    expect(health.data!.integrationHealth.failedEvents).toEqual([
      { event: 'phone.callee_call_history_completed', status: 'processed_with_errors', lastError: expect.stringMatching(/^payload\.object\.call_logs\[0\] \(id hist-malformed\): call_id: /) },
    ]);
  });

  describe('v3 call elements', () => {
    const sourcesOf = async (callId: string) => (await db().query(`SELECT DISTINCT source FROM call_paths WHERE call_id = $1 ORDER BY source`, [callId])).map((row: { source: string }) => row.source);

    it('log the call by themselves, when Zoom sends no v2 history', async () => {
      const { callId } = await placeCall({ outcome: 'answered', durationSeconds: 95, drop: ['phone.callee_call_history_completed'] });
      expect(await settledActivitiesOf(callId)).toEqual([expect.objectContaining({ type: 'CALL', direction: 'INBOUND', result: 'ANSWERED', durationSeconds: 95, contact: { id: stack.contactId } })]);
      expect(await sourcesOf(callId)).toEqual(['element']);
    });

    it('merge a queue call split over events, shuffled, into one call', async () => {
      const { callId } = await placeCall({ outcome: 'answered', durationSeconds: 300, callQueueRings: 2, splitPaths: true, drop: ['phone.callee_call_history_completed'], delivery: { order: 'shuffled' } });
      expect(await settledActivitiesOf(callId)).toEqual([expect.objectContaining({ result: 'ANSWERED', durationSeconds: 300 })]);
    });

    it('and the v2 history of the same call_id make one activity, read from the history', async () => {
      const { callId } = await placeCall({ outcome: 'answered', durationSeconds: 300, callQueueRings: 1, splitPaths: true, delivery: { order: 'shuffled', duplicates: 1 } });
      expect(await settledActivitiesOf(callId)).toEqual([expect.objectContaining({ result: 'ANSWERED', durationSeconds: 300, contact: { id: stack.contactId } })]);
      expect(await sourcesOf(callId)).toEqual(['element', 'history']);
    });
  });

  it('keeps an internal call out of Unmatched and off contacts', async () => {
    const { callId } = await placeCall({ direction: 'internal', counterpartNumber: '1002', outcome: 'answered', durationSeconds: 15 });
    expect(await settledActivitiesOf(callId)).toEqual([expect.objectContaining({ direction: 'INTERNAL', contact: null })]);
    const unmatched = await stack.api.graphql<{ unmatchedActivities: { edges: Array<{ node: { zoom: { callId: string } | null } }> } }>('{ unmatchedActivities(first: 100) { edges { node { zoom { callId } } } } }', {}, stack.session);
    expect(unmatched.data!.unmatchedActivities.edges.map((edge) => edge.node.zoom?.callId)).not.toContain(callId);
  });

  it('brings in a backfill page with a malformed record: the others logged once, the bad one counted', async () => {
    // Calls made while Switchboard was not listening: only "Sync calls" can find them.
    const webhookUrl = `${stack.api.url}/webhooks/zoom`;
    await stack.sim.control('POST', '/_sim/config', { webhookUrl: 'http://127.0.0.1:9/webhooks/zoom' });
    const queued = await placeCall({ outcome: 'answered', durationSeconds: 300, callQueueRings: 2 });
    const broken = await placeCall({ outcome: 'answered', durationSeconds: 10, omitFields: ['call_id'] });
    await stack.sim.control('POST', '/_sim/config', { webhookUrl });
    const sync = () => stack.api.graphql<{ callSync: { status: string; rejected: number } }>('{ callSync { status rejected } }', {}, stack.session);
    await stack.api.graphql('mutation { syncZoomCalls { status } }', {}, stack.session);
    const done = await eventually(sync, (result) => result.data?.callSync.status === 'DONE', 30_000);
    expect(done.data!.callSync.rejected).toBe(1);
    const activities = await db().query(`SELECT result, duration_seconds, contact_id FROM activities WHERE zoom->>'callId' = $1`, [queued.callId]);
    expect(activities).toEqual([{ result: 'ANSWERED', duration_seconds: 300, contact_id: stack.contactId }]);
    expect(await db().query(`SELECT count(*)::int AS n FROM activities WHERE zoom->>'callId' = $1`, [broken.callId])).toEqual([{ n: 0 }]);
  });
});
