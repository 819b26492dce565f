// Public booking links, through the real api (role "all") and the simulator: (1) `bookingSlots` for 60 days ahead
// with 500 meetings on the agent's Zoom account (read from Zoom, two pages of 300, then from the page's copy until
// the agent's calendar changes), and
// (2) a booking end to end: `bookMeeting` submitted -> Zoom meeting created -> the MEETING activity on the agent's
// subscribed client. The requests come from distinct addresses (X-Forwarded-For from loopback, which the api
// trusts) so that the per-address limits, which are not under test, stay out of the way; the per-link limits hold.
import { percentile } from './lib/stack.mjs';
import { startZoomAgent, waitUntil } from './lib/zoom-agent.mjs';

const ZOOM_MEETINGS = 500;
const SLOT_QUERIES = 100;
const BOOKINGS = 40;
const WARMUP = 5;
const DAY_MS = 86_400_000;
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' }));

async function publicGraphql(url, query, variables, address) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`${body.errors[0].extensions?.code}: ${body.errors[0].message}`);
  return body.data;
}

export async function run() {
  const agent = await startZoomAgent();
  try {
    const { sim, api } = agent;
    await sim.control('POST', '/_sim/config', { rateLimits: { meetingWritesPerUserPerDay: 10_000 } });
    const { updateBookingSettings: settings } = await agent.query(
      'mutation($i: BookingSettingsInput!) { updateBookingSettings(input: $i) { slug } }',
      { i: { enabled: true, timezone: 'America/Los_Angeles', weeklyHours: EVERY_DAY, maxDaysAhead: 90, minNoticeMinutes: 0, bufferMinutes: 10 } },
    );
    const firstDay = Math.ceil(Date.now() / DAY_MS) * DAY_MS + DAY_MS;
    for (let index = 0; index < ZOOM_MEETINGS; index += 1) {
      // Spread over the 60 days, on the quarter hour, so they cut into the working hours.
      const startTime = new Date(firstDay + Math.floor((index * 60 * DAY_MS) / ZOOM_MEETINGS / 900_000) * 900_000).toISOString();
      await sim.control('POST', '/_sim/meetings', { userEmail: agent.zoomUser.email, startTime, durationMinutes: 45, topic: `Busy ${index}` });
    }

    const from = new Date(firstDay).toISOString();
    const to = new Date(firstDay + 60 * DAY_MS).toISOString();
    const slotQuery = 'query($s: String!, $from: DateTime!, $to: DateTime!) { bookingSlots(slug: $s, durationMinutes: 30, from: $from, to: $to) }';
    const slotTimes = [];
    let offered = 0;
    for (let index = 0; index < SLOT_QUERIES + WARMUP; index += 1) {
      const started = performance.now();
      const { bookingSlots } = await publicGraphql(api.url, slotQuery, { s: settings.slug, from, to }, `198.18.0.${index % 250}`);
      if (index >= WARMUP) slotTimes.push(performance.now() - started);
      offered = bookingSlots.length;
    }
    slotTimes.sort((a, b) => a - b);

    const seen = new Map();
    await agent.subscribe('subscription { activityAdded { id type occurredAt } }', {}, (data) => {
      const activity = data.activityAdded;
      if (activity.type === 'MEETING' && !seen.has(activity.occurredAt)) seen.set(activity.occurredAt, Date.now());
    });
    const { bookingSlots: free } = await publicGraphql(api.url, slotQuery, { s: settings.slug, from, to }, '198.19.0.1');
    const bookingTimes = [];
    const book = 'mutation($i: BookMeetingInput!) { bookMeeting(input: $i) { startTime } }';
    for (let index = 0; index < BOOKINGS + WARMUP; index += 1) {
      // Every seventh free slot: far enough apart that the buffer never makes the next one taken.
      const startTime = free[index * 7];
      const submitted = Date.now();
      await publicGraphql(api.url, book, { i: { slug: settings.slug, startTime, durationMinutes: 30, name: `Bench Prospect ${index}`, email: `bench${index}@example.com`, timezone: 'Europe/Berlin' } }, `198.19.1.${index}`);
      const shown = await waitUntil(() => seen.get(startTime), { timeoutMs: 10_000, what: `the MEETING activity of booking ${index}` });
      if (index >= WARMUP) bookingTimes.push(shown - submitted);
    }
    bookingTimes.sort((a, b) => a - b);
    return [
      {
        benchmark: 'Booking: bookingSlots for 60 days ahead with 500 Zoom meetings',
        metric: 'p95 latency',
        value: `${percentile(slotTimes, 95).toFixed(1)} ms`,
        target: '< 50 ms',
        note: `p50 ${percentile(slotTimes, 50).toFixed(1)} ms over ${SLOT_QUERIES} queries from distinct addresses, one at a time (after ${WARMUP} of warm-up, the first of which read the 500 meetings from the simulator); bookings and the daily cap from PostgreSQL; ${offered} slots offered`,
      },
      {
        benchmark: 'Booking: bookMeeting -> Zoom meeting -> MEETING activity on a subscribed client',
        metric: 'p95 latency',
        value: `${percentile(bookingTimes, 95)} ms`,
        target: 'measured (no target set)',
        note: `p50 ${percentile(bookingTimes, 50)} ms over ${BOOKINGS} bookings, one at a time; each reads the 500 Zoom meetings afresh, takes the agent's lock, creates the contact (a new lead), the Zoom meeting and the invite (kept in the outbox)`,
      },
    ];
  } finally {
    await agent.stop();
  }
}
