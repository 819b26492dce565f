import { TYPE_FILTERS, type TypeFilter } from './queries';
import './timeline.css';

/** All, Calls, Voicemails, …: one pressed at a time; the timeline asks the api for that kind only. */
export function TypeFilterBar({ value, onChange }: { value: TypeFilter; onChange: (filter: TypeFilter) => void }) {
  return (
    <div className="type-filter" role="group" aria-label="Show on the timeline" data-testid="timeline-filter">
      {TYPE_FILTERS.map((filter) => (
        <button key={filter.label} type="button" className="button small" aria-pressed={filter === value} onClick={() => onChange(filter)}>
          {filter.label}
        </button>
      ))}
    </div>
  );
}
