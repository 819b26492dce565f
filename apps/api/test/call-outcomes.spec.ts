import { DataSource } from 'typeorm';
import { connectedStackForSuite, JORDAN_LEE } from './support/connected-stack';
import { eventually } from './support/eventually';
import { withWebhooksHeld } from './support/held-webhooks';
import { collect } from './support/test-api';

const CALL_FIELDS = 'id type direction result durationSeconds counterpartNumber body disposition notes occurredAt contact { id } owner { id } zoom { callId }';
const DEFAULTS = ['Connected', 'Left voicemail', 'No answer', 'Wrong number', 'Not interested', 'Appointment set', 'Follow-up'];

interface SimCall {
  callId: string;
  deliveryIds: string[];
}

describe('call outcomes and notes: on Zoom\u2019s calls, from the softphone, and on calls logged by hand', () => {
  const stack = connectedStackForSuite({ contact: JORDAN_LEE, colleagues: [{ email: 'admin@demo.test', role: 'admin' }] });
  let adminSession: string;
  beforeAll(async () => {
    adminSession = await stack.api.login('admin@demo.test');
  });

  const gql = <T = any>(query: string, variables: Record<string, unknown> = {}, token = stack.session) => stack.api.graphql<T>(query, variables, token);
  const dispositions = async (token = stack.session) => (await gql<{ callDispositions: string[] }>('{ callDispositions }', {}, token)).data!.callDispositions;
  const setDispositions = (values: string[], token = adminSession) => gql<{ setCallDispositions: string[] }>('mutation($v: [String!]!) { setCallDispositions(values: $v) }', { v: values }, token);
  const updateCallLog = (variables: Record<string, unknown>) =>
    gql<{ updateCallLog: any }>(`mutation($a: ID!, $d: String, $n: String) { updateCallLog(activityId: $a, disposition: $d, notes: $n) { ${CALL_FIELDS} } }`, variables);
  const recordSoftphoneCall = (input: Record<string, unknown>) => gql<{ recordSoftphoneCall: any }>(`mutation($input: SoftphoneCallInput!) { recordSoftphoneCall(input: $input) { ${CALL_FIELDS} } }`, { input });
  const logCall = (input: Record<string, unknown>) => gql<{ logCall: any }>(`mutation($input: LogCallInput!) { logCall(input: $input) { ${CALL_FIELDS} } }`, { input });
  const activity = async (id: string) => (await gql<{ activity: any }>(`query($id: ID!) { activity(id: $id) { ${CALL_FIELDS} } }`, { id })).data!.activity;
  const rowsOfCall = (callId: string) => stack.api.app.get(DataSource).query(`SELECT id FROM activities WHERE zoom->>'callId' = $1`, [callId]) as Promise<Array<{ id: string }>>;
  const call = (body: Record<string, unknown>) =>
    stack.sim.control<SimCall>('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', direction: 'inbound', counterpartNumber: '+14155550187', counterpartName: 'JORDAN LEE', outcome: 'answered', ...body });
  const loggedCall = async (callId: string) => {
    const [row] = await eventually(() => rowsOfCall(callId), (rows) => rows.length === 1);
    return eventually(() => activity(row.id), (found) => found.result !== null);
  };
  const allDelivered = () => eventually(() => stack.sim.control<{ status: string }[]>('GET', '/_sim/deliveries'), (deliveries) => deliveries.every((delivery) => delivery.status === 'delivered'));
  const refusal = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => result.errors?.[0]?.extensions;

  it('offers the real-estate outcomes until an admin edits them; an agent may not', async () => {
    expect(await dispositions()).toEqual(DEFAULTS);
    expect(refusal(await setDispositions(['Sold'], stack.session))).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(await setDispositions([]))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'values' });
    expect(refusal(await setDispositions(['Connected', ' connected ']))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'values' });
    expect(refusal(await setDispositions(['Connected', 'x'.repeat(61)]))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'values' });
    expect(await dispositions()).toEqual(DEFAULTS);

    const edited = ['Appointment set', ' Connected ', 'Left voicemail', 'Wrong number', 'Offer discussed'];
    expect((await setDispositions(edited)).data!.setCallDispositions).toEqual(['Appointment set', 'Connected', 'Left voicemail', 'Wrong number', 'Offer discussed']);
    expect(await dispositions()).toEqual(['Appointment set', 'Connected', 'Left voicemail', 'Wrong number', 'Offer discussed']);
  });

  it('puts an agent\u2019s outcome and notes on a call Zoom logged, live on a second open timeline', async () => {
    const { callId } = await call({ durationSeconds: 95 });
    const logged = await loggedCall(callId);
    expect(logged).toMatchObject({ disposition: null, notes: null, contact: { id: stack.contactId } });

    // A second tab (the admin's) watching the contact's timeline.
    const updates = collect<{ activityUpdated: { id: string; disposition: string | null; notes: string | null } }>(
      stack.api.subscribe(adminSession),
      'subscription($c: ID) { activityUpdated(contactId: $c) { id disposition notes } }',
      { c: stack.contactId },
    );
    await updates.ready;
    const updated = await updateCallLog({ a: logged.id, d: 'appointment SET', n: '  Wants a second showing of 12 Alder St on Saturday.  ' });
    // The list's own spelling, and the notes trimmed.
    expect(updated.data!.updateCallLog).toMatchObject({ id: logged.id, disposition: 'Appointment set', notes: 'Wants a second showing of 12 Alder St on Saturday.', result: 'ANSWERED', durationSeconds: 95 });
    expect(await updates.done).toEqual([{ activityUpdated: { id: logged.id, disposition: 'Appointment set', notes: 'Wants a second showing of 12 Alder St on Saturday.' } }]);
    expect(await activity(logged.id)).toMatchObject({ disposition: 'Appointment set', notes: 'Wants a second showing of 12 Alder St on Saturday.' });

    // Notes are found by a search of the timeline.
    const found = await gql<{ activities: { edges: { node: { id: string } }[] } }>('query($s: String) { activities(search: $s) { edges { node { id } } } }', { s: 'second showing' });
    expect(found.data!.activities.edges.map((edge) => edge.node.id)).toEqual([logged.id]);

    // A left-out argument stays; null clears.
    expect((await updateCallLog({ a: logged.id, n: null })).data!.updateCallLog).toMatchObject({ disposition: 'Appointment set', notes: null });
    expect((await gql(`mutation($a: ID!) { updateCallLog(activityId: $a, disposition: null) { disposition notes } }`, { a: logged.id })).data!.updateCallLog).toEqual({ disposition: null, notes: null });
  });

  it('refuses an outcome not on the list, overlong notes, and anything but a call, naming the field', async () => {
    const { callId } = await call({ outcome: 'missed' });
    const logged = await loggedCall(callId);
    expect(refusal(await updateCallLog({ a: logged.id, d: 'Sold the house' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'disposition' });
    expect(refusal(await updateCallLog({ a: logged.id, n: 'x'.repeat(10_001) }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'notes' });
    const note = (await gql<{ addNote: { id: string } }>('mutation($c: ID!) { addNote(contactId: $c, body: "Prefers texts") { id } }', { c: stack.contactId })).data!.addNote;
    expect(refusal(await updateCallLog({ a: note.id, d: 'Connected' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'activityId' });
    expect(refusal(await updateCallLog({ a: '00000000-0000-4000-8000-000000000000', d: 'Connected' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await activity(logged.id)).toMatchObject({ disposition: null, notes: null });
  });

  it('keeps a call\u2019s outcome when an admin takes it off the list, and lets the agent change only the notes', async () => {
    const { callId } = await call({ durationSeconds: 30 });
    const logged = await loggedCall(callId);
    await updateCallLog({ a: logged.id, d: 'Wrong number' });
    const list = await dispositions();
    await setDispositions(list.filter((value) => value !== 'Wrong number'));
    expect((await updateCallLog({ a: logged.id, n: 'Dialled the old number' })).data!.updateCallLog).toMatchObject({ disposition: 'Wrong number', notes: 'Dialled the old number' });
    expect((await updateCallLog({ a: logged.id, d: 'Wrong number', n: 'Twice' })).data!.updateCallLog).toMatchObject({ disposition: 'Wrong number', notes: 'Twice' });
    await setDispositions(list);
  });

  it('makes one call of the softphone\u2019s record and Zoom\u2019s events that follow it: Zoom\u2019s facts, the agent\u2019s outcome and notes', async () => {
    const held = await withWebhooksHeld(stack, () => call({ durationSeconds: 95 }));
    // zp-notes-save-event knows only the call and the notes.
    const fromPane = (await recordSoftphoneCall({ callId: held.callId, notes: 'Asked about HOA fees', disposition: 'connected' })).data!.recordSoftphoneCall;
    expect(fromPane).toMatchObject({ type: 'CALL', disposition: 'Connected', notes: 'Asked about HOA fees', result: null, contact: null, zoom: { callId: held.callId } });

    await held.release();
    const merged = await eventually(() => activity(fromPane.id), (found) => found.result === 'ANSWERED');
    await allDelivered();
    expect(merged).toMatchObject({
      type: 'CALL',
      direction: 'INBOUND',
      result: 'ANSWERED',
      durationSeconds: 95,
      counterpartNumber: '+14155550187',
      body: 'Call from Jordan Lee',
      contact: { id: stack.contactId },
      disposition: 'Connected',
      notes: 'Asked about HOA fees',
    });
    expect(await rowsOfCall(held.callId)).toEqual([{ id: fromPane.id }]);
  });

  it('adds the softphone\u2019s outcome and notes to a call Zoom logged first, never its vaguer facts', async () => {
    const { callId } = await call({ durationSeconds: 240, direction: 'outbound' });
    const logged = await loggedCall(callId);
    const fromPane = await recordSoftphoneCall({
      callId,
      direction: 'inbound',
      counterpartNumber: '+14155550142',
      durationSeconds: 3,
      occurredAt: '2026-01-01T00:00:00Z',
      disposition: 'Appointment set',
      notes: 'Booked a showing',
    });
    expect(fromPane.data!.recordSoftphoneCall).toEqual({ ...logged, disposition: 'Appointment set', notes: 'Booked a showing' });
    // The softphone's empty outcome and notes (the agent saved the log without typing) erase nothing.
    expect((await recordSoftphoneCall({ callId, disposition: '', notes: ' ' })).data!.recordSoftphoneCall).toMatchObject({ disposition: 'Appointment set', notes: 'Booked a showing' });
    expect(await rowsOfCall(callId)).toHaveLength(1);

    // Zoom's record again, in an event of its own (a new event_ts, so the inbox processes it): the agent's words stay.
    const deliveries = await stack.sim.control<Array<{ event: string; body: { payload: { object: Record<string, any> } } }>>('GET', '/_sim/deliveries');
    const history = deliveries.find((delivery) => delivery.event.endsWith('_call_history_completed') && delivery.body.payload.object.call_logs[0].call_id === callId)!;
    await stack.sim.control('POST', '/_sim/webhooks/send', { event: history.event, payload: history.body.payload });
    const processed = () =>
      stack.api.app.get(DataSource).query(`SELECT count(*)::int AS n FROM webhook_inbox WHERE status = 'processed' AND event = $1 AND body->'payload'->'object'->'call_logs'->0->>'call_id' = $2`, [history.event, callId]) as Promise<Array<{ n: number }>>;
    await eventually(processed, ([row]) => row.n === 2);
    expect(await activity(logged.id)).toMatchObject({ disposition: 'Appointment set', notes: 'Booked a showing', durationSeconds: 240 });
  });

  it('refuses a softphone record it cannot read, naming the field', async () => {
    const good = { callId: '7441063528719044321' };
    expect(refusal(await recordSoftphoneCall({ ...good, callId: '' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'callId' });
    expect(refusal(await recordSoftphoneCall({ ...good, direction: 'both' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'direction' });
    expect(refusal(await recordSoftphoneCall({ ...good, counterpartNumber: '<script>' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'counterpartNumber' });
    expect(refusal(await recordSoftphoneCall({ ...good, durationSeconds: -1 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'durationSeconds' });
    expect(refusal(await recordSoftphoneCall({ ...good, disposition: 'Sold the house' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'disposition' });
    expect(refusal(await recordSoftphoneCall({ ...good, notes: 'x'.repeat(10_001) }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'notes' });
    expect(await rowsOfCall(good.callId)).toEqual([]);
  });

  it('logs a call made outside Zoom on the contact, with its direction, length, outcome and notes', async () => {
    const occurredAt = new Date(Date.now() - 3_600_000).toISOString();
    const logged = await logCall({ contactId: stack.contactId, direction: 'OUTBOUND', durationSeconds: 300, occurredAt, disposition: 'left voicemail', notes: 'From my mobile' });
    expect(logged.data!.logCall).toMatchObject({
      type: 'CALL',
      direction: 'OUTBOUND',
      durationSeconds: 300,
      occurredAt,
      result: null,
      body: 'Call to Jordan Lee',
      disposition: 'Left voicemail',
      notes: 'From my mobile',
      contact: { id: stack.contactId },
      zoom: null,
    });
    const timeline = await gql<{ activities: { edges: { node: { id: string } }[] } }>('query($c: ID) { activities(contactId: $c, types: [CALL]) { edges { node { id } } } }', { c: stack.contactId });
    expect(timeline.data!.activities.edges.map((edge) => edge.node.id)).toContain(logged.data!.logCall.id);

    const good = { contactId: stack.contactId, direction: 'INBOUND' };
    expect(refusal(await logCall({ ...good, direction: 'INTERNAL' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'direction' });
    expect(refusal(await logCall({ ...good, occurredAt: new Date(Date.now() + 3_600_000).toISOString() }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'occurredAt' });
    expect(refusal(await logCall({ ...good, durationSeconds: 86_401 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'durationSeconds' });
    expect(refusal(await logCall({ ...good, disposition: 'Sold the house' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'disposition' });
    expect(refusal(await logCall({ ...good, contactId: '00000000-0000-4000-8000-000000000000' }))).toMatchObject({ code: 'NOT_FOUND' });
  });
});
