import { zonedInputToDate } from '../format';
import type { Activity } from '../graphql';
import { isKnownTimeZone } from '../timeline/time-zones';

/** The form's fields as typed; `start` is a datetime-local value in `timezone`. */
export interface MeetingFormValues {
  topic: string;
  start: string;
  timezone: string;
  durationMinutes: number;
  agenda: string;
}

export type MeetingField = 'topic' | 'startTime' | 'timezone' | 'durationMinutes' | 'agenda';
export type MeetingProblems = Partial<Record<MeetingField, string>>;

/** The api's limits (scheduleMeeting), said the way an agent reads them. */
const TOPIC_MAX = 200;
const AGENDA_MAX = 2000;
const DURATION_MAX = 1440;

/** Every problem of the form at once, keyed by the api's field names so its answers land on the same fields. */
export function meetingProblems(values: MeetingFormValues, now = Date.now()): MeetingProblems {
  const problems: MeetingProblems = {};
  const topic = values.topic.trim();
  if (!topic) problems.topic = 'Give the meeting a topic.';
  else if (topic.length > TOPIC_MAX) problems.topic = `Keep the topic under ${TOPIC_MAX} characters (it has ${topic.length}).`;
  if (!isKnownTimeZone(values.timezone)) problems.timezone = 'Pick a time zone from the list.';
  if (!values.start) problems.startTime = 'Pick a date and time.';
  else if (!problems.timezone && zonedInputToDate(values.start, values.timezone).getTime() < now) problems.startTime = 'That time is in the past: pick a time from now on.';
  if (!Number.isInteger(values.durationMinutes) || values.durationMinutes < 1 || values.durationMinutes > DURATION_MAX) problems.durationMinutes = 'Pick a length of up to 24 hours.';
  if (values.agenda.trim().length > AGENDA_MAX) problems.agenda = `Keep the agenda under ${AGENDA_MAX.toLocaleString()} characters.`;
  return problems;
}

/**
 * What the agent is told once Zoom has the meeting: whether the invite really went out (inviteDelivery, set by the
 * api after it tried), in words an agent knows; never the mail server's settings.
 */
export function inviteNotice(activity: Activity, contactName: string, moved: boolean): string {
  const done = moved ? 'Meeting moved.' : 'Meeting scheduled.';
  const invite = moved ? 'The updated invite' : 'The invite';
  switch (activity.meeting?.inviteDelivery) {
    case 'SENT':
      return `${done} ${moved ? 'Updated invite' : 'Invite'} emailed to ${activity.meeting.inviteeEmail}.`;
    case 'OUTBOX':
      return `${done} ${invite} is waiting in the outbox (email isn't set up yet): send ${contactName} the Join link yourself.`;
    case 'SKIPPED_NO_EMAIL':
      return `${done} No invite sent: ${contactName} has no email address.`;
    case 'FAILED':
      return `${done} ${invite} could not be emailed: send ${contactName} the Join link yourself.`;
    default:
      return done;
  }
}
