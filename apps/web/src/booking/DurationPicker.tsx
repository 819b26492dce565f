import { LengthLabel } from './LengthLabel';

/** The meeting lengths the agent offers, as one radio group; past the Zoom plan's limit a length says so. */
export function DurationPicker({ durations, value, meetingLimitMinutes, onChange }: { durations: number[]; value: number; meetingLimitMinutes: number | null; onChange: (minutes: number) => void }) {
  return (
    <fieldset className="pill-choices">
      <legend>Meeting length</legend>
      {durations.map((minutes) => {
        const overLimit = meetingLimitMinutes !== null && minutes > meetingLimitMinutes;
        return (
          <label key={minutes} className="pill">
            <input type="radio" name="duration" value={minutes} checked={value === minutes} onChange={() => onChange(minutes)} data-testid={`booking-duration-${minutes}`} aria-describedby={overLimit ? 'meeting-limit-note' : undefined} />
            <LengthLabel minutes={minutes} meetingLimitMinutes={meetingLimitMinutes} />
          </label>
        );
      })}
      {meetingLimitMinutes !== null && durations.some((minutes) => minutes > meetingLimitMinutes) && (
        <p className="pill-note" id="meeting-limit-note" data-testid="booking-plan-note">
          On this host&rsquo;s free Zoom plan, meetings end after {meetingLimitMinutes} minutes.
        </p>
      )}
    </fieldset>
  );
}
