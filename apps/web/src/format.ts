/** How durations and times read everywhere in the app: "45 s", "45 min", "90 min", "4 min 5 s" (never "45 min 0 s"). */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const minutes = Math.floor(seconds / 60);
  if (minutes === 0) return `${seconds} s`;
  return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
}

/** A length in whole minutes, as meetings are planned and remembered: "45 min" (a 44 min 50 s meeting too). */
export function formatMinutes(totalSeconds: number): string {
  return `${Math.max(1, Math.round(totalSeconds / 60))} min`;
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
/** "just now", "2 minutes ago", "in 3 days", measured from `now` (pass useNow's value so it refreshes). */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  return 'just now';
}

/** Minutes `timeZone` is ahead of UTC at `date` (negative west of Greenwich). */
export function zoneOffsetMinutes(date: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(date);
  const part = (type: string) => Number(parts.find((item) => item.type === type)?.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((asUtc - date.getTime()) / 60_000);
}

/** "2026-12-01T09:00" read as a wall-clock time in `timeZone` (as a datetime-local input gives it), to an instant. */
export function zonedInputToDate(local: string, timeZone: string): Date {
  const wall = new Date(`${local}:00Z`);
  const first = new Date(wall.getTime() - zoneOffsetMinutes(wall, timeZone) * 60_000);
  // Across a daylight-saving change the offset at the result differs from the guess: one more step settles it.
  return new Date(wall.getTime() - zoneOffsetMinutes(first, timeZone) * 60_000);
}

/** The other way: an instant as the datetime-local value of its wall-clock time in `timeZone`. */
export function dateToZonedInput(date: Date, timeZone: string): string {
  return new Date(date.getTime() + zoneOffsetMinutes(date, timeZone) * 60_000).toISOString().slice(0, 16);
}

/** "Tue, Dec 1, 9:00 AM PST" in the given timezone (the viewer's when none is given). */
export function meetingTime(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(new Date(iso));
}

/** A position in a recording as players show it: "4:05", or "1:02:09" past the hour. */
export function mediaTimestamp(totalSeconds: number): string {
  const whole = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const seconds = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
