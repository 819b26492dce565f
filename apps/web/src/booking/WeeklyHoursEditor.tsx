import { WEEKDAYS } from './calendar';
import type { WeeklyHours } from './queries';
import { clockLabel, clockMinutes, clockOf } from './spans';

const STEP_MINUTES = 15;
const END_OF_DAY = 24 * 60;
const WORKDAY = { start: '09:00', end: '17:00' };
/** 00:00, 00:15 .. 24:00: the times a range can start or end at. */
const CLOCKS = Array.from({ length: END_OF_DAY / STEP_MINUTES + 1 }, (_, index) => clockOf(index * STEP_MINUTES));

type Range = Omit<WeeklyHours, 'weekday'>;

/** The agent's working hours: per weekday, off or any number of ranges, in their booking time zone. */
export function WeeklyHoursEditor({ value, onChange, invalid }: { value: WeeklyHours[]; onChange: (hours: WeeklyHours[]) => void; invalid?: boolean }) {
  const replaceDay = (weekday: number, ranges: Range[]) => onChange([...value.filter((range) => range.weekday !== weekday), ...ranges.map((range) => ({ weekday, ...range }))].sort((a, b) => a.weekday - b.weekday));
  return (
    <fieldset className={`weekly-hours${invalid ? ' invalid' : ''}`} aria-invalid={invalid || undefined} data-testid="booking-weekly-hours">
      <legend>Weekly hours</legend>
      {WEEKDAYS.map((day) => (
        <WeekdayHours key={day.weekday} label={day.long} ranges={value.filter((range) => range.weekday === day.weekday)} onChange={(ranges) => replaceDay(day.weekday, ranges)} />
      ))}
    </fieldset>
  );
}

function WeekdayHours({ label, ranges, onChange }: { label: string; ranges: Range[]; onChange: (ranges: Range[]) => void }) {
  const last = ranges[ranges.length - 1];
  const canAdd = last !== undefined && clockMinutes(last.end) < END_OF_DAY;
  const addAfterLast = () => {
    const start = clockMinutes(last.end);
    onChange([...ranges, { start: clockOf(start), end: clockOf(Math.min(start + 60, END_OF_DAY)) }]);
  };
  const change = (index: number, edit: Partial<Range>) => onChange(ranges.map((range, at) => (at === index ? { ...range, ...edit } : range)));
  return (
    <div className="weekday-hours" data-testid="booking-weekday">
      <label className="weekday-toggle">
        <input type="checkbox" checked={ranges.length > 0} onChange={() => onChange(ranges.length > 0 ? [] : [WORKDAY])} />
        {label}
      </label>
      <div className="weekday-ranges">
        {ranges.length === 0 && <span className="muted">Unavailable</span>}
        {ranges.map((range, index) => (
          <div className="weekday-range" key={index}>
            <ClockSelect label={`${label} from`} value={range.start} onChange={(start) => change(index, { start })} />
            <span aria-hidden="true">–</span>
            <ClockSelect label={`${label} until`} value={range.end} onChange={(end) => change(index, { end })} />
            <button type="button" className="button ghost small" onClick={() => onChange(ranges.filter((_, at) => at !== index))} aria-label={`Remove ${label} ${clockLabel(range.start)} to ${clockLabel(range.end)}`}>
              ✕
            </button>
          </div>
        ))}
      </div>
      {canAdd && (
        <button type="button" className="button ghost small add-range" onClick={addAfterLast} aria-label={`Add hours on ${label}`}>
          + Add hours
        </button>
      )}
    </div>
  );
}

function ClockSelect({ label, value, onChange }: { label: string; value: string; onChange: (clock: string) => void }) {
  const clocks = CLOCKS.includes(value) ? CLOCKS : [...CLOCKS, value].sort();
  return (
    <select className="clock" value={value} onChange={(event) => onChange(event.target.value)} aria-label={label}>
      {clocks.map((clock) => (
        <option key={clock} value={clock}>
          {clockLabel(clock)}
        </option>
      ))}
    </select>
  );
}
