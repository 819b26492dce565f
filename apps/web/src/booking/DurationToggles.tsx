import { LengthLabel } from './LengthLabel';

const OFFERED = [15, 30, 45, 60, 90];

/** Which meeting lengths the page offers, as toggles; on a Basic Zoom plan, lengths past its limit say it. */
export function DurationToggles({ value, onChange, meetingLimitMinutes, invalid }: { value: number[]; onChange: (durations: number[]) => void; meetingLimitMinutes: number | null; invalid?: boolean }) {
  const lengths = [...new Set([...OFFERED, ...value])].sort((a, b) => a - b);
  const toggle = (minutes: number) => onChange(value.includes(minutes) ? value.filter((item) => item !== minutes) : [...value, minutes].sort((a, b) => a - b));
  return (
    <fieldset className={`pill-choices${invalid ? ' invalid' : ''}`} aria-invalid={invalid || undefined}>
      <legend>Meeting lengths offered</legend>
      {lengths.map((minutes) => (
        <label key={minutes} className="pill">
          <input type="checkbox" checked={value.includes(minutes)} onChange={() => toggle(minutes)} data-testid={`booking-length-${minutes}`} />
          <LengthLabel minutes={minutes} meetingLimitMinutes={meetingLimitMinutes} />
        </label>
      ))}
      {meetingLimitMinutes !== null && value.some((minutes) => minutes > meetingLimitMinutes) && (
        <p className="pill-note" data-testid="booking-settings-plan-note">
          Your Zoom plan is Basic: its meetings end after {meetingLimitMinutes} minutes, so longer bookings are cut short.
        </p>
      )}
    </fieldset>
  );
}
