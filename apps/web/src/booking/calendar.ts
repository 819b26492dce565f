import { dateToZonedInput, zonedInputToDate } from '../format';

/**
 * The booking calendar's dates. Slots are UTC instants; which day a slot falls on, and where a month starts,
 * depend on the viewer's time zone, so every conversion here takes it. A day is its key, "YYYY-MM-DD".
 */
export interface CalendarMonth {
  year: number;
  /** 1 = January. */
  month: number;
}

export const BROWSER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

const pad = (value: number) => String(value).padStart(2, '0');

/** The day an instant falls on in `timeZone`. */
export function dayOf(instant: string | Date, timeZone: string): string {
  return dateToZonedInput(new Date(instant), timeZone).slice(0, 10);
}

export function monthOf(day: string): CalendarMonth {
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)) };
}

export function addMonths({ year, month }: CalendarMonth, count: number): CalendarMonth {
  const index = year * 12 + month - 1 + count;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export function sameMonth(a: CalendarMonth, b: CalendarMonth): boolean {
  return a.year === b.year && a.month === b.month;
}

/** The instants the month starts and ends at in `timeZone`: the range to ask for its slots. */
export function monthRange(month: CalendarMonth, timeZone: string): { from: string; to: string } {
  const next = addMonths(month, 1);
  return {
    from: zonedInputToDate(`${month.year}-${pad(month.month)}-01T00:00`, timeZone).toISOString(),
    to: zonedInputToDate(`${next.year}-${pad(next.month)}-01T00:00`, timeZone).toISOString(),
  };
}

/** The month as weeks of seven days, Monday first; days outside the month are null. */
export function monthWeeks({ year, month }: CalendarMonth): Array<Array<string | null>> {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const leading = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;
  const cells: Array<string | null> = Array.from({ length: leading }, () => null);
  for (let day = 1; day <= daysInMonth; day++) cells.push(`${year}-${pad(month)}-${pad(day)}`);
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
}

/** The slots grouped by the day they fall on in `timeZone`, each day's in order. */
export function slotsByDay(slots: readonly string[], timeZone: string): Map<string, string[]> {
  const days = new Map<string, string[]>();
  for (const slot of [...slots].sort()) {
    const day = dayOf(slot, timeZone);
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  return days;
}

/** A day key read as a calendar date: formatted in UTC so that no zone moves it. */
const dayAsDate = (day: string) => new Date(`${day}T12:00:00Z`);

const dayTitleFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' });
const monthTitleFormat = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });
const weekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'UTC' });
const weekdayLongFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', timeZone: 'UTC' });

/** "Tuesday, December 2". */
export const dayTitle = (day: string) => dayTitleFormat.format(dayAsDate(day));
/** "December 2026". */
export const monthTitle = ({ year, month }: CalendarMonth) => monthTitleFormat.format(new Date(Date.UTC(year, month - 1, 15)));

/** Monday to Sunday (ISO weekdays 1..7), short and long, in the viewer's language. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => {
  const date = new Date(Date.UTC(2024, 0, weekday, 12));
  return { weekday, short: weekdayFormat.format(date), long: weekdayLongFormat.format(date) };
});

/** "10:00 AM" in `timeZone`. */
export function slotTime(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone }).format(new Date(instant));
}

/** "Tuesday, December 2, 2026, 10:00 – 10:30 AM (Europe/Berlin)": a booked meeting, start to end. */
export function meetingSpan(instant: string, durationMinutes: number, timeZone: string): string {
  const start = new Date(instant);
  const end = new Date(start.getTime() + durationMinutes * 60_000);
  const format = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone });
  return `${format.formatRange(start, end)} (${zoneName(timeZone)})`;
}

/** "America/Los Angeles": an IANA name as people read it. */
export function zoneName(timeZone: string): string {
  return timeZone.replace(/_/g, ' ');
}
