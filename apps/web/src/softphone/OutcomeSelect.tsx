import { useQuery } from '@apollo/client/react';
import { CALL_DISPOSITIONS } from './queries';

/**
 * The organisation's call outcomes (Settings > Calling) as a select. An outcome no longer on the list (an admin
 * removed it, or Zoom's notes page sent its own) stays selectable on the calls that have it.
 */
export function OutcomeSelect({ id, value, onChange }: { id: string; value: string; onChange: (value: string) => void }) {
  const { data } = useQuery<{ callDispositions: string[] }>(CALL_DISPOSITIONS);
  const outcomes = data?.callDispositions ?? [];
  const options = value && !outcomes.includes(value) ? [value, ...outcomes] : outcomes;
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.target.value)} data-testid="call-outcome-select">
      <option value="">No outcome</option>
      {options.map((outcome) => (
        <option key={outcome} value={outcome}>
          {outcome}
        </option>
      ))}
    </select>
  );
}
