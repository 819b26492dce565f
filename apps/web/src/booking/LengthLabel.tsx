import { formatDuration } from '../format';

/** "60 min · ends at 40 min": a meeting length, and where a Basic Zoom plan cuts it short. */
export function LengthLabel({ minutes, meetingLimitMinutes }: { minutes: number; meetingLimitMinutes: number | null }) {
  return (
    <span>
      {formatDuration(minutes * 60)}
      {meetingLimitMinutes !== null && minutes > meetingLimitMinutes && <small className="pill-hint"> · ends at {meetingLimitMinutes} min</small>}
    </span>
  );
}
