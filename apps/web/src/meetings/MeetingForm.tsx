import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorCode, errorField, errorMessage } from '../apollo';
import { BROWSER_TIME_ZONE } from '../booking/calendar';
import { TimeZoneSelect } from '../components/TimeZoneSelect';
import { dateToZonedInput, zonedInputToDate } from '../format';
import { type Activity, SCHEDULE_MEETING, UPDATE_MEETING } from '../graphql';

const DURATIONS = [15, 30, 45, 60, 90, 120];

/** The next round half hour at least an hour from now: a sensible first suggestion. */
function suggestedStart(): Date {
  const start = new Date(Date.now() + 60 * 60_000);
  start.setMinutes(start.getMinutes() < 30 ? 30 : 60, 0, 0);
  return start;
}

/** What the agent is told after scheduling, besides the meeting appearing on the timeline. */
function inviteNotice(activity: Activity, contactName: string): string {
  switch (activity.meeting?.inviteDelivery) {
    case 'SENT':
      return `Meeting scheduled. ${contactName} was emailed the invite at ${activity.meeting.inviteeEmail}.`;
    case 'OUTBOX':
      return 'Meeting scheduled. The invite is kept in the outbox on the timeline: no mail server is configured (SMTP_URL).';
    case 'SKIPPED_NO_EMAIL':
      return `Meeting scheduled. No invite sent: ${contactName} has no email address.`;
    case 'FAILED':
      return 'Meeting scheduled, but the mail server refused the invite. Send the Join link yourself.';
    default:
      return 'Meeting scheduled.';
  }
}

/** Schedule a Zoom meeting with a contact, or move an existing one (`meeting`): time in the chosen timezone. */
export function MeetingForm({ contactId, contactName, dealId, meeting, onDone }: { contactId: string; contactName: string; dealId?: string | null; meeting?: Activity; onDone: (notice: string) => void }) {
  const details = meeting?.meeting;
  const [timezone, setTimezone] = useState(details?.timezone ?? BROWSER_TIME_ZONE);
  const [form, setForm] = useState(() => ({
    topic: details?.topic ?? `Meeting with ${contactName}`,
    start: dateToZonedInput(details ? new Date(details.startTime) : suggestedStart(), details?.timezone ?? BROWSER_TIME_ZONE),
    durationMinutes: details?.durationMinutes ?? 30,
    agenda: details?.agenda ?? '',
  }));
  const [schedule, scheduling] = useMutation<{ scheduleMeeting: Activity }>(SCHEDULE_MEETING);
  const [update, updating] = useMutation<{ updateMeeting: Activity }>(UPDATE_MEETING);
  const error = scheduling.error ?? updating.error;
  const field = errorField(error);
  const code = errorCode(error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = { contactId, dealId, topic: form.topic, startTime: zonedInputToDate(form.start, timezone).toISOString(), durationMinutes: form.durationMinutes, timezone, agenda: form.agenda || null };
    if (meeting) {
      const result = await update({ variables: { activityId: meeting.id, input } }).catch(() => null);
      if (result?.data) onDone(result.data.updateMeeting.meeting?.inviteeEmail ? `Meeting moved. ${contactName} was sent the updated invite.` : 'Meeting moved.');
    } else {
      const result = await schedule({ variables: { input }, refetchQueries: ['UpcomingMeetings'] }).catch(() => null);
      if (result?.data) onDone(inviteNotice(result.data.scheduleMeeting, contactName));
    }
  };

  return (
    <form className="card form meeting-form" onSubmit={submit} data-testid="meeting-form" noValidate>
      <h3>{meeting ? 'Reschedule Zoom meeting' : 'Schedule Zoom meeting'}</h3>
      <label className={field === 'topic' ? 'invalid' : undefined}>
        Topic
        <input value={form.topic} onChange={(event) => setForm({ ...form, topic: event.target.value })} data-testid="meeting-topic" required />
      </label>
      <div className="grid-2">
        <label className={field === 'startTime' ? 'invalid' : undefined}>
          Date and time
          <input type="datetime-local" value={form.start} onChange={(event) => setForm({ ...form, start: event.target.value })} data-testid="meeting-start" required />
        </label>
        <label className={field === 'timezone' ? 'invalid' : undefined}>
          Timezone
          <TimeZoneSelect value={timezone} onChange={setTimezone} data-testid="meeting-timezone" />
        </label>
      </div>
      <label className={field === 'durationMinutes' ? 'invalid' : undefined}>
        Duration
        <select value={form.durationMinutes} onChange={(event) => setForm({ ...form, durationMinutes: Number(event.target.value) })} data-testid="meeting-duration">
          {DURATIONS.map((minutes) => (
            <option key={minutes} value={minutes}>
              {minutes} minutes
            </option>
          ))}
        </select>
      </label>
      <label>
        Agenda
        <textarea rows={3} value={form.agenda} onChange={(event) => setForm({ ...form, agenda: event.target.value })} placeholder="Optional: sent with the invite" />
      </label>
      {error && (
        <p className="form-error" role="alert" data-testid="meeting-error">
          {errorMessage(error)}{' '}
          {code === 'ZOOM_NOT_CONNECTED' && <Link to="/settings/integrations">Connect Zoom</Link>}
          {code === 'ZOOM_RECONNECT_REQUIRED' && <Link to="/settings/integrations">Reconnect Zoom</Link>}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button ghost" onClick={() => onDone('')}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={scheduling.loading || updating.loading} data-testid="meeting-submit">
          {meeting ? 'Move meeting' : 'Schedule and invite'}
        </button>
      </div>
    </form>
  );
}
