import { ZoomRequestError } from '../errors';

export interface ZoomDateWindow {
  /** yyyy-mm-dd (UTC), inclusive. */
  from: string;
  /** yyyy-mm-dd (UTC), inclusive. */
  to: string;
}

const DAY_MS = 86_400_000;

/** A Date, or a yyyy-mm-dd / ISO-8601 string, as the UTC calendar day Zoom's `from`/`to` expect. */
export function toZoomDate(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value) : value;
  if (Number.isNaN(date.getTime())) throw new ZoomRequestError('bad_request', 'Expected a date (yyyy-mm-dd or ISO-8601)');
  return date.toISOString().slice(0, 10);
}

/** The same day of the next month, clamped to that month's last day (Jan 31 -> Feb 28). */
function oneMonthLater(dayMs: number): number {
  const date = new Date(dayMs);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const lastDayOfNextMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDayOfNextMonth));
}

/**
 * Splits an inclusive day range into consecutive windows no longer than one calendar month, oldest first,
 * because Zoom rejects date-ranged list calls whose `from` and `to` are more than a month apart.
 */
export function splitIntoMonthWindows(from: Date | string, to: Date | string): ZoomDateWindow[] {
  const startMs = Date.parse(`${toZoomDate(from)}T00:00:00Z`);
  const endMs = Date.parse(`${toZoomDate(to)}T00:00:00Z`);
  if (startMs > endMs) throw new ZoomRequestError('bad_request', '`from` is after `to`');
  const windows: ZoomDateWindow[] = [];
  for (let windowStart = startMs; windowStart <= endMs; ) {
    const windowEnd = Math.min(endMs, oneMonthLater(windowStart) - DAY_MS);
    windows.push({ from: toZoomDate(new Date(windowStart)), to: toZoomDate(new Date(windowEnd)) });
    windowStart = windowEnd + DAY_MS;
  }
  return windows;
}
