import { formatMinutes, mediaTimestamp, relativeTime } from '../format';
import type { Activity } from '../graphql';
import type { TimelineActivity } from './queries';

/** A call's kind as an agent says it: who called, or how it ended when it did not connect. */
function callKind(activity: Activity): string {
  const way = activity.direction === 'INBOUND' ? 'Inbound call' : activity.direction === 'OUTBOUND' ? 'Outbound call' : activity.direction === 'INTERNAL' ? 'Internal call' : 'Call';
  switch (activity.result) {
    case 'MISSED':
      return activity.direction === 'OUTBOUND' ? 'Outbound call · no answer' : 'Missed call';
    case 'REJECTED':
      return `${way} · declined`;
    case 'BUSY':
      return `${way} · busy`;
    case 'CANCELLED':
      return `${way} · cancelled`;
    case 'VOICEMAIL':
      return `${way} · to voicemail`;
    default:
      return way;
  }
}

/** The first line of an entry: "Missed call · 0:00", "Inbound call · 4:05", "Voicemail · 1:00", "Meeting · 45 min". */
export function summaryLine(activity: Activity): string {
  // No length yet (a call Zoom has not reported): none shown rather than a made-up 0:00.
  const length = activity.durationSeconds === null ? '' : ` · ${mediaTimestamp(activity.durationSeconds)}`;
  switch (activity.type) {
    case 'CALL':
      return `${callKind(activity)}${length}`;
    case 'VOICEMAIL':
      return `Voicemail${length}`;
    case 'MEETING': {
      const seconds = activity.durationSeconds ?? (activity.meeting ? activity.meeting.durationMinutes * 60 : null);
      return seconds ? `Meeting · ${formatMinutes(seconds)}` : 'Meeting';
    }
    case 'RECORDING':
      return activity.body ?? 'Zoom recording';
    case 'SMS':
      return activity.direction === 'INBOUND' ? 'Text received' : 'Text sent';
    case 'NOTE':
      return 'Note';
    case 'EMAIL':
      return 'Email';
    default:
      return activity.type;
  }
}

const HOUR_MS = 3_600_000;
/** Longer than any meeting runs without Zoom telling us it ended. */
const STILL_RUNNING_MS = 12 * HOUR_MS;
const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayAndClock = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });

/** "10:02" today, "Mon 30 Nov, 10:02" on another day. */
function clockTime(instant: number, now: number): string {
  return new Date(instant).toDateString() === new Date(now).toDateString() ? clock.format(instant) : dayAndClock.format(instant);
}

/**
 * Where a meeting stands, in words that are true at `now`. A meeting's `occurredAt` is its scheduled start (moved
 * when it is rescheduled); `meeting.startedAt` / `endedAt` are what Zoom reported. So an ended meeting reads from
 * its real end, a started one from its real start, and one started and then moved to a later time reads as
 * scheduled again: its next start is what the agent needs.
 */
export function meetingState(activity: TimelineActivity, now: number): string {
  const scheduledStart = new Date(activity.occurredAt).getTime();
  const startedAt = activity.meeting?.startedAt ? new Date(activity.meeting.startedAt).getTime() : null;
  switch (activity.status) {
    case 'Cancelled':
      return 'Cancelled';
    case 'Ended': {
      const endedAt = activity.meeting?.endedAt ? new Date(activity.meeting.endedAt).getTime() : activity.durationSeconds !== null ? (startedAt ?? scheduledStart) + activity.durationSeconds * 1000 : null;
      return endedAt !== null && endedAt <= now ? `Ended ${relativeTime(new Date(endedAt).toISOString(), now)}` : 'Ended';
    }
    case 'Started': {
      // Started and due again later: still running when it started recently (a host may start hours early), else
      // it was moved after that start and its next one is what matters. Without Zoom's start, only the time tells.
      const moved = scheduledStart > now && (startedAt !== null ? now - startedAt > STILL_RUNNING_MS : scheduledStart - now > HOUR_MS);
      if (!moved) return `Started ${clockTime(startedAt ?? Math.min(scheduledStart, now), now)}`;
      return `Scheduled · ${relativeTime(activity.occurredAt, now)}`;
    }
    default:
      return scheduledStart > now ? `Scheduled · ${relativeTime(activity.occurredAt, now)}` : `Not started · was due ${relativeTime(activity.occurredAt, now)}`;
  }
}

/** What the upcoming list holds (as upcomingMeetings does): meetings not ended or cancelled, from an hour ago on. */
export function isUpcomingMeeting(activity: Activity, now: number): boolean {
  return activity.type === 'MEETING' && activity.status !== 'Ended' && activity.status !== 'Cancelled' && new Date(activity.occurredAt).getTime() >= now - HOUR_MS;
}

const dayLabel = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
const dayLabelWithYear = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });

/** The heading of the viewer's day an instant fell on: "Today", "Yesterday", "Mon 30 Nov" (a year added for other years). */
export function dayHeading(iso: string, now: number): string {
  const day = new Date(iso);
  const today = new Date(now);
  const yesterday = new Date(now);
  yesterday.setDate(today.getDate() - 1);
  if (day.toDateString() === today.toDateString()) return 'Today';
  if (day.toDateString() === yesterday.toDateString()) return 'Yesterday';
  return (day.getFullYear() === today.getFullYear() ? dayLabel : dayLabelWithYear).format(day);
}
