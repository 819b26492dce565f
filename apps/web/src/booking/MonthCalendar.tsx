import { type CalendarMonth, addMonths, dayTitle, monthTitle, monthWeeks, sameMonth, WEEKDAYS } from './calendar';

interface MonthCalendarProps {
  month: CalendarMonth;
  /** The month the calendar cannot go back past: today's. */
  firstMonth: CalendarMonth;
  /** How many free slots each day has; days not in it are not pickable. */
  freeSlots: ReadonlyMap<string, number>;
  selectedDay: string | null;
  today: string;
  loading: boolean;
  onMonthChange: (month: CalendarMonth) => void;
  onPickDay: (day: string) => void;
}

/** A month of days, Monday first; a day with free slots is a button, the others are shown but disabled. */
export function MonthCalendar({ month, firstMonth, freeSlots, selectedDay, today, loading, onMonthChange, onPickDay }: MonthCalendarProps) {
  const title = monthTitle(month);
  return (
    <div className="month-calendar" aria-busy={loading} data-testid="booking-calendar">
      <div className="month-head">
        <button type="button" className="button ghost small" onClick={() => onMonthChange(addMonths(month, -1))} disabled={sameMonth(month, firstMonth)} aria-label="Previous month">
          ‹
        </button>
        <h3 aria-live="polite">{title}</h3>
        <button type="button" className="button ghost small" onClick={() => onMonthChange(addMonths(month, 1))} aria-label="Next month" data-testid="booking-next-month">
          ›
        </button>
      </div>
      <table className="month-grid">
        <caption className="visually-hidden">{`${title}: days with free times can be picked`}</caption>
        <thead>
          <tr>
            {WEEKDAYS.map((weekday) => (
              <th key={weekday.weekday} scope="col" abbr={weekday.long}>
                {weekday.short}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(month).map((week, index) => (
            <tr key={index}>
              {week.map((day, column) => (
                <td key={day ?? `blank-${column}`}>
                  {day && <DayButton day={day} free={freeSlots.get(day) ?? 0} selected={day === selectedDay} today={day === today} onPick={onPickDay} />}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {!loading && freeSlots.size === 0 && (
        <p className="muted calendar-empty" data-testid="booking-month-empty">
          No free times in {title}. Try the next month.
        </p>
      )}
    </div>
  );
}

function DayButton({ day, free, selected, today, onPick }: { day: string; free: number; selected: boolean; today: boolean; onPick: (day: string) => void }) {
  const label = `${dayTitle(day)}${today ? ', today' : ''}: ${free === 0 ? 'no free times' : free === 1 ? '1 free time' : `${free} free times`}`;
  return (
    <button
      type="button"
      className={`day${today ? ' today' : ''}`}
      disabled={free === 0}
      aria-pressed={selected}
      aria-label={label}
      onClick={() => onPick(day)}
      data-testid={free > 0 ? 'booking-day' : undefined}
      data-day={day}
    >
      {Number(day.slice(8))}
    </button>
  );
}
