import { connectedStackForSuite, JORDAN_LEE } from './support/connected-stack';
import { eventually } from './support/eventually';
import { postWebhook, zoomHeaders } from './support/zoom-webhooks';

const RECORDING_FIELDS = `id type occurredAt durationSeconds body transcript summary nextSteps contact { id } attachments { kind url title } zoom { meetingId meetingUuid }`;
const RECORDINGS = `query($c: ID) { activities(contactId: $c, types: [RECORDING]) { edges { node { ${RECORDING_FIELDS} } } } }`;

interface Delivery {
  id: string;
  event: string;
  status: string;
  body: { event: string; event_ts: number; payload: { object: { id?: number | string } } };
}

interface RecordingActivity {
  id: string;
  transcript: string | null;
  summary: string | null;
  nextSteps: string[];
  contact: { id: string } | null;
  attachments: { kind: string; url: string; title: string | null }[];
  zoom: { meetingId: string | null; meetingUuid: string | null };
}

describe('Zoom cloud recordings of meetings scheduled from the CRM', () => {
  const stack = connectedStackForSuite({ contact: { ...JORDAN_LEE, emails: ['jordan.lee@example.com'] } });

  const recordings = async () =>
    (await stack.api.graphql<{ activities: { edges: { node: RecordingActivity }[] } }>(RECORDINGS, { c: stack.contactId }, stack.session)).data!.activities.edges.map((edge) => edge.node);
  const allDelivered = () => eventually(() => stack.sim.control<Delivery[]>('GET', '/_sim/deliveries'), (all) => all.every((delivery) => delivery.status === 'delivered'), 20_000);
  const kindsOf = (activity: RecordingActivity) => activity.attachments.map((attachment) => attachment.kind).sort();

  it('puts one RECORDING on the meeting contact with video, audio, transcript text and the AI summary, and redelivery adds nothing', async () => {
    const startTime = new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d{3}Z$/, '.000Z');
    const scheduled = await stack.api.graphql<{ scheduleMeeting: { id: string; zoom: { meetingId: string } } }>(
      'mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id zoom { meetingId } } }',
      { input: { contactId: stack.contactId, topic: 'Viewing: 12 Oak St', startTime, durationMinutes: 30, timezone: 'America/Los_Angeles' } },
      stack.session,
    );
    expect(scheduled.errors).toBeUndefined();
    const zoomId = scheduled.data!.scheduleMeeting.zoom.meetingId;
    await stack.sim.control('POST', `/_sim/meetings/${zoomId}/start`, {});
    await stack.sim.control('POST', `/_sim/meetings/${zoomId}/end`, { durationMinutes: 25, withRecording: true, withTranscript: true, withSummary: true });

    const [recording] = await eventually(
      recordings,
      (found) => found.length === 1 && ['audio', 'chat', 'summary', 'transcript', 'video'].every((kind) => kindsOf(found[0]).includes(kind)) && Boolean(found[0].transcript) && Boolean(found[0].summary),
      20_000,
    );
    expect(recording).toMatchObject({ type: 'RECORDING', durationSeconds: 1500, contact: { id: stack.contactId }, zoom: { meetingId: zoomId } });
    expect(recording.zoom.meetingUuid).toBeTruthy();
    expect(kindsOf(recording)).toEqual(['audio', 'chat', 'summary', 'transcript', 'video']);
    // The simulator's VTT (apps/zoom-sim/src/cloud-recordings.ts), as `Speaker: words` lines.
    const lines = recording.transcript!.split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^[^:]+: Thanks for joining\. Today is about Viewing: 12 Oak St\.$/);
    expect(lines[1]).toBe('Jordan Lee: Great, I have a few questions about the timeline.');
    expect(recording.summary).toContain('went through Viewing: 12 Oak St and agreed next steps.');
    expect(recording.nextSteps).toHaveLength(2);
    expect(recording.nextSteps[1]).toBe('Guest confirms a time for the next visit.');

    const deliveries = await allDelivered();
    for (const delivery of deliveries) await stack.sim.control('POST', `/_sim/deliveries/${delivery.id}/redeliver`, {});
    await allDelivered();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = await recordings();
    expect(after).toHaveLength(1);
    expect(after[0].id).toBe(recording.id);
    expect(kindsOf(after[0])).toEqual(['audio', 'chat', 'summary', 'transcript', 'video']);
    expect(after[0]).toMatchObject({ transcript: recording.transcript, summary: recording.summary, nextSteps: recording.nextSteps });

    // Zoom sending the same files again as new events (new inbox entries, so the handler runs again), transcript first.
    const recordingEvents = deliveries.filter((delivery) => delivery.event.startsWith('recording.') && String(delivery.body.payload.object.id) === zoomId).reverse();
    expect(recordingEvents.map((delivery) => delivery.event)).toEqual(['recording.transcript_completed', 'recording.completed']);
    for (const [index, delivery] of recordingEvents.entries()) {
      const body = JSON.stringify({ ...delivery.body, event_ts: delivery.body.event_ts + 1000 + index });
      expect((await postWebhook(stack.api.url, body, zoomHeaders(body, 'sim-webhook-secret'))).status).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const again = await recordings();
    expect(again).toHaveLength(1);
    expect(kindsOf(again[0])).toEqual(['audio', 'chat', 'summary', 'transcript', 'video']);
    expect(again[0]).toMatchObject({ transcript: recording.transcript, summary: recording.summary, nextSteps: recording.nextSteps, contact: { id: stack.contactId } });
  });
});
