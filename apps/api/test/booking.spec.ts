import type { ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';
import { type ConnectedStack, startConnectedStack } from './support/connected-stack';
import { eventually } from './support/eventually';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';

interface SimMeeting {
  id: number;
  start_time: string;
  duration: number;
}

interface GraphQLAnswer<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, any> }>;
}

const BOOKING_FIELDS = 'id status startTime durationMinutes joinUrl manageToken manageUrl agentName timezone calendarFile';
const BOOK = `mutation($input: BookMeetingInput!) { bookMeeting(input: $input) { ${BOOKING_FIELDS} } }`;
const SLOTS = 'query($slug: String!, $d: Int!, $from: DateTime!, $to: DateTime!) { bookingSlots(slug: $slug, durationMinutes: $d, from: $from, to: $to) }';
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
const DAY_MS = 86_400_000;
/** The single recipient's address of a message the sink received. */
const recipient = (message: ParsedMail) => (Array.isArray(message.to) ? message.to[0] : message.to)?.value[0]?.address;
const icsTime = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');

describe('public booking links', () => {
  let stack: ConnectedStack;
  let smtp: SmtpSink;
  let slug: string;
  let prospectNumber = 0;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    stack = await startConnectedStack({ env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  /** A public request, from `address` as the api sees it through the loopback proxy it trusts. */
  async function publicGraphql<T>(query: string, variables: Record<string, unknown>, address = '203.0.113.10'): Promise<GraphQLAnswer<T> & { status: number }> {
    const response = await fetch(`${stack.api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as GraphQLAnswer<T>) };
  }

  const slots = async (from: Date, days: number, durationMinutes = 30) => {
    const answer = await publicGraphql<{ bookingSlots: string[] }>(SLOTS, { slug, d: durationMinutes, from: from.toISOString(), to: new Date(from.getTime() + days * DAY_MS).toISOString() });
    expect(answer.errors).toBeUndefined();
    return answer.data!.bookingSlots;
  };
  const prospect = () => {
    prospectNumber += 1;
    return { name: `Pat Prospect${prospectNumber}`, email: `pat${prospectNumber}@example.com`, phone: '+49 30 901820', timezone: 'Europe/Berlin' };
  };
  const book = (startTime: string, fields: Record<string, unknown> = prospect(), address?: string) =>
    publicGraphql<{ bookMeeting: any }>(BOOK, { input: { slug, startTime, durationMinutes: 30, ...fields } }, address);
  const simMeetingsAt = async (startTime: string) =>
    (await stack.sim.control<SimMeeting[]>('GET', '/_sim/meetings?userEmail=agent@demo.test')).filter((meeting) => Date.parse(meeting.start_time) === Date.parse(startTime));
  const tomorrow = () => new Date(Math.ceil(Date.now() / DAY_MS) * DAY_MS + DAY_MS);

  it('starts off, with defaults that one click turns on, and refuses bad settings field by field', async () => {
    const defaults = await stack.api.graphql<{ bookingSettings: any }>('{ bookingSettings { enabled slug url timezone durations weeklyHours { weekday start end } } }', {}, stack.session);
    expect(defaults.data!.bookingSettings).toMatchObject({ enabled: false, slug: 'agent', durations: [30] });
    expect(defaults.data!.bookingSettings.url).toBe(`${stack.api.config.publicUrl}/book/agent`);
    expect(defaults.data!.bookingSettings.weeklyHours).toHaveLength(5);
    slug = defaults.data!.bookingSettings.slug;
    expect((await publicGraphql<{ bookingPage: unknown }>('query($s: String!) { bookingPage(slug: $s) { slug } }', { s: slug })).data!.bookingPage).toBeNull();

    const refused = async (input: Record<string, unknown>) =>
      (await stack.api.graphql('mutation($i: BookingSettingsInput!) { updateBookingSettings(input: $i) { slug } }', { i: input }, stack.session)).errors?.[0]?.extensions;
    expect(await refused({ slug: 'No Spaces!' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'slug' });
    expect(await refused({ timezone: 'Mars/Olympus' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timezone' });
    expect(await refused({ weeklyHours: [{ weekday: 1, start: '09:00', end: '12:00' }, { weekday: 1, start: '11:00', end: '13:00' }] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'weeklyHours' });
    expect(await refused({ durations: [] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'durations' });

    const on = await stack.api.graphql<{ updateBookingSettings: any }>(
      'mutation($i: BookingSettingsInput!) { updateBookingSettings(input: $i) { enabled timezone minNoticeMinutes } }',
      { i: { enabled: true, timezone: 'America/Los_Angeles', weeklyHours: EVERY_DAY, minNoticeMinutes: 0, bufferMinutes: 0 } },
      stack.session,
    );
    expect(on.data!.updateBookingSettings).toEqual({ enabled: true, timezone: 'America/Los_Angeles', minNoticeMinutes: 0 });
    const page = await publicGraphql<{ bookingPage: any }>('query($s: String!) { bookingPage(slug: $s) { agentName agentInitials durations timezone available meetingLimitMinutes } }', { s: slug });
    expect(page.data!.bookingPage).toMatchObject({ agentName: 'agent', agentInitials: 'A', durations: [30], timezone: 'America/Los_Angeles', available: true });
  });

  it('does not offer a slot covered by a meeting made in Zoom directly, and refuses to book it', async () => {
    const [first] = await slots(tomorrow(), 1);
    await stack.sim.control('POST', '/_sim/meetings', { userEmail: 'agent@demo.test', startTime: first, durationMinutes: 60, topic: 'Booked in Zoom' });
    // Zoom's meeting.created tells the page its copy of the calendar is stale.
    const after = await eventually(() => slots(tomorrow(), 1), (offered) => !offered.includes(first));
    expect(after).not.toContain(first);
    expect(after).not.toContain(new Date(Date.parse(first) + 30 * 60_000).toISOString());
    const refused = await book(first);
    expect(refused.errors?.[0]?.extensions?.code).toBe('SLOT_UNAVAILABLE');
    expect(refused.errors?.[0]?.extensions?.nextSlots?.[0]).toBe(after[0]);
  });

  it('books a slot for a prospect in another time zone: a Zoom meeting at that instant, a new lead with the MEETING activity, the invite with its .ics', async () => {
    const startTime = (await slots(new Date(tomorrow().getTime() + DAY_MS), 1))[4];
    const fields = prospect();
    const answer = await book(startTime, { ...fields, note: 'Looking at 3-bed homes <b>near</b> the park' });
    expect(answer.errors).toBeUndefined();
    const booking = answer.data!.bookMeeting;
    expect(booking).toMatchObject({ status: 'CONFIRMED', startTime, durationMinutes: 30, agentName: 'agent', timezone: 'Europe/Berlin' });
    expect(booking.manageUrl).toBe(`${stack.api.config.publicUrl}/book/manage/${booking.manageToken}`);
    expect(booking.calendarFile).toContain(`DTSTART:${icsTime(startTime)}`);

    const [atZoom] = await simMeetingsAt(startTime);
    expect(atZoom).toMatchObject({ duration: 30 });
    expect(booking.joinUrl).toContain(String(atZoom.id));

    const contacts = await stack.api.graphql<{ contacts: any }>('query($q: String) { contacts(search: $q) { edges { node { id stage emails } } } }', { q: fields.email }, stack.session);
    const [lead] = contacts.data!.contacts.edges.map((edge: any) => edge.node);
    expect(lead).toMatchObject({ stage: 'lead', emails: [fields.email] });
    const timeline = await stack.api.graphql<{ activities: any }>('query($c: ID) { activities(contactId: $c, types: [MEETING]) { edges { node { occurredAt status } } } }', { c: lead.id }, stack.session);
    expect(timeline.data!.activities.edges.map((edge: any) => edge.node)).toEqual([{ occurredAt: startTime, status: 'Scheduled' }]);

    const invite = await eventually(async () => smtp.messages.find((message) => recipient(message) === fields.email), Boolean);
    expect(smtp.calendarOf(invite!)).toContain(`DTSTART:${icsTime(startTime)}`);
    expect(invite!.text).toContain(booking.manageUrl);
    expect(invite!.text).toContain('(Europe/Berlin)');
    const told = await eventually(async () => smtp.messages.find((message) => message.subject === `New booking: ${fields.name}`), Boolean);
    expect(told!.to).toMatchObject({ value: [{ address: 'agent@demo.test' }] });
  });

  it('gives one of twenty simultaneous bookings of a slot the slot, and the other nineteen a clear "taken"', async () => {
    const startTime = (await slots(new Date(tomorrow().getTime() + 2 * DAY_MS), 1))[6];
    const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => book(startTime, prospect(), `198.51.100.${index + 1}`)));
    const won = answers.filter((answer) => answer.data?.bookMeeting);
    const taken = answers.filter((answer) => answer.errors?.[0]?.extensions?.code === 'SLOT_UNAVAILABLE');
    expect({ won: won.length, taken: taken.length }).toEqual({ won: 1, taken: 19 });
    expect(taken[0].errors![0].message).toMatch(/no longer free/);
    expect(await simMeetingsAt(startTime)).toHaveLength(1);
    const rows = await stack.api.app.get(DataSource).query(`SELECT count(*)::int AS n FROM bookings WHERE start_time = $1 AND status = 'CONFIRMED'`, [startTime]);
    expect(rows[0].n).toBe(1);
  });

  it('reschedules and cancels through the manage token, updating Zoom, the activity and the invite; a wrong token changes nothing', async () => {
    const day = new Date(tomorrow().getTime() + 3 * DAY_MS);
    const free = await slots(day, 1);
    const fields = prospect();
    const booked = (await book(free[2], fields)).data!.bookMeeting;
    const [atZoom] = await simMeetingsAt(free[2]);

    const wrong = await publicGraphql<unknown>('mutation($t: String!) { cancelBooking(token: $t) { id } }', { t: `${booked.id}.${'x'.repeat(32)}` });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await publicGraphql<{ booking: unknown }>(`query($t: String!) { booking(token: $t) { id } }`, { t: 'nonsense' })).data!.booking).toBeNull();
    expect(await simMeetingsAt(free[2])).toHaveLength(1);

    const moved = await publicGraphql<{ rescheduleBooking: any }>(`mutation($t: String!, $s: DateTime!) { rescheduleBooking(token: $t, startTime: $s) { ${BOOKING_FIELDS} } }`, {
      t: booked.manageToken,
      s: free[8],
    });
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.rescheduleBooking).toMatchObject({ status: 'CONFIRMED', startTime: free[8] });
    const atZoomMoved = (await stack.sim.control<SimMeeting[]>('GET', '/_sim/meetings?userEmail=agent@demo.test')).find((meeting) => meeting.id === atZoom.id);
    expect(Date.parse(atZoomMoved!.start_time)).toBe(Date.parse(free[8]));
    const update = await eventually(async () => smtp.messages.find((message) => recipient(message) === fields.email && Boolean(message.subject?.startsWith('Updated'))), Boolean);
    expect(smtp.calendarOf(update!)).toContain('SEQUENCE:1');
    expect(smtp.calendarOf(update!)).toContain(`DTSTART:${icsTime(free[8])}`);
    expect(await slots(day, 1)).toContain(free[2]);

    const cancelled = await publicGraphql<{ cancelBooking: any }>(`mutation($t: String!) { cancelBooking(token: $t) { status joinUrl calendarFile } }`, { t: booked.manageToken });
    expect(cancelled.data!.cancelBooking).toMatchObject({ status: 'CANCELLED', joinUrl: null });
    expect(cancelled.data!.cancelBooking.calendarFile).toContain('METHOD:CANCEL');
    expect(await simMeetingsAt(free[8])).toHaveLength(0);
    const cancel = await eventually(async () => smtp.messages.find((message) => recipient(message) === fields.email && Boolean(message.subject?.startsWith('Cancelled'))), Boolean);
    expect(smtp.calendarOf(cancel!)).toContain('METHOD:CANCEL');
    expect(smtp.calendarOf(cancel!)).toContain('SEQUENCE:2');
  });

  it('frees the slot and cancels the booking when the agent deletes the meeting in Zoom itself', async () => {
    const day = new Date(tomorrow().getTime() + 5 * DAY_MS);
    const startTime = (await slots(day, 1))[5];
    const booked = (await book(startTime)).data!.bookMeeting;
    expect(await slots(day, 1)).not.toContain(startTime);
    const [atZoom] = await simMeetingsAt(startTime);
    await stack.sim.control('POST', `/_sim/meetings/${atZoom.id}/delete`, {});
    const cancelled = await eventually(
      async () => (await publicGraphql<{ booking: { status: string } }>('query($t: String!) { booking(token: $t) { status } }', { t: booked.manageToken })).data!.booking,
      (booking) => booking.status === 'CANCELLED',
    );
    expect(cancelled.status).toBe('CANCELLED');
    expect(await slots(day, 1)).toContain(startTime);
  });

  it("says clearly when Zoom's 100 meeting creates a day for the agent are used up, and keeps the slot free", async () => {
    const startTime = (await slots(new Date(tomorrow().getTime() + 6 * DAY_MS), 1))[1];
    await stack.sim.control('POST', '/_sim/config', { rateLimits: { meetingWritesPerUserPerDay: 0 } });
    try {
      const refused = await book(startTime);
      expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(refused.errors?.[0]?.message).toMatch(/can't take more bookings today/);
    } finally {
      await stack.sim.control('POST', '/_sim/config', { rateLimits: { meetingWritesPerUserPerDay: 100 } });
    }
    expect(await slots(new Date(tomorrow().getTime() + 6 * DAY_MS), 1)).toContain(startTime);
  });

  it('rate limits a burst of 100 bookings from one address without a 5xx, and drops what a bot fills into the hidden field', async () => {
    const startTime = (await slots(new Date(tomorrow().getTime() + 4 * DAY_MS), 1))[3];
    const bot = await book(startTime, { ...prospect(), website: 'http://spam.example' }, '192.0.2.99');
    expect(bot.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const answers = await Promise.all(Array.from({ length: 100 }, () => book(startTime, prospect(), '192.0.2.77')));
    expect(answers.every((answer) => answer.status < 500)).toBe(true);
    const codes = answers.map((answer) => answer.errors?.[0]?.extensions?.code ?? 'BOOKED');
    expect(codes.filter((code) => code === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(90);
    expect(codes.filter((code) => code === 'BOOKED').length).toBeLessThanOrEqual(1);
    expect(await simMeetingsAt(startTime)).toHaveLength(codes.includes('BOOKED') ? 1 : 0);
  });

  it('says booking is unavailable on the page of an agent whose Zoom is not connected, instead of failing after submit', async () => {
    await stack.api.graphql('mutation { disconnectZoom { status } }', {}, stack.session);
    const page = await publicGraphql<{ bookingPage: any }>('query($s: String!) { bookingPage(slug: $s) { available unavailableReason } }', { s: slug });
    expect(page.data!.bookingPage.available).toBe(false);
    expect(page.data!.bookingPage.unavailableReason).toMatch(/can't take bookings online/);
    expect(await slots(tomorrow(), 1)).toEqual([]);
  });
});
