const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const UTC_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z$/;

export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** How far `timeZone`'s wall clock is ahead of UTC at `at`, in ms. */
function offsetAt(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  const wallClock = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wallClock - Math.floor(at / 1000) * 1000;
}

/**
 * Zoom's `start_time`: "yyyy-MM-ddTHH:mm:ssZ" is UTC; without the Z it is wall-clock time in `timeZone`.
 * Returns epoch ms, or null when it is neither.
 */
export function parseZoomStartTime(value: string, timeZone: string): number | null {
  if (UTC_TIME.test(value)) return Date.parse(value);
  const match = LOCAL_TIME.exec(value);
  if (!match || !isTimeZone(timeZone)) return null;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  const wallClock = Date.UTC(year, month - 1, day, hour, minute, second || 0);
  if (Number.isNaN(wallClock)) return null;
  const firstGuess = wallClock - offsetAt(wallClock, timeZone);
  return wallClock - offsetAt(firstGuess, timeZone);
}
