import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorCode, errorField, errorMessage } from '../apollo';
import { BROWSER_TIME_ZONE } from '../booking/calendar';
import { TimeZoneSelect } from '../components/TimeZoneSelect';
import { dateToZonedInput, formatDuration, zonedInputToDate } from '../format';
import { type Activity, SCHEDULE_MEETING, UPDATE_MEETING } from '../graphql';
import { inviteNotice, type MeetingField, type MeetingFormValues, type MeetingProblems, meetingProblems } from './meeting-form-rules';

const DURATIONS = [15, 30, 45, 60, 90, 120];

/** The next round half hour at least an hour from now: a sensible first suggestion. */
function suggestedStart(): Date {
  const start = new Date(Date.now() + 60 * 60_000);
  start.setMinutes(start.getMinutes() < 30 ? 30 : 60, 0, 0);
  return start;
}

/** The message beside one field: the form's own check, else what the api said about that field. */
function FieldProblem({ field, problems }: { field: MeetingField; problems: MeetingProblems }) {
  if (!problems[field]) return null;
  return (
    <span className="form-error block" id={`meeting-${field}-problem`} role="alert" data-testid="meeting-error" data-field={field}>
      {problems[field]}
    </span>
  );
}

const fieldState = (field: MeetingField, problems: MeetingProblems) => ({
  'aria-invalid': problems[field] ? true : undefined,
  'aria-describedby': problems[field] ? `meeting-${field}-problem` : undefined,
});

/** Schedule a Zoom meeting with a contact, or move an existing one (`meeting`): time in the chosen timezone. */
export function MeetingForm({ contactId, contactName, dealId, meeting, onDone }: { contactId: string; contactName: string; dealId?: string | null; meeting?: Activity; onDone: (notice: string) => void }) {
  const details = meeting?.meeting;
  const [form, setForm] = useState<MeetingFormValues>(() => ({
    topic: details?.topic ?? `Meeting with ${contactName}`,
    start: dateToZonedInput(details ? new Date(details.startTime) : suggestedStart(), details?.timezone ?? BROWSER_TIME_ZONE),
    timezone: details?.timezone ?? BROWSER_TIME_ZONE,
    durationMinutes: details?.durationMinutes ?? 30,
    agenda: details?.agenda ?? '',
  }));
  /** Checked on every submit, then again as the agent fixes each field. */
  const [checked, setChecked] = useState(false);
  const [schedule, scheduling] = useMutation<{ scheduleMeeting: Activity }>(SCHEDULE_MEETING);
  const [update, updating] = useMutation<{ updateMeeting: Activity }>(UPDATE_MEETING);
  const error = scheduling.error ?? updating.error;
  const apiField = errorField(error) as MeetingField | undefined;
  const code = errorCode(error);
  const ownProblems = checked ? meetingProblems(form) : {};
  // The api's answer about a field sits beside that field, unless the form already found something there.
  const problems: MeetingProblems = apiField && error && !ownProblems[apiField] ? { ...ownProblems, [apiField]: errorMessage(error) } : ownProblems;
  const edit = (changes: Partial<MeetingFormValues>) => setForm((values) => ({ ...values, ...changes }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(meetingProblems(form)).length > 0) return;
    const input = { contactId, dealId, topic: form.topic, startTime: zonedInputToDate(form.start, form.timezone).toISOString(), durationMinutes: form.durationMinutes, timezone: form.timezone, agenda: form.agenda || null };
    if (meeting) {
      const result = await update({ variables: { activityId: meeting.id, input }, refetchQueries: ['UpcomingMeetings'] }).catch(() => null);
      if (result?.data) onDone(inviteNotice(result.data.updateMeeting, contactName, true));
    } else {
      const result = await schedule({ variables: { input }, refetchQueries: ['UpcomingMeetings'] }).catch(() => null);
      if (result?.data) onDone(inviteNotice(result.data.scheduleMeeting, contactName, false));
    }
  };

  return (
    <form className="card form meeting-form" onSubmit={submit} data-testid="meeting-form" noValidate>
      <h3>{meeting ? 'Reschedule Zoom meeting' : 'Schedule Zoom meeting'}</h3>
      <label className={problems.topic ? 'invalid' : undefined}>
        Topic
        <input value={form.topic} onChange={(event) => edit({ topic: event.target.value })} {...fieldState('topic', problems)} data-testid="meeting-topic" required />
        <FieldProblem field="topic" problems={problems} />
      </label>
      <div className="grid-2">
        <label className={problems.startTime ? 'invalid' : undefined}>
          Date and time
          <input type="datetime-local" value={form.start} onChange={(event) => edit({ start: event.target.value })} {...fieldState('startTime', problems)} data-testid="meeting-start" required />
          <FieldProblem field="startTime" problems={problems} />
        </label>
        <label className={problems.timezone ? 'invalid' : undefined}>
          Time zone
          <TimeZoneSelect value={form.timezone} onChange={(timezone) => edit({ timezone })} {...fieldState('timezone', problems)} data-testid="meeting-timezone" />
          <FieldProblem field="timezone" problems={problems} />
        </label>
      </div>
      <label className={problems.durationMinutes ? 'invalid' : undefined}>
        Duration
        <select value={form.durationMinutes} onChange={(event) => edit({ durationMinutes: Number(event.target.value) })} {...fieldState('durationMinutes', problems)} data-testid="meeting-duration">
          {[...new Set([...DURATIONS, form.durationMinutes])].sort((a, b) => a - b).map((minutes) => (
            <option key={minutes} value={minutes}>
              {formatDuration(minutes * 60)}
            </option>
          ))}
        </select>
        <FieldProblem field="durationMinutes" problems={problems} />
      </label>
      <label className={problems.agenda ? 'invalid' : undefined}>
        Agenda
        <textarea rows={3} value={form.agenda} onChange={(event) => edit({ agenda: event.target.value })} {...fieldState('agenda', problems)} placeholder="Optional: sent with the invite" />
        <FieldProblem field="agenda" problems={problems} />
      </label>
      {error && !apiField && (
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
