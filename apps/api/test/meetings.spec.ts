import { DataSource } from 'typeorm';
import { type ZoomSim } from '../../zoom-sim/testing/zoom-sim-process';
import { type ConnectedStack, JORDAN_LEE, startConnectedStack } from './support/connected-stack';
import { eventually } from './support/eventually';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';
import { type TestApi } from './support/test-api';

const MEETING_FIELDS = `id type status occurredAt durationSeconds body contact { id } attachments { kind url title } zoom { meetingId }
  meeting { zoomMeetingId topic timezone startTime durationMinutes inviteeEmail inviteSequence inviteDelivery startedAt endedAt }`;
const SCHEDULE = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { ${MEETING_FIELDS} } }`;

interface SimMeeting {
  id: number;
  topic: string;
  start_time: string;
  duration: number;
  timezone: string;
  join_url: string;
}

const inDays = (days: number, hourUtc: number) => {
  const date = new Date(Date.now() + days * 86_400_000);
  date.setUTCHours(hourUtc, 0, 0, 0);
  return date.toISOString();
};

describe('Zoom meetings scheduled from the CRM', () => {
  let sim: ZoomSim;
  let smtp: SmtpSink;
  let api: TestApi;
  let session: string;
  let contactId: string;
  let stack: ConnectedStack;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    stack = await startConnectedStack({
      env: { SMTP_URL: smtp.url },
      colleagues: [{ email: 'admin@demo.test', role: 'admin' }],
      contact: { ...JORDAN_LEE, emails: ['jordan.lee@example.com'] },
    });
    ({ sim, api, session, contactId } = stack);
  });
  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  const schedule = (input: Record<string, unknown>, token = session) =>
    api.graphql<{ scheduleMeeting: any }>(SCHEDULE, { input: { contactId, topic: 'Viewing: 12 Oak St', durationMinutes: 45, timezone: 'America/Los_Angeles', ...input } }, token);
  const simMeetings = () => sim.control<SimMeeting[]>('GET', '/_sim/meetings?userEmail=agent@demo.test');
  const mailTo = (subject: string) => eventually(async () => smtp.messages.find((message) => message.subject === subject), (found) => Boolean(found));

  it('creates the meeting on the agent\u2019s Zoom account, puts it on the timeline with a Join link, and emails the contact an .ics', async () => {
    const startTime = inDays(3, 17);
    const { data, errors } = await schedule({ startTime, agenda: 'Bring the disclosures' });
    expect(errors).toBeUndefined();
    const activity = data!.scheduleMeeting;
    const [atZoom] = (await simMeetings()).filter((meeting) => String(meeting.id) === activity.zoom.meetingId);
    expect(atZoom).toMatchObject({ topic: 'Viewing: 12 Oak St', start_time: startTime.replace('.000Z', 'Z'), duration: 45, timezone: 'America/Los_Angeles' });
    expect(activity).toMatchObject({
      type: 'MEETING',
      status: 'Scheduled',
      occurredAt: startTime,
      durationSeconds: 2700,
      contact: { id: contactId },
      attachments: [{ kind: 'join', url: atZoom.join_url, title: 'Join Zoom meeting' }],
      meeting: { inviteeEmail: 'jordan.lee@example.com', inviteSequence: 0, inviteDelivery: 'SENT', timezone: 'America/Los_Angeles' },
    });

    const invite = await mailTo('Invitation: Viewing: 12 Oak St');
    expect(invite!.to).toMatchObject({ value: [{ address: 'jordan.lee@example.com', name: 'Jordan Lee' }] });
    expect(invite!.text).toContain(atZoom.join_url);
    expect(invite!.text).toContain('PST');
    const ics = smtp.calendarOf(invite!);
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain(`DTSTART:${startTime.replace(/[-:]/g, '').replace('.000Z', 'Z')}`);
    expect(ics).toContain(`UID:zoom-meeting-${atZoom.id}@switchboard`);
    expect(ics).toContain('SEQUENCE:0');
    expect(ics).toContain(atZoom.join_url);

    const emails = await api.graphql<{ activities: { edges: { node: { body: string } }[] } }>('query($c: ID) { activities(contactId: $c, types: [EMAIL]) { edges { node { body } } } }', { c: contactId }, session);
    expect(emails.data!.activities.edges.map((edge) => edge.node.body)).toContain('Invitation: Viewing: 12 Oak St');
  });

  it('reschedules at Zoom with an updated invite (same UID, SEQUENCE 1), then cancels with METHOD:CANCEL (SEQUENCE 2)', async () => {
    const { data } = await schedule({ topic: 'Offer review', startTime: inDays(4, 18) });
    const activityId = data!.scheduleMeeting.id;
    const zoomId = data!.scheduleMeeting.zoom.meetingId;
    const movedTo = inDays(5, 20);
    const moved = await api.graphql<{ updateMeeting: any }>(
      `mutation($id: ID!, $input: ScheduleMeetingInput!) { updateMeeting(activityId: $id, input: $input) { ${MEETING_FIELDS} } }`,
      { id: activityId, input: { contactId, topic: 'Offer review', startTime: movedTo, durationMinutes: 30, timezone: 'America/New_York' } },
      session,
    );
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.updateMeeting).toMatchObject({ occurredAt: movedTo, durationSeconds: 1800, meeting: { inviteSequence: 1, timezone: 'America/New_York' } });
    expect((await simMeetings()).find((meeting) => String(meeting.id) === zoomId)).toMatchObject({ start_time: movedTo.replace('.000Z', 'Z'), duration: 30, timezone: 'America/New_York' });
    const update = smtp.calendarOf((await mailTo('Updated invitation: Offer review'))!);
    expect(update).toContain('METHOD:REQUEST');
    expect(update).toContain('SEQUENCE:1');
    expect(update).toContain(`UID:zoom-meeting-${zoomId}@switchboard`);
    expect(update).toContain(`DTSTART:${movedTo.replace(/[-:]/g, '').replace('.000Z', 'Z')}`);

    const cancelled = await api.graphql<{ cancelMeeting: any }>(`mutation($id: ID!) { cancelMeeting(activityId: $id) { ${MEETING_FIELDS} } }`, { id: activityId }, session);
    expect(cancelled.data!.cancelMeeting).toMatchObject({ status: 'Cancelled', meeting: { inviteSequence: 2 } });
    expect((await simMeetings()).find((meeting) => String(meeting.id) === zoomId)).toBeUndefined();
    const cancel = smtp.calendarOf((await mailTo('Cancelled: Offer review'))!);
    expect(cancel).toContain('METHOD:CANCEL');
    expect(cancel).toContain('SEQUENCE:2');
    expect(cancel).toContain(`UID:zoom-meeting-${zoomId}@switchboard`);
  });

  it('marks the meeting ended with its real duration when Zoom says it started and ended, once, though each event comes twice', async () => {
    const { data } = await schedule({ topic: 'Listing walkthrough', startTime: inDays(1, 16) });
    const zoomId = data!.scheduleMeeting.zoom.meetingId;
    await sim.control('POST', `/_sim/meetings/${zoomId}/start`, { delivery: { duplicates: 1 } });
    await sim.control('POST', `/_sim/meetings/${zoomId}/end`, { durationMinutes: 38, delivery: { duplicates: 1 } });
    const ended = await eventually(
      async () => (await api.graphql<{ activity: any }>(`query($id: ID!) { activity(id: $id) { ${MEETING_FIELDS} } }`, { id: data!.scheduleMeeting.id }, session)).data!.activity,
      (activity) => activity.status === 'Ended',
    );
    expect(ended.durationSeconds).toBe(38 * 60);
    expect(new Date(ended.meeting.endedAt).getTime() - new Date(ended.meeting.startedAt).getTime()).toBe(38 * 60_000);
    const rows = await api.app.get(DataSource).query(`SELECT count(*)::int AS n FROM activities WHERE zoom->>'meetingId' = $1`, [zoomId]);
    expect(rows[0].n).toBe(1);
  });

  it('starts through a fresh start link that is never stored or logged', async () => {
    const { data } = await schedule({ topic: 'Seller call', startTime: inDays(2, 15) });
    const start = await fetch(`${api.url}/meetings/${data!.scheduleMeeting.id}/start`, { redirect: 'manual', headers: { cookie: `sb_session=${session}` } });
    expect(start.status).toBe(302);
    expect(start.headers.get('cache-control')).toBe('no-store');
    const startUrl = start.headers.get('location')!;
    const hostKey = new URL(startUrl).searchParams.get('zak')!;
    expect(hostKey.length).toBeGreaterThan(10);
    const db = api.app.get(DataSource);
    const tables: Array<{ table_name: string }> = await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    for (const { table_name: table } of tables) {
      const hits = await db.query(`SELECT count(*)::int AS n FROM "${table}" AS t WHERE t::text LIKE $1`, [`%${hostKey}%`]);
      expect({ table, hits: hits[0].n }).toEqual({ table, hits: 0 });
    }
    expect(api.logLines.join('\n')).not.toContain(hostKey);
    const anonymous = await fetch(`${api.url}/meetings/${data!.scheduleMeeting.id}/start`, { redirect: 'manual' });
    expect(anonymous.headers.get('location')).toBe('/login');
  });

  describe('errors a user understands', () => {
    it('a time in the past, an unknown timezone, a zero duration', async () => {
      const past = await schedule({ startTime: new Date(Date.now() - 3_600_000).toISOString() });
      expect(past.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startTime' });
      const zone = await schedule({ startTime: inDays(2, 10), timezone: 'Mars/Olympus' });
      expect(zone.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timezone' });
      const duration = await schedule({ startTime: inDays(2, 10), durationMinutes: 0 });
      expect(duration.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'durationMinutes' });
    });

    it('a contact without email: the meeting is created, the invite skipped, and it says so', async () => {
      const noEmail = await api.graphql<{ createContact: { id: string } }>('mutation { createContact(input: { firstName: "Nomail" }) { id } }', {}, session);
      const { data, errors } = await schedule({ contactId: noEmail.data!.createContact.id, startTime: inDays(2, 11) });
      expect(errors).toBeUndefined();
      expect(data!.scheduleMeeting).toMatchObject({ status: 'Scheduled', meeting: { inviteDelivery: 'SKIPPED_NO_EMAIL', inviteeEmail: null } });
    });

    it('not connected to Zoom', async () => {
      const admin = await api.login('admin@demo.test');
      const result = await schedule({ startTime: inDays(2, 12) }, admin);
      expect(result.errors?.[0].extensions?.code).toBe('ZOOM_NOT_CONNECTED');
    });

    it("Zoom's daily meeting-create limit", async () => {
      await sim.control('POST', '/_sim/config', { rateLimits: { meetingWritesPerUserPerDay: 0 } });
      try {
        const result = await schedule({ startTime: inDays(2, 13) });
        expect(result.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', daily: true });
        expect(result.errors?.[0].message).toMatch(/daily/i);
      } finally {
        await sim.control('POST', '/_sim/config', { rateLimits: { meetingWritesPerUserPerDay: 100 } });
      }
    });

    it('a dead Zoom grant: Reconnect Zoom', async () => {
      await sim.control('POST', '/_sim/tokens/revoke', { userEmail: 'agent@demo.test' });
      await sim.control('POST', '/_sim/tokens/expire', { userEmail: 'agent@demo.test' });
      const result = await schedule({ startTime: inDays(2, 14) });
      expect(result.errors?.[0].extensions?.code).toBe('ZOOM_RECONNECT_REQUIRED');
    });
  });
});
