import { formatDuration } from '../format';

/** "None", "10 min", "4 hours", "2 days": a span of the booking rules, in minutes. */
export function spanLabel(minutes: number): string {
  if (minutes === 0) return 'None';
  if (minutes % 1440 === 0) return minutes === 1440 ? '1 day' : `${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
  return formatDuration(minutes * 60);
}

/** "HH:mm" to minutes since midnight ("24:00" is 1440), and back. */
export const clockMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
export const clockOf = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const clockFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
/** "9:00 AM" for "09:00", in the viewer's convention; "24:00" reads as the end of the day. */
export function clockLabel(clock: string): string {
  return clock === '24:00' ? 'End of day' : clockFormat.format(new Date(Date.UTC(2024, 0, 1) + clockMinutes(clock) * 60_000));
}
