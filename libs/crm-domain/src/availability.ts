// Free booking slots: an agent's weekly hours in their own time zone, minus their meetings (padded by the buffer),
// minimum notice, the booking horizon and the daily cap. Pure and instant-based: every slot is a UTC instant, so a
// prospect's time zone only changes how it is shown, and a daylight-saving change moves wall-clock hours, not slots.

/** One range of working hours on a weekday (1 = Monday .. 7 = Sunday, ISO 8601), wall-clock `HH:mm` in the agent's zone. */
export interface WeeklyHoursRange {
  weekday: number;
  start: string;
  end: string;
}

export interface AvailabilityRules {
  timezone: string;
  weeklyHours: WeeklyHoursRange[];
  /** Kept free before and after every meeting. */
  bufferMinutes: number;
  minNoticeMinutes: number;
  /** The last bookable day is today (in the agent's zone) plus this many days. */
  maxDaysAhead: number;
  /** Bookings per day in the agent's zone; null: no cap. */
  dailyCap: number | null;
}

export interface BusyInterval {
  start: Date;
  end: Date;
}

export interface SlotQuery {
  durationMinutes: number;
  from: Date;
  to: Date;
  now: Date;
  busy: BusyInterval[];
  /** Bookings already made per agent-local day (`YYYY-MM-DD`), for the daily cap. */
  bookingsPerDay?: ReadonlyMap<string, number>;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Constructing an Intl formatter costs far more than using one: one per zone, kept. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isTimeZone(name: string): boolean {
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** The zone's wall clock at `instant`, as if that wall clock were UTC (the difference is the zone's offset). */
function wallClockAsUtc(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** The zone's offset from UTC at `instant`, in ms (to the second: Intl shows no milliseconds). */
function offsetAt(instant: number, timeZone: string): number {
  const second = instant - (instant % 1000);
  return wallClockAsUtc(second, timeZone) - second;
}

/**
 * The instant a wall-clock time happens in `timeZone`. Near a daylight-saving change the offset at the first guess
 * may be the other side's, so both offsets are tried and the one whose wall clock matches wins (the earlier of two
 * when the clock repeats an hour); a time the change skips (02:30 on the spring-forward night) comes out an hour
 * later, as calendars do.
 */
function zonedInstant(date: LocalDate, minutes: number, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minutes * MINUTE_MS;
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  const matching = [first, second].filter((instant) => wallClockAsUtc(instant, timeZone) === wall);
  return matching.length > 0 ? Math.min(...matching) : Math.max(first, second);
}

function localDateOf(instant: number, timeZone: string): LocalDate {
  const wall = new Date(wallClockAsUtc(instant, timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

const dayNumber = (date: LocalDate) => Date.UTC(date.year, date.month - 1, date.day) / DAY_MS;
const isoWeekday = (date: LocalDate) => ((new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7) + 1;
const pad = (value: number) => String(value).padStart(2, '0');

/** `YYYY-MM-DD` of `instant` in `timeZone`: the key of the daily cap. */
export function localDay(instant: Date, timeZone: string): string {
  const date = localDateOf(instant.getTime(), timeZone);
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** The next midnight in `timeZone` after `instant`: where "today" ends for someone there (a 23- or 25-hour day included). */
export function localDayEnd(instant: Date, timeZone: string): Date {
  return new Date(zonedInstant(addDays(localDateOf(instant.getTime(), timeZone), 1), 0, timeZone));
}

function clockMinutes(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}

/** What is wrong with a set of weekly hours, one sentence each; empty when they can be used. */
export function weeklyHoursProblems(ranges: WeeklyHoursRange[]): string[] {
  const problems: string[] = [];
  const valid: WeeklyHoursRange[] = [];
  for (const range of ranges) {
    if (!Number.isInteger(range.weekday) || range.weekday < 1 || range.weekday > 7) problems.push(`weekday ${range.weekday} is not 1 (Monday) to 7 (Sunday)`);
    else if (!CLOCK.test(range.start) || !CLOCK.test(range.end)) problems.push(`${range.start}-${range.end} is not HH:mm-HH:mm (00:00 to 24:00)`);
    else if (clockMinutes(range.start) >= clockMinutes(range.end)) problems.push(`${range.start}-${range.end} ends before it starts`);
    else valid.push(range);
  }
  const sorted = [...valid].sort((a, b) => a.weekday - b.weekday || clockMinutes(a.start) - clockMinutes(b.start));
  for (let index = 1; index < sorted.length; index += 1) {
    const [previous, range] = [sorted[index - 1], sorted[index]];
    if (previous.weekday === range.weekday && clockMinutes(range.start) < clockMinutes(previous.end)) {
      problems.push(`${range.start}-${range.end} overlaps ${previous.start}-${previous.end} on weekday ${range.weekday}`);
    }
  }
  return problems;
}

/**
 * Slots start every `duration` minutes from the start of a range (a 30-minute meeting at :00 and :30), at most
 * hourly for long meetings, as Cal.com offers them: the grid prospects expect.
 */
export function slotStepMinutes(durationMinutes: number): number {
  return Math.min(durationMinutes, 60);
}

/** Busy intervals widened by the buffer, sorted and merged, so one forward pass can test every slot. */
function blockedIntervals(busy: BusyInterval[], bufferMinutes: number): Array<[number, number]> {
  const buffer = bufferMinutes * MINUTE_MS;
  const widened = busy
    .map(({ start, end }): [number, number] => [start.getTime() - buffer, end.getTime() + buffer])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const interval of widened) {
    const last = merged[merged.length - 1];
    if (last && interval[0] <= last[1]) last[1] = Math.max(last[1], interval[1]);
    else merged.push(interval);
  }
  return merged;
}

/** Every free start instant in [from, to), ascending. */
export function freeSlots(rules: AvailabilityRules, query: SlotQuery): Date[] {
  const duration = query.durationMinutes * MINUTE_MS;
  const step = slotStepMinutes(query.durationMinutes) * MINUTE_MS;
  const earliest = Math.max(query.from.getTime(), query.now.getTime() + rules.minNoticeMinutes * MINUTE_MS);
  const lastDay = addDays(localDateOf(query.now.getTime(), rules.timezone), rules.maxDaysAhead);
  const latestEnd = Math.min(query.to.getTime() + duration, zonedInstant(addDays(lastDay, 1), 0, rules.timezone));
  if (earliest >= latestEnd) return [];

  const rangesByWeekday = new Map<number, WeeklyHoursRange[]>();
  for (const range of [...rules.weeklyHours].sort((a, b) => clockMinutes(a.start) - clockMinutes(b.start))) {
    rangesByWeekday.set(range.weekday, [...(rangesByWeekday.get(range.weekday) ?? []), range]);
  }
  const blocked = blockedIntervals(query.busy, rules.bufferMinutes);
  let nextBlocked = 0;
  const slots: Date[] = [];
  const firstDay = localDateOf(earliest, rules.timezone);
  const days = Math.min(dayNumber(lastDay), dayNumber(localDateOf(latestEnd, rules.timezone))) - dayNumber(firstDay);
  for (let offset = 0; offset <= days; offset += 1) {
    const date = addDays(firstDay, offset);
    const dayKey = `${date.year}-${pad(date.month)}-${pad(date.day)}`;
    if (rules.dailyCap !== null && (query.bookingsPerDay?.get(dayKey) ?? 0) >= rules.dailyCap) continue;
    for (const range of rangesByWeekday.get(isoWeekday(date)) ?? []) {
      const rangeEnd = zonedInstant(date, clockMinutes(range.end), rules.timezone);
      for (let start = zonedInstant(date, clockMinutes(range.start), rules.timezone); start + duration <= rangeEnd; start += step) {
        if (start < earliest || start >= query.to.getTime() || start + duration > latestEnd) continue;
        while (nextBlocked < blocked.length && blocked[nextBlocked][1] <= start) nextBlocked += 1;
        if (nextBlocked < blocked.length && blocked[nextBlocked][0] < start + duration) continue;
        slots.push(new Date(start));
      }
    }
  }
  return slots;
}
