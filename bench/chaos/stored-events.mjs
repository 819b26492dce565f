// What PostgreSQL holds of a scenario's events, read straight from the tables (not through the api): each event's inbox
// rows, found by its event name and event_ts, and each call's activities, found by its call id.
import { setTimeout as delay } from 'node:timers/promises';

const UNFINISHED = ['received', 'processing'];
const POLL_MS = 100;

const timestamps = (events) => [...new Set(events.map((event) => String(event.ts)))];

/**
 * Milliseconds from `receivedUpTo` until every inbox row of `events` received by then is finished with (processed,
 * failed...), or null when that has not happened within `timeoutMs`. While PostgreSQL is down it keeps asking.
 */
export async function waitForDrain(db, events, { receivedUpTo, timeoutMs }) {
  const deadline = receivedUpTo + timeoutMs;
  for (;;) {
    const unfinished = await db
      .query(`SELECT count(*)::int AS n FROM webhook_inbox WHERE event_ts = ANY($1::bigint[]) AND status = ANY($2) AND received_at <= $3`, [timestamps(events), UNFINISHED, new Date(receivedUpTo)])
      .then(({ rows }) => rows[0].n, () => null);
    if (unfinished === 0) return Math.max(0, Date.now() - receivedUpTo);
    if (Date.now() > deadline) return null;
    await delay(POLL_MS);
  }
}

/** Inbox rows not yet finished with: the backlog (every earlier scenario's rows are finished before the next starts). */
export async function countUnfinished(db) {
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM webhook_inbox WHERE status = ANY($1)`, [UNFINISHED]);
  return rows[0].n;
}

/**
 * `inbox`: per event key (`<event>@<event_ts>`), its rows and their statuses; `activities`: per call id, how many
 * activities carry it.
 */
export async function readStored(db, events) {
  const inbox = new Map();
  const { rows: inboxRows } = await db.query(`SELECT event, event_ts, status, count(*)::int AS n FROM webhook_inbox WHERE event_ts = ANY($1::bigint[]) GROUP BY 1, 2, 3`, [timestamps(events)]);
  for (const row of inboxRows) {
    const key = `${row.event}@${row.event_ts}`;
    const entry = inbox.get(key) ?? { rows: 0, statuses: [] };
    entry.rows += row.n;
    entry.statuses.push(row.status);
    inbox.set(key, entry);
  }
  const callIds = [...new Set(events.map((event) => event.callId))];
  const { rows: activityRows } = await db.query(`SELECT zoom->>'callId' AS call_id, count(*)::int AS n FROM activities WHERE zoom->>'callId' = ANY($1) GROUP BY 1`, [callIds]);
  return { inbox, activities: new Map(activityRows.map((row) => [row.call_id, row.n])) };
}

export const eventKey = (event) => `${event.name}@${event.ts}`;
