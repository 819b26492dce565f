import { DataSource } from 'typeorm';
import { connectedStackForSuite, JORDAN_LEE } from './support/connected-stack';
import { eventually } from './support/eventually';
import { snapshotFiles } from './support/files';
import { connectZoom } from './support/zoom-oauth';

const RECORDING_FIELDS = `id type body transcript summary nextSteps summaryStatus transcriptCues { startSeconds endSeconds speaker text }
  contact { id } deal { id } attachments { kind url title } zoom { meetingId meetingUuid }`;

interface Recording {
  id: string;
  type: string;
  body: string | null;
  transcript: string | null;
  summary: string | null;
  nextSteps: string[];
  summaryStatus: string | null;
  transcriptCues: { startSeconds: number; endSeconds: number; speaker: string | null; text: string }[];
  contact: { id: string } | null;
  deal: { id: string } | null;
  attachments: { kind: string; url: string; title: string | null }[];
  zoom: { meetingId: string | null; meetingUuid: string | null } | null;
}

interface Delivery {
  status: string;
}

describe('cloud recordings: playback, transcript, summary, meetings booked in Zoom, move, detach, deauthorization', () => {
  const stack = connectedStackForSuite({
    contact: { ...JORDAN_LEE, emails: ['Jordan.Lee@example.com'] },
    colleagues: [{ email: 'blair@demo.test' }],
    env: { MEETING_SUMMARY_RETRY_SECONDS: '1' },
  });

  const gql = async <T>(query: string, variables: Record<string, unknown> = {}, token = stack.session): Promise<T> => {
    const result = await stack.api.graphql<T>(query, variables, token);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  };
  const recordingOf = async (meetingUuid: string, done: (recording: Recording) => boolean): Promise<Recording> => {
    const found = await eventually(async () => {
      const [row] = await stack.api.app.get(DataSource).query(`SELECT id FROM activities WHERE zoom_ref = $1`, [`recording:${meetingUuid}`]);
      return row ? (await gql<{ activity: Recording | null }>(`query($id: ID!) { activity(id: $id) { ${RECORDING_FIELDS} } }`, { id: row.id })).activity : null;
    }, (recording) => recording !== null && done(recording), 20_000);
    return found!;
  };
  const allDelivered = () => eventually(() => stack.sim.control<Delivery[]>('GET', '/_sim/deliveries'), (all) => all.every((delivery) => delivery.status === 'delivered'), 20_000);
  const createContact = async (firstName: string, emails: string[]) =>
    (await gql<{ createContact: { id: string } }>('mutation($input: ContactInput!) { createContact(input: $input) { id } }', { input: { firstName, lastName: 'Test', emails } })).createContact.id;
  /** A meeting scheduled on the contact in the CRM, then run at Zoom with a recording. */
  const recordedMeeting = async (onContact: string, topic: string, end: Record<string, unknown> = {}) => {
    const startTime = new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d{3}Z$/, '.000Z');
    const { scheduleMeeting } = await gql<{ scheduleMeeting: { zoom: { meetingId: string } } }>(
      'mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { zoom { meetingId } } }',
      { input: { contactId: onContact, topic, startTime, durationMinutes: 30, timezone: 'America/Los_Angeles' } },
    );
    const zoomId = scheduleMeeting.zoom.meetingId;
    await stack.sim.control('POST', `/_sim/meetings/${zoomId}/start`, {});
    return stack.sim.control<{ uuid: string }>('POST', `/_sim/meetings/${zoomId}/end`, { durationMinutes: 20, withRecording: true, withTranscript: true, withSummary: true, ...end });
  };
  const play = (url: string, headers: Record<string, string> = {}, token: string | null = stack.session) =>
    fetch(`${stack.api.url}${url}`, { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });

  it('plays video and audio through the api with Range, opens transcript, chat and summary, to its organisation only, storing nothing', async () => {
    await stack.api.createOrganisation('Rival Realty', [{ email: 'rival@rival.test' }]);
    const rival = await stack.api.login('rival@rival.test');
    const client = stack.api.subscribe(stack.session);
    const added: { id: string; type: string }[] = [];
    const unsubscribe = client.subscribe<{ activityAdded: { id: string; type: string } }>(
      { query: 'subscription($c: ID) { activityAdded(contactId: $c) { id type } }', variables: { c: stack.contactId } },
      { next: ({ data }) => data && added.push(data.activityAdded), error: () => undefined, complete: () => undefined },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { uuid } = await recordedMeeting(stack.contactId, 'Offer review: 9 Elm St');
    const recording = await recordingOf(uuid, (found) => found.summaryStatus === 'READY' && found.transcriptCues.length > 0);
    // A subscriber to the contact's timeline heard of it as it came (after the meeting and its invite).
    await eventually(async () => added.filter((activity) => activity.type === 'RECORDING'), (recordings) => recordings.length > 0);
    expect(added.filter((activity) => activity.type === 'RECORDING')).toEqual([{ id: recording.id, type: 'RECORDING' }]);
    unsubscribe();
    await client.dispose();
    const byKind = Object.fromEntries(recording.attachments.map((attachment) => [attachment.kind, attachment.url]));
    expect(Object.keys(byKind).sort()).toEqual(['audio', 'chat', 'summary', 'transcript', 'video']);
    for (const kind of ['audio', 'chat', 'transcript', 'video']) expect(byKind[kind]).toMatch(new RegExp(`^/media/cloud-recordings/${recording.id}/[^/]+$`));
    const files = snapshotFiles();

    const whole = await play(byKind.video);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('cache-control')).toBe('private, no-store');
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
    const part = await play(byKind.audio, { range: 'bytes=10-19' });
    expect(part.status).toBe(206);
    expect(part.headers.get('accept-ranges')).toBe('bytes');
    expect(part.headers.get('content-range')).toMatch(/^bytes 10-19\/\d+$/);
    expect((await part.arrayBuffer()).byteLength).toBe(10);

    expect(await (await play(byKind.transcript)).text()).toMatch(/^WEBVTT/);
    expect((await play(byKind.chat)).status).toBe(200);
    const summary = await play(byKind.summary);
    expect(summary.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await summary.text()).toBe(`${recording.summary}\n\nNext steps:\n${recording.nextSteps.map((step) => `- ${step}`).join('\n')}\n`);

    expect((await play(byKind.video, {}, rival)).status).toBe(404);
    expect((await play(byKind.summary, {}, rival)).status).toBe(404);
    expect((await play(byKind.video, {}, null)).status).toBe(401);
    expect((await play(`/media/cloud-recordings/${recording.id}/not-a-file`)).status).toBe(404);
    expect(files.added()).toEqual([]);
  });

  it('says quietly, once, that the plan gives no AI summary when Zoom refuses it', async () => {
    // What Zoom answers when AI Companion summaries are off for the account (docs/zoom: "400 when the feature is off").
    await stack.sim.control('POST', '/_sim/faults', { path: '/v2/meetings/', method: 'GET', status: 400, count: 3, body: { code: 300, message: 'AI Companion meeting summary is not enabled.' } });
    const { uuid } = await recordedMeeting(stack.contactId, 'No summary here', { withSummary: false });
    const recording = await recordingOf(uuid, (found) => found.summaryStatus === 'NOT_ON_PLAN' && found.transcriptCues.length > 0);
    expect(recording).toMatchObject({ summary: null, nextSteps: [] });
    expect(recording.attachments.map((attachment) => attachment.kind).sort()).toEqual(['audio', 'chat', 'transcript', 'video']);
    expect(stack.api.logLines.filter((line) => line.includes('no AI Companion summary'))).toHaveLength(1);
    await stack.sim.control('DELETE', '/_sim/faults');
  });

  it("keeps the transcript's speakers and times, and search finds the contact and the recording by a word said in it", async () => {
    const { uuid } = await recordedMeeting(stack.contactId, 'Listing consult: 4 Pine Rd');
    const recording = await recordingOf(uuid, (found) => found.transcriptCues.length > 0);
    const cues = recording.transcriptCues;
    expect(new Set(cues.map((cue) => cue.speaker)).size).toBeGreaterThanOrEqual(3);
    expect(cues.every((cue, index) => cue.endSeconds > cue.startSeconds && (index === 0 || cue.startSeconds >= cues[index - 1].startSeconds))).toBe(true);
    expect(recording.transcript!.split('\n')).toEqual(cues.map((cue) => (cue.speaker ? `${cue.speaker}: ${cue.text}` : cue.text)));

    // A word said in the meeting and nowhere else: the simulator's VTT has it (apps/zoom-sim/README.md).
    const word = cues.map((cue) => cue.text).join(' ').match(/\bescrow\b/i)![0];
    const { contacts } = await gql<{ contacts: { edges: { node: { id: string } }[] } }>('query($s: String) { contacts(search: $s) { edges { node { id } } } }', { s: word });
    expect(contacts.edges.map((edge) => edge.node.id)).toContain(stack.contactId);
    const { activities } = await gql<{ activities: { edges: { node: { id: string; type: string } }[] } }>('query($s: String) { activities(search: $s) { edges { node { id type } } } }', { s: word.toUpperCase() });
    expect(activities.edges.map((edge) => edge.node)).toContainEqual({ id: recording.id, type: 'RECORDING' });
  });

  it('says the summary is on its way while Zoom makes it, and puts it on when meeting.summary_completed comes', async () => {
    const { uuid } = await recordedMeeting(stack.contactId, 'Inspection debrief', { summaryDelayMs: 3000 });
    const pending = await recordingOf(uuid, (found) => found.transcriptCues.length > 0 && found.summaryStatus !== null);
    expect(pending).toMatchObject({ summaryStatus: 'PENDING', summary: null, nextSteps: [] });
    const ready = await recordingOf(uuid, (found) => found.summaryStatus === 'READY');
    expect(ready.summary).toContain('Inspection debrief');
    expect(ready.attachments.filter((attachment) => attachment.kind === 'summary')).toHaveLength(1);
  });

  it('asks Zoom again for a summary that was not ready when meeting.summary_completed is lost', async () => {
    const { uuid } = await recordedMeeting(stack.contactId, 'Appraisal call', { summaryDelayMs: 2000, drop: ['meeting.summary_completed'] });
    // The first answers come while Zoom has no summary yet.
    expect((await recordingOf(uuid, (found) => found.transcriptCues.length > 0 && found.summaryStatus !== null)).summaryStatus).toBe('PENDING');
    const ready = await recordingOf(uuid, (found) => found.summaryStatus === 'READY');
    expect(ready.summary).toContain('Appraisal call');
    expect(ready.nextSteps.length).toBeGreaterThan(0);
  });

  it('puts a meeting booked in Zoom on the contact it invited, and one that invited no contact in Unmatched', async () => {
    const bookedInZoom = async (topic: string, invitees: string[]) => {
      const meeting = await stack.sim.control<{ id: number }>('POST', '/_sim/meetings', { userEmail: 'agent@demo.test', topic, durationMinutes: 30, invitees });
      await stack.sim.control('POST', `/_sim/meetings/${meeting.id}/start`, {});
      return stack.sim.control<{ uuid: string }>('POST', `/_sim/meetings/${meeting.id}/end`, { durationMinutes: 15, withRecording: true });
    };
    const invited = await bookedInZoom('Buyer call booked in Zoom', ['someone@else.test', 'jordan.lee@EXAMPLE.com']);
    expect((await recordingOf(invited.uuid, (found) => found.contact !== null)).contact).toEqual({ id: stack.contactId });

    const stranger = await bookedInZoom('Call with a stranger', ['nobody@else.test']);
    const unmatched = await recordingOf(stranger.uuid, (found) => found.attachments.length >= 2);
    expect(unmatched.contact).toBeNull();
    const { unmatchedActivities } = await gql<{ unmatchedActivities: { edges: { node: { id: string } }[] } }>('{ unmatchedActivities(first: 100) { edges { node { id } } } }');
    expect(unmatchedActivities.edges.map((edge) => edge.node.id)).toContain(unmatched.id);
    await gql('mutation($a: ID!, $c: ID!) { linkActivity(activityId: $a, contactId: $c) { id } }', { a: unmatched.id, c: stack.contactId });
    expect((await recordingOf(stranger.uuid, () => true)).contact).toEqual({ id: stack.contactId });
  });

  it('moves a recording to another deal and detaches it, live on both timelines', async () => {
    const buyerId = await createContact('Buyer', ['buyer@example.com']);
    const { createDeal } = await gql<{ createDeal: { id: string } }>('mutation($input: DealInput!) { createDeal(input: $input) { id } }', { input: { title: 'Buyer: 4 Pine Rd', contactId: buyerId } });
    const { uuid } = await recordedMeeting(stack.contactId, 'Second viewing');
    const recording = await recordingOf(uuid, (found) => found.transcriptCues.length > 0 && found.summaryStatus === 'READY');

    type Update = { id: string; contact: { id: string } | null; deal: { id: string } | null; transcript: string | null; summary: string | null };
    const client = stack.api.subscribe(stack.session);
    const heard: Record<string, Update[]> = { [stack.contactId]: [], [buyerId]: [] };
    const unsubscribes = Object.keys(heard).map((timeline) =>
      client.subscribe<{ activityUpdated: Update }>(
        { query: 'subscription($c: ID) { activityUpdated(contactId: $c) { id contact { id } deal { id } transcript summary } }', variables: { c: timeline } },
        { next: ({ data }) => data && data.activityUpdated.id === recording.id && heard[timeline].push(data.activityUpdated), error: () => undefined, complete: () => undefined },
      ),
    );
    try {
      // graphql-ws has no "subscribed" ack; a short pause lets the server register the Redis subscriptions.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const { moveRecording } = await gql<{ moveRecording: Recording }>(`mutation($a: ID!, $d: ID) { moveRecording(activityId: $a, dealId: $d) { ${RECORDING_FIELDS} } }`, { a: recording.id, d: createDeal.id });
      expect(moveRecording).toMatchObject({ contact: { id: buyerId }, deal: { id: createDeal.id }, transcript: recording.transcript, summary: recording.summary });
      await eventually(async () => heard[buyerId].length, (count) => count === 1);
      const { detachRecording } = await gql<{ detachRecording: Recording }>(`mutation($a: ID!) { detachRecording(activityId: $a) { ${RECORDING_FIELDS} } }`, { a: recording.id });
      expect(detachRecording).toMatchObject({ contact: null, deal: null });

      await eventually(async () => heard[buyerId].length, (count) => count === 2);
      // The timeline it left hears it once, with its new contact; the detach elsewhere is none of its business.
      expect(heard[stack.contactId]).toEqual([expect.objectContaining({ contact: { id: buyerId } })]);
      expect(heard[buyerId]).toEqual([
        expect.objectContaining({ contact: { id: buyerId }, deal: { id: createDeal.id }, transcript: recording.transcript }),
        expect.objectContaining({ contact: null, deal: null }),
      ]);
    } finally {
      for (const unsubscribe of unsubscribes) unsubscribe();
      await client.dispose();
    }
    const { unmatchedActivities } = await gql<{ unmatchedActivities: { edges: { node: { id: string } }[] } }>('{ unmatchedActivities(first: 100) { edges { node { id } } } }');
    expect(unmatchedActivities.edges.map((edge) => edge.node.id)).toContain(recording.id);
    const moveNowhere = await stack.api.graphql(`mutation($a: ID!) { moveRecording(activityId: $a) { id } }`, { a: recording.id }, stack.session);
    expect(moveNowhere.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('makes no recording request at all for a Basic-plan host, even when a recording event names one', async () => {
    const blair = await stack.api.login('blair@demo.test');
    await connectZoom(stack.api, blair, 'basic@demo.test');
    const { zoomConnection } = await gql<{ zoomConnection: { planType: string; capabilities: { recordings: boolean } } }>('{ zoomConnection { planType capabilities { recordings } } }', {}, blair);
    expect(zoomConnection.capabilities.recordings).toBe(false);
    const [basic] = (await stack.sim.control<{ id: string; email: string }[]>('GET', '/_sim/users')).filter((user) => user.email === 'basic@demo.test');
    const before = (await stack.sim.control<{ path: string }[]>('GET', '/_sim/requests')).length;
    await stack.sim.control('POST', '/_sim/webhooks/send', {
      event: 'recording.completed',
      payload: { account_id: 'basic-account', object: { id: 1234, uuid: 'basic-uuid==', host_id: basic.id, topic: 'Free plan', recording_files: [{ id: 'f1', file_type: 'MP4', download_url: `${stack.sim.url}/rec/download/f1` }] } },
    });
    await allDelivered();
    const after = await stack.sim.control<{ path: string }[]>('GET', '/_sim/requests');
    // An earlier test's meeting may still have its AI summary retried now: only this meeting's summary counts.
    const aboutRecordings = (path: string) => /recording|\/rec\//.test(path) || (path.includes('meeting_summary') && path.includes('basic-uuid'));
    expect(after.slice(before).filter((request) => aboutRecordings(request.path))).toEqual([]);
    const [row] = await stack.api.app.get(DataSource).query(`SELECT count(*)::int AS n FROM activities WHERE zoom_ref = 'recording:basic-uuid=='`);
    expect(row.n).toBe(0);
  });

  // Last: the agent's Zoom grant ends here.
  it('on app_deauthorized deletes the recordings, and keeps a detached one as metadata only', async () => {
    const kept = await recordedMeeting(stack.contactId, 'Keep as a record');
    const keptRecording = await recordingOf(kept.uuid, (found) => found.transcriptCues.length > 0 && found.summaryStatus === 'READY');
    await gql('mutation($a: ID!) { detachRecording(activityId: $a) { id } }', { a: keptRecording.id });
    const gone = await recordedMeeting(stack.contactId, 'Delete with Zoom');
    const goneRecording = await recordingOf(gone.uuid, (found) => found.transcriptCues.length > 0);

    await stack.sim.control('POST', '/_sim/deauthorize', { userEmail: 'agent@demo.test' });
    await eventually(async () => (await gql<{ activity: Recording | null }>(`query($id: ID!) { activity(id: $id) { id } }`, { id: goneRecording.id })).activity, (found) => found === null, 20_000);
    const { activity } = await gql<{ activity: Recording | null }>(`query($id: ID!) { activity(id: $id) { ${RECORDING_FIELDS} } }`, { id: keptRecording.id });
    expect(activity).toMatchObject({ type: 'RECORDING', body: keptRecording.body, contact: null, attachments: [], transcript: null, summary: null, nextSteps: [], transcriptCues: [], zoom: null });
    const db = stack.api.app.get(DataSource);
    expect(await db.query(`SELECT count(*)::int AS n FROM cloud_recording_files WHERE activity_id = $1`, [keptRecording.id])).toEqual([{ n: 0 }]);
  });
});
