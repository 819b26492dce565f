// "Sync recordings" (the 30-day sweep) as a fraction of what Zoom's rate limits allow: 1,000 past meetings with
// cloud recordings (MP4, M4A, VTT) in the simulator, which enforces the Pro plan's per-second limits by category;
// the real api (role "all") runs `syncZoomRecordings` and is polled through `recordingSync` until DONE.
//
// The shortest time the limits permit for the requests the sweep needs, T_ideal = max(P / L_medium, R / L_light):
// P list pages (GET /users/me/recordings, MEDIUM; 300 a page at most, one page set per month window) and R
// per-recording requests in the LIGHT category (GET /meetings/{id} for the invitees of a meeting the CRM did not
// schedule, GET /meetings/{uuid}/meeting_summary), the first of each path in the simulator's request log (later
// ones are the summary's queued retries, not the sweep's). The transcript downloads (/rec/download) are not under
// the REST limits. Fraction = T_ideal / T_actual, T_actual from the run's startedAt to finishedAt.
import { requireCompiled } from './lib/stack.mjs';
import { AGENT_EMAIL, startZoomAgent, waitUntil } from './lib/zoom-agent.mjs';

const RECORDINGS = 1000;
/** The sweep lists today and the 29 UTC days before it: a past of 29 x 24 h falls inside it (one of 30 x 24 h partly before it). */
const DAYS = 29;
const MAX_PAGE_SIZE = 300;
/** The api asks again for a summary Zoom did not have a minute later (recordings.service.ts). */
const SUMMARY_RETRY_MS = 60_000;

export async function run() {
  const { splitIntoMonthWindows } = requireCompiled('libs/zoom/src/rest/date-windows.js');
  const agent = await startZoomAgent();
  try {
    const { sim } = agent;
    const limits = (await sim.control('GET', '/_sim/config')).rateLimits.perSecond.Pro;
    // Connecting backfills the calls; it is let finish so that only the sweep runs.
    await waitUntil(async () => ['DONE', 'FAILED'].includes((await agent.query('{ callSync { status } }')).callSync?.status), { timeoutMs: 60_000, everyMs: 200, what: 'the call backfill' });
    await sim.control('POST', '/_sim/meetings/history', { userEmail: AGENT_EMAIL, count: RECORDINGS, days: DAYS, withTranscript: true });
    const logged = (await sim.control('GET', '/_sim/requests')).length;

    await agent.query('mutation { syncZoomRecordings { status } }');
    const progress = [];
    const sync = await waitUntil(
      async () => {
        const { recordingSync } = await agent.query('{ recordingSync { status processed total percent rejected error rangeFrom rangeTo startedAt finishedAt } }');
        progress.push({ at: Date.now(), processed: recordingSync?.processed ?? 0 });
        return ['DONE', 'FAILED'].includes(recordingSync?.status) && recordingSync;
      },
      { timeoutMs: 20 * 60_000, everyMs: 200, what: 'the recording sweep' },
    );
    if (sync.status !== 'DONE' || sync.processed !== RECORDINGS) throw new Error(`sweep ended ${sync.status} with ${sync.processed} recordings: ${sync.error}`);
    const seconds = (Date.parse(sync.finishedAt) - Date.parse(sync.startedAt)) / 1000;

    const requests = (await sim.control('GET', '/_sim/requests')).slice(logged);
    const listing = requests.filter((request) => request.path === '/v2/users/me/recordings');
    const light = requests.filter((request) => /^\/v2\/meetings\/[^/]+(\/meeting_summary)?$/.test(request.path));
    const firstLight = new Set(light.filter((request) => request.status !== 429).map((request) => request.path)).size;
    const downloads = requests.filter((request) => request.path.startsWith('/rec/download/')).length;
    const meetings = await sim.control('GET', `/_sim/meetings?userEmail=${AGENT_EMAIL}`);
    const pages = splitIntoMonthWindows(sync.rangeFrom, sync.rangeTo)
      .map((window) => meetings.filter((meeting) => meeting.start_time.slice(0, 10) >= window.from && meeting.start_time.slice(0, 10) <= window.to).length)
      .reduce((sum, count) => sum + Math.max(1, Math.ceil(count / MAX_PAGE_SIZE)), 0);
    const listSeconds = pages / limits.medium;
    const lightSeconds = firstLight / limits.light;
    const ideal = Math.max(listSeconds, lightSeconds);
    const binding = lightSeconds >= listSeconds ? `LIGHT ${limits.light}/s` : `MEDIUM ${limits.medium}/s`;
    const throttled = (list) => list.filter((request) => request.status === 429).length;
    // The rate in the first minute and after it: a summary Zoom did not have is asked for again a minute later.
    const minuteIn = Date.parse(sync.startedAt) + SUMMARY_RETRY_MS;
    const byMinute = progress.findLast((sample) => sample.at <= minuteIn)?.processed ?? 0;
    const phases = seconds > SUMMARY_RETRY_MS / 1000 ? `, ${(byMinute / (SUMMARY_RETRY_MS / 1000)).toFixed(1)}/s in the first minute and ${((RECORDINGS - byMinute) / (seconds - SUMMARY_RETRY_MS / 1000)).toFixed(1)}/s after it` : '';
    return [
      {
        benchmark: `"Sync recordings" sweep of ${RECORDINGS.toLocaleString('en-US')} recordings over 30 days (Pro plan; binding limit ${binding})`,
        metric: 'ideal time / actual time',
        value: `${(ideal / seconds).toFixed(2)} (${seconds.toFixed(1)} s; ideal ${ideal.toFixed(1)} s)`,
        target: '>= 0.9',
        note:
          `${(RECORDINGS / seconds).toFixed(1)} recordings/s${phases}; ideal = max(${pages} pages of ${MAX_PAGE_SIZE} / ${limits.medium}/s = ${listSeconds.toFixed(2)} s, ` +
          `${firstLight} light requests / ${limits.light}/s = ${lightSeconds.toFixed(1)} s); made: ${listing.length} list requests (${throttled(listing)} answered 429), ` +
          `${light.length} GET /meetings/{id} and meeting_summary (${throttled(light)} answered 429, ${light.length - throttled(light) - firstLight} repeats), ${downloads} VTT downloads`,
      },
    ];
  } finally {
    await agent.stop();
  }
}
