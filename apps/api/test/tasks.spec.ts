import { DataSource } from 'typeorm';
import { connectedStackForSuite, JORDAN_LEE } from './support/connected-stack';
import { eventually } from './support/eventually';
import { collect, type GraphQLResult } from './support/test-api';
import { settleWebhooks } from './support/walk-organisations';

const TASK = 'id title dueAt completedAt createdAt source deleted contact { id } deal { id } owner { id } activity { id type result }';

interface TaskNode {
  id: string;
  title: string;
  dueAt: string | null;
  completedAt: string | null;
  createdAt: string;
  source: string;
  deleted: boolean;
  contact: { id: string } | null;
  deal: { id: string } | null;
  owner: { id: string };
  activity: { id: string; type: string; result: string | null } | null;
}

interface TaskPage {
  edges: Array<{ node: TaskNode; cursor: string }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

const HOUR = 3_600_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const refusal = (result: GraphQLResult) => ({ code: result.errors?.[0]?.extensions?.code, field: result.errors?.[0]?.extensions?.field, message: result.errors?.[0]?.message });

describe('tasks and follow-ups: the Today view, and the call-back tasks calls open and close (real api, simulator)', () => {
  const stack = connectedStackForSuite({
    contact: JORDAN_LEE,
    colleagues: [{ email: 'admin@demo.test', role: 'admin' }, { email: 'pager@demo.test' }, { email: 'leaver@demo.test' }, { email: 'counter@demo.test' }],
  });
  const sessions: Record<string, string> = {};
  const userIds: Record<string, string> = {};

  beforeAll(async () => {
    for (const email of ['admin@demo.test', 'pager@demo.test', 'leaver@demo.test', 'counter@demo.test']) sessions[email] = await stack.api.login(email);
    sessions['agent@demo.test'] = stack.session;
    for (const [email, token] of Object.entries(sessions)) userIds[email] = (await stack.api.graphql<{ me: { id: string } }>('{ me { id } }', {}, token)).data!.me.id;
  });

  const gql = <T = any>(query: string, variables: Record<string, unknown> = {}, token = stack.session) => stack.api.graphql<T>(query, variables, token);
  const createTask = (input: Record<string, unknown>, token = stack.session) => gql<{ createTask: TaskNode }>(`mutation($input: CreateTaskInput!) { createTask(input: $input) { ${TASK} } }`, { input }, token);
  const created = async (input: Record<string, unknown>, token = stack.session) => {
    const result = await createTask(input, token);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.createTask;
  };
  const updateTask = (id: string, input: Record<string, unknown>, token = stack.session) =>
    gql<{ updateTask: TaskNode }>(`mutation($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { ${TASK} } }`, { id, input }, token);
  const taskMutation = (name: 'completeTask' | 'reopenTask' | 'deleteTask', id: string, token = stack.session) =>
    gql<Record<string, TaskNode>>(`mutation($id: ID!) { ${name}(id: $id) { ${TASK} } }`, { id }, token);
  const task = async (id: string, token = stack.session) => (await gql<{ task: TaskNode | null }>(`query($id: ID!) { task(id: $id) { ${TASK} } }`, { id }, token)).data!.task;
  const tasks = (args: Record<string, unknown> = {}, token = stack.session) =>
    gql<{ tasks: TaskPage }>(
      `query($status: TaskStatus, $dueBefore: DateTime, $contactId: ID, $dealId: ID, $ownerId: ID, $first: Int, $after: String) {
        tasks(status: $status, dueBefore: $dueBefore, contactId: $contactId, dealId: $dealId, ownerId: $ownerId, first: $first, after: $after) {
          edges { node { ${TASK} } cursor } pageInfo { hasNextPage endCursor } totalCount } }`,
      args,
      token,
    );
  const titlesOf = (page: TaskPage) => page.edges.map((edge) => edge.node.title);
  const createContact = async (firstName: string, lastName: string, phone: string) =>
    (await gql<{ createContact: { id: string } }>('mutation($input: ContactInput!) { createContact(input: $input) { id } }', { input: { firstName, lastName, phones: [phone] } })).data!.createContact.id;

  describe('by hand', () => {
    it('creates a task trimmed, on a contact, owned by the caller, and refuses a missing or overlong title in words an agent reads', async () => {
      const dueAt = at(2 * HOUR);
      const made = await created({ title: '  Send the HOA disclosures  ', dueAt, contactId: stack.contactId });
      expect(made).toMatchObject({ title: 'Send the HOA disclosures', dueAt, completedAt: null, source: 'MANUAL', deleted: false, contact: { id: stack.contactId }, deal: null, owner: { id: userIds['agent@demo.test'] }, activity: null });
      expect(await task(made.id)).toEqual(made);

      expect(refusal(await createTask({ title: '   ' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'title', message: 'Give the task a title' });
      const long = refusal(await createTask({ title: 'x'.repeat(201) }));
      expect(long).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
      expect(long.message).toMatch(/^Keep the title to 200 characters or fewer/);
      expect((await created({ title: 'y'.repeat(200) })).title).toHaveLength(200);
    });

    it('puts a task on a deal and the deal’s contact, and on a recording-less activity as a plain task', async () => {
      const deal = (await gql<{ createDeal: { id: string } }>('mutation($input: DealInput!) { createDeal(input: $input) { id } }', { input: { title: '12 Alder St', contactId: stack.contactId } })).data!.createDeal;
      const onDeal = await created({ title: 'Order the appraisal', dealId: deal.id });
      expect(onDeal).toMatchObject({ deal: { id: deal.id }, contact: { id: stack.contactId }, source: 'MANUAL' });
      expect(titlesOf((await tasks({ dealId: deal.id })).data!.tasks)).toEqual(['Order the appraisal']);

      const note = (await gql<{ addNote: { id: string } }>('mutation($c: ID!) { addNote(contactId: $c, body: "Wants a pool") { id } }', { c: stack.contactId })).data!.addNote;
      expect(await created({ title: 'Find listings with a pool', activityId: note.id })).toMatchObject({ source: 'MANUAL', contact: { id: stack.contactId }, activity: { id: note.id, type: 'NOTE' } });
    });

    it('turns a recording’s AI summary next step into a SUMMARY task on the meeting’s contact', async () => {
      const meeting = (
        await gql<{ scheduleMeeting: { zoom: { meetingId: string } } }>('mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { zoom { meetingId } } }', {
          input: { contactId: stack.contactId, topic: 'Viewing at 12 Alder St', startTime: at(HOUR), durationMinutes: 30, timezone: 'America/Los_Angeles' },
        })
      ).data!.scheduleMeeting;
      await stack.sim.control('POST', `/_sim/meetings/${meeting.zoom.meetingId}/start`, {});
      await stack.sim.control('POST', `/_sim/meetings/${meeting.zoom.meetingId}/end`, { durationMinutes: 20, withRecording: true, withTranscript: true, withSummary: true });
      const recordings = async () => (await gql<{ activities: { edges: Array<{ node: { id: string; nextSteps: string[] } }> } }>('query($c: ID) { activities(contactId: $c, types: [RECORDING]) { edges { node { id nextSteps } } } }', { c: stack.contactId })).data!.activities.edges;
      const [{ node: recording }] = await eventually(recordings, (found) => found.length === 1 && found[0].node.nextSteps.length > 0, 30_000);

      const fromNextStep = await created({ title: recording.nextSteps[0], activityId: recording.id });
      expect(fromNextStep).toMatchObject({ title: recording.nextSteps[0].trim(), source: 'SUMMARY', contact: { id: stack.contactId }, activity: { id: recording.id, type: 'RECORDING' }, owner: { id: userIds['agent@demo.test'] } });
    });

    it('snoozes, clears the due time, reassigns, completes, reopens and deletes; anyone in the organisation may', async () => {
      const made = await created({ title: 'Chase the inspection report', dueAt: at(HOUR) });
      const later = at(26 * HOUR);
      expect((await updateTask(made.id, { dueAt: later })).data!.updateTask).toMatchObject({ dueAt: later, title: 'Chase the inspection report' });
      expect((await updateTask(made.id, { dueAt: null, title: ' Chase the inspector ' })).data!.updateTask).toMatchObject({ dueAt: null, title: 'Chase the inspector' });
      expect(refusal(await updateTask(made.id, { title: '' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title', message: 'Give the task a title' });
      expect(refusal(await updateTask(made.id, { ownerId: null }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ownerId' });

      const admin = sessions['admin@demo.test'];
      const reassigned = (await updateTask(made.id, { ownerId: userIds['pager@demo.test'] }, admin)).data!.updateTask;
      expect(reassigned.owner).toEqual({ id: userIds['pager@demo.test'] });

      const done = (await taskMutation('completeTask', made.id, admin)).data!.completeTask;
      expect(Date.parse(done.completedAt!)).toBeLessThanOrEqual(Date.now());
      // Completing again keeps the first completion.
      expect((await taskMutation('completeTask', made.id)).data!.completeTask.completedAt).toBe(done.completedAt);
      expect((await taskMutation('reopenTask', made.id)).data!.reopenTask.completedAt).toBeNull();

      const deleted = (await taskMutation('deleteTask', made.id)).data!.deleteTask;
      expect(deleted).toMatchObject({ id: made.id, deleted: true, title: 'Chase the inspector' });
      expect(await task(made.id)).toBeNull();
      expect(refusal(await taskMutation('completeTask', made.id))).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('gives tasks only to active people of the organisation', async () => {
      const admin = sessions['admin@demo.test'];
      await gql('mutation($id: ID!) { deactivateUser(id: $id) { id } }', { id: userIds['leaver@demo.test'] }, admin);
      expect(refusal(await createTask({ title: 'Stage the living room', ownerId: userIds['leaver@demo.test'] }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ownerId' });
      expect(refusal(await createTask({ title: 'Stage the living room', ownerId: '00000000-0000-4000-8000-000000000000' }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(refusal(await createTask({ title: 'Stage the living room', ownerId: 'not-an-id' }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await created({ title: 'Stage the living room', ownerId: userIds['admin@demo.test'] })).toMatchObject({ owner: { id: userIds['admin@demo.test'] } });
      // An agent offers the task to the active people, which `colleagues` lists to everyone (`users` is for admins).
      const colleagues = (await gql<{ colleagues: Array<{ id: string }> }>('{ colleagues { id } }')).data!.colleagues.map((user) => user.id);
      expect(colleagues).toEqual(expect.arrayContaining([userIds['agent@demo.test'], userIds['admin@demo.test'], userIds['pager@demo.test']]));
      expect(colleagues).not.toContain(userIds['leaver@demo.test']);
    });

    it('lists open tasks soonest due first (no due time last), then done ones last completed first, page by page', async () => {
      const pager = sessions['pager@demo.test'];
      const pagerTasks = (args: Record<string, unknown> = {}) => tasks(args, pager);
      // What earlier tests gave pager (the reassigned task was deleted): nothing open.
      const make = (title: string, dueAt?: string) => created({ title, ...(dueAt ? { dueAt } : {}) }, pager);
      const undated = await make('Undated A');
      const tomorrow = await make('Due tomorrow', at(24 * HOUR));
      const overdue = await make('Overdue', at(-2 * HOUR));
      await make('Undated B');
      const soon = await make('Due soon', at(HOUR));
      const doneFirst = await make('Done first');
      const doneLast = await make('Done last');
      await taskMutation('completeTask', doneFirst.id, pager);
      await taskMutation('completeTask', doneLast.id, pager);

      const open = ['Overdue', 'Due soon', 'Due tomorrow', 'Undated A', 'Undated B'];
      expect(titlesOf((await pagerTasks({ status: 'OPEN' })).data!.tasks)).toEqual(open);
      expect(titlesOf((await pagerTasks({ status: 'DONE' })).data!.tasks)).toEqual(['Done last', 'Done first']);

      // Both, two at a time, across the step from open to done.
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 5; page += 1) {
        const result: TaskPage = (await pagerTasks({ first: 2, after })).data!.tasks;
        expect(result.totalCount).toBe(7);
        seen.push(...titlesOf(result));
        after = result.pageInfo.endCursor;
        if (!result.pageInfo.hasNextPage) break;
      }
      expect(seen).toEqual([...open, 'Done last', 'Done first']);

      expect((await pagerTasks({ status: 'OPEN', first: 1 })).data!.tasks.totalCount).toBe(5);
      expect(titlesOf((await pagerTasks({ status: 'OPEN', dueBefore: at(3 * HOUR) })).data!.tasks)).toEqual(['Overdue', 'Due soon']);
      // ownerId: that person's; the caller's own by default.
      expect(titlesOf((await tasks({ ownerId: userIds['pager@demo.test'], status: 'OPEN' })).data!.tasks)).toEqual(open);
      expect(titlesOf((await tasks({ status: 'OPEN' })).data!.tasks)).not.toContain('Overdue');

      expect(refusal(await pagerTasks({ after: 'bogus' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      const doneCursor = (await pagerTasks({ status: 'DONE', first: 1 })).data!.tasks.pageInfo.endCursor;
      expect(refusal(await pagerTasks({ status: 'OPEN', after: doneCursor }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      expect(refusal(await pagerTasks({ first: 101 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      expect([undated, tomorrow, overdue, soon].every((made) => made.owner.id === userIds['pager@demo.test'])).toBe(true);
    });

    it('counts the caller’s open tasks as overdue, due today and upcoming in the caller’s own time zone', async () => {
      const counter = sessions['counter@demo.test'];
      // Zones without daylight saving, many hours from UTC: one of them is more than an hour from its midnight.
      const zone = ['Pacific/Kiritimati', 'Asia/Kolkata'].map((name) => ({ name, end: localMidnightAfter(new Date(), name) })).find(({ end }) => end.getTime() - Date.now() > HOUR)!;
      const untilMidnight = zone.end.getTime() - Date.now();
      const make = (title: string, dueAt?: string) => created({ title, ...(dueAt ? { dueAt } : {}) }, counter);
      await make('Overdue by a day', at(-24 * HOUR));
      await make('Overdue by a minute', at(-60_000));
      await make('Later today', at(untilMidnight / 2));
      await make('Just before midnight', new Date(zone.end.getTime() - 60_000).toISOString());
      await make('Just after midnight', new Date(zone.end.getTime() + 60_000).toISOString());
      await make('Someday');
      const done = await make('Done today', at(untilMidnight / 2));
      await taskMutation('completeTask', done.id, counter);
      // Another's task on the caller's day counts for them, not the caller.
      await created({ title: 'Not mine', dueAt: at(-60_000) });

      const counts = (timezone: string) => gql<{ taskCounts: { overdue: number; dueToday: number; upcoming: number } }>('query($tz: String!) { taskCounts(timezone: $tz) { overdue dueToday upcoming } }', { tz: timezone }, counter);
      expect((await counts(zone.name)).data!.taskCounts).toEqual({ overdue: 2, dueToday: 2, upcoming: 2 });
      expect(refusal(await counts('Mars/Olympus_Mons'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timezone' });
    });

    it('shows another organisation none of these tasks, contacts or people, and lets it change none (NOT_FOUND)', async () => {
      await stack.api.createOrganisation('Other Realty', [{ email: 'rival@other.test' }]);
      const rival = await stack.api.login('rival@other.test');
      const mine = await created({ title: 'Private follow-up', contactId: stack.contactId });
      expect(await task(mine.id, rival)).toBeNull();
      expect((await tasks({}, rival)).data!.tasks.edges).toEqual([]);
      for (const name of ['completeTask', 'reopenTask', 'deleteTask'] as const) expect(refusal(await taskMutation(name, mine.id, rival)).code).toBe('NOT_FOUND');
      expect(refusal(await updateTask(mine.id, { title: 'Mine now' }, rival)).code).toBe('NOT_FOUND');
      expect(refusal(await createTask({ title: 'Poach', contactId: stack.contactId }, rival)).code).toBe('NOT_FOUND');
      expect(refusal(await createTask({ title: 'Poach', ownerId: userIds['agent@demo.test'] }, rival)).code).toBe('NOT_FOUND');
      expect(refusal(await tasks({ contactId: stack.contactId }, rival)).code).toBe('NOT_FOUND');
      expect(refusal(await tasks({ ownerId: userIds['agent@demo.test'] }, rival)).code).toBe('NOT_FOUND');
      const own = await created({ title: 'Own task' }, rival);
      expect(refusal(await updateTask(own.id, { contactId: stack.contactId }, rival)).code).toBe('NOT_FOUND');
      expect(refusal(await updateTask(own.id, { ownerId: userIds['agent@demo.test'] }, rival)).code).toBe('NOT_FOUND');
      expect(await task(mine.id)).toMatchObject({ title: 'Private follow-up', completedAt: null });
    });
  });

  describe('call-back tasks', () => {
    const simCall = (body: Record<string, unknown>) => stack.sim.control<{ callId: string }>('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', direction: 'inbound', outcome: 'missed', ...body });
    const activityOfCall = async (callId: string) => {
      const db = stack.api.app.get(DataSource);
      const [row] = await eventually(() => db.query(`SELECT id, occurred_at FROM activities WHERE zoom->>'callId' = $1`, [callId]), (rows: Array<{ id: string }>) => rows.length === 1);
      return row as { id: string; occurred_at: Date };
    };
    const onContact = async (contactId: string) => (await tasks({ contactId })).data!.tasks.edges.map((edge) => edge.node);
    const callBacksOf = (contactId: string, done: (found: TaskNode[]) => boolean) => eventually(() => onContact(contactId), done);
    const isCallBack = (item: TaskNode) => item.source === 'MISSED_CALL' || item.source === 'VOICEMAIL';

    it('opens one "Call back" task for a missed call from a contact, however often its events come, and folds a second missed call into it', async () => {
      const first = await simCall({ counterpartNumber: '+14155550187', counterpartName: 'WIRELESS CALLER', delivery: { order: 'shuffled', duplicates: 2 } });
      const [callBack] = await callBacksOf(stack.contactId, (found) => found.some(isCallBack));
      const firstActivity = await activityOfCall(first.callId);
      expect(callBack).toMatchObject({
        title: 'Call back Jordan Lee',
        source: 'MISSED_CALL',
        completedAt: null,
        dueAt: new Date(firstActivity.occurred_at).toISOString(),
        owner: { id: userIds['agent@demo.test'] },
        contact: { id: stack.contactId },
        activity: { id: firstActivity.id, type: 'CALL', result: 'MISSED' },
      });

      // Zoom sends the call's record again in a new event, and redelivers every event it sent.
      await settleWebhooks(stack);
      const deliveries = await stack.sim.control<Array<{ id: string; event: string; body: { payload: { object: { call_logs?: Array<{ call_id: string }> } } } }>>('GET', '/_sim/deliveries');
      const ofCall = deliveries.filter((delivery) => JSON.stringify(delivery.body).includes(first.callId));
      for (const delivery of ofCall) await stack.sim.control('POST', `/_sim/deliveries/${delivery.id}/redeliver`, {});
      const history = ofCall.find((delivery) => delivery.event.endsWith('_call_history_completed'))!;
      await stack.sim.control('POST', '/_sim/webhooks/send', { event: history.event, payload: history.body.payload });
      await settleWebhooks(stack);

      const second = await simCall({ counterpartNumber: '(415) 555-0187' });
      const secondActivity = await activityOfCall(second.callId);
      const [folded] = await callBacksOf(stack.contactId, (found) => found.some((item) => item.activity?.id === secondActivity.id));
      await settleWebhooks(stack);
      const callBacks = (await onContact(stack.contactId)).filter(isCallBack);
      expect(callBacks).toEqual([{ ...callBack, activity: { id: secondActivity.id, type: 'CALL', result: 'MISSED' } }]);
      expect(folded.id).toBe(callBack.id);
    });

    it('makes it a VOICEMAIL task when the contact leaves a voicemail, and completes it when a call with the contact connects', async () => {
      // No message length: the simulator dates the call from its end, so it starts after the missed call before it.
      const voicemail = await simCall({ counterpartNumber: '+14155550187', outcome: 'voicemail', durationSeconds: 0, voicemailTranscript: 'Call me about the offer' });
      const voicemailActivity = await activityOfCall(voicemail.callId);
      const [upgraded] = await callBacksOf(stack.contactId, (found) => found.some((item) => item.source === 'VOICEMAIL'));
      expect(upgraded).toMatchObject({ title: 'Call back Jordan Lee', source: 'VOICEMAIL', activity: { id: voicemailActivity.id }, completedAt: null });
      await settleWebhooks(stack);

      // An answered call with someone else closes nothing.
      const other = await createContact('Dana', 'Whitfield', '+14155550164');
      await simCall({ counterpartNumber: '+14155550164', direction: 'outbound', outcome: 'answered', durationSeconds: 5 });
      await settleWebhooks(stack);
      expect((await task(upgraded.id))!.completedAt).toBeNull();
      expect((await onContact(other)).filter(isCallBack)).toEqual([]);

      await simCall({ counterpartNumber: '+14155550187', direction: 'outbound', outcome: 'answered', durationSeconds: 5 });
      const closed = await eventually(() => task(upgraded.id), (found) => found?.completedAt !== null);
      expect(closed).toMatchObject({ id: upgraded.id, source: 'VOICEMAIL', completedAt: expect.any(String) });
      // The next missed call opens a new one (once every event of the answered call is in).
      await settleWebhooks(stack);
      await simCall({ counterpartNumber: '+14155550187' });
      const open = await callBacksOf(stack.contactId, (found) => found.some((item) => item.source === 'MISSED_CALL' && item.completedAt === null));
      expect(open.filter((item) => isCallBack(item) && item.completedAt === null)).toHaveLength(1);
    });

    it('opens a VOICEMAIL task straight away for a voicemail from a contact', async () => {
      const blake = await createContact('Blake', 'Moreno', '+14155550162');
      await simCall({ counterpartNumber: '+14155550162', outcome: 'voicemail', voicemailTranscript: 'Is the open house still on?' });
      const [callBack] = await callBacksOf(blake, (found) => found.length > 0);
      await settleWebhooks(stack);
      expect(await onContact(blake)).toEqual([expect.objectContaining({ title: 'Call back Blake Moreno', source: 'VOICEMAIL', id: callBack.id })]);
    });

    it('opens none when the agent turned the setting off, nor for a number no contact has', async () => {
      const settings = () => gql<{ taskSettings: { callBackTasks: boolean } }>('{ taskSettings { callBackTasks } }');
      expect((await settings()).data!.taskSettings).toEqual({ callBackTasks: true });
      const setCallBacks = (on: boolean) => gql<{ updateTaskSettings: { callBackTasks: boolean } }>('mutation($on: Boolean!) { updateTaskSettings(callBackTasks: $on) { callBackTasks } }', { on });
      expect((await setCallBacks(false)).data!.updateTaskSettings).toEqual({ callBackTasks: false });
      // The setting is the agent's own.
      expect((await gql('{ taskSettings { callBackTasks } }', {}, sessions['admin@demo.test'])).data!.taskSettings).toEqual({ callBackTasks: true });

      const casey = await createContact('Casey', 'Nguyen', '+14155550163');
      const missed = await simCall({ counterpartNumber: '+14155550163' });
      await activityOfCall(missed.callId);
      await settleWebhooks(stack);
      expect(await onContact(casey)).toEqual([]);
      expect((await setCallBacks(true)).data!.updateTaskSettings).toEqual({ callBackTasks: true });

      const unknown = await simCall({ counterpartNumber: '+14155550177', counterpartName: 'UNKNOWN CALLER' });
      await activityOfCall(unknown.callId);
      await settleWebhooks(stack);
      const db = stack.api.app.get(DataSource);
      expect(await db.query(`SELECT t.id FROM tasks t JOIN activities a ON a.id = t.activity_id WHERE a.zoom->>'callId' = $1`, [unknown.callId])).toEqual([]);
    });
  });

  it('tells the owner over graphql-ws of every change of their tasks, a task reassigned away from them included, and nothing of others', async () => {
    const agentId = userIds['agent@demo.test'];
    const adminId = userIds['admin@demo.test'];
    const admin = sessions['admin@demo.test'];
    const changes = collect<{ taskChanged: Pick<TaskNode, 'id' | 'title' | 'completedAt' | 'deleted' | 'owner'> }>(stack.api.subscribe(stack.session), 'subscription { taskChanged { id title completedAt deleted owner { id } } }', {}, 5);
    await changes.ready;

    const forAgent = await created({ title: 'Print the flyers', ownerId: agentId }, admin);
    await created({ title: 'The admin’s own' }, admin);
    await taskMutation('completeTask', forAgent.id, admin);
    await taskMutation('deleteTask', forAgent.id, admin);
    const handedOver = await created({ title: 'Book the photographer' });
    await updateTask(handedOver.id, { ownerId: adminId });

    const received = (await changes.done).map((message) => message.taskChanged);
    expect(received).toEqual([
      { id: forAgent.id, title: 'Print the flyers', completedAt: null, deleted: false, owner: { id: agentId } },
      { id: forAgent.id, title: 'Print the flyers', completedAt: expect.any(String), deleted: false, owner: { id: agentId } },
      { id: forAgent.id, title: 'Print the flyers', completedAt: expect.any(String), deleted: true, owner: { id: agentId } },
      { id: handedOver.id, title: 'Book the photographer', completedAt: null, deleted: false, owner: { id: agentId } },
      { id: handedOver.id, title: 'Book the photographer', completedAt: null, deleted: false, owner: { id: adminId } },
    ]);
  });

  it('tells the owner live of a call-back task a missed call opened', async () => {
    const avery = await createContact('Avery', 'Stone', '+14155550161');
    const changes = collect<{ taskChanged: { title: string; source: string; contact: { id: string } } }>(stack.api.subscribe(stack.session), 'subscription { taskChanged { title source contact { id } } }', {}, 1);
    await changes.ready;
    await stack.sim.control('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', direction: 'inbound', counterpartNumber: '+14155550161', outcome: 'missed' });
    expect(await changes.done).toEqual([{ taskChanged: { title: 'Call back Avery Stone', source: 'MISSED_CALL', contact: { id: avery } } }]);
  });

  it('takes a deleted contact’s tasks along, and tells their owners live', async () => {
    const contactId = await createContact('Rowan', 'Hale', '+14155550162');
    const comps = await created({ title: 'Send Rowan the comps', contactId });
    const changes = collect<{ taskChanged: { id: string; deleted: boolean } }>(stack.api.subscribe(stack.session), 'subscription { taskChanged { id deleted } }', {}, 1);
    await changes.ready;
    await gql('mutation($id: ID!) { deleteContact(id: $id, activities: KEEP) { id } }', { id: contactId });
    expect(await changes.done).toEqual([{ taskChanged: { id: comps.id, deleted: true } }]);
    expect(await task(comps.id)).toBeNull();
  });
});

/** The next midnight in a zone without daylight saving, from its wall clock now (independent of the api's own reckoning). */
function localMidnightAfter(now: Date, timeZone: string): Date {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(now).map((part) => [part.type, Number(part.value)]));
  const sinceMidnightMs = ((parts.hour * 60 + parts.minute) * 60 + parts.second) * 1000 + now.getMilliseconds();
  return new Date(now.getTime() - sinceMidnightMs + 24 * HOUR);
}
