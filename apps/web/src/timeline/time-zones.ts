import { zoneOffsetMinutes } from '../format';

/** One zone as the picker lists it. */
export interface TimeZoneOption {
  id: string;
  /** "New York", "Kolkata": the zone's city as people say it. */
  city: string;
  /** "Eastern Time", "India Standard Time" (empty where the browser knows no name). */
  longName: string;
  offsetMinutes: number;
  /** "UTC+05:30", "UTC-08:00", "UTC". */
  offsetLabel: string;
  /** Everything a search may match, normalised. */
  search: string;
}

/**
 * Zones renamed in the IANA database that browsers may still list under the old name (ICU keeps the old ids as
 * canonical): offered under today's name, found under either.
 */
const RENAMED: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Europe/Kiev': 'Europe/Kyiv',
  'America/Godthab': 'America/Nuuk',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Enderbury': 'Pacific/Kanton',
};
const FORMER_NAMES = Object.fromEntries(Object.entries(RENAMED).map(([former, current]) => [current, former]));

const normalise = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[_/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function offsetLabel(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const sign = minutes > 0 ? '+' : '-';
  const whole = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

function longNameOf(id: string, at: Date): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: id, timeZoneName: 'longGeneric' }).formatToParts(at).find((item) => item.type === 'timeZoneName');
    // Where no name exists the browser answers an offset ("GMT+03:00"): the offset is already shown.
    return part && !/^GMT[+-]/.test(part.value) ? part.value : '';
  } catch {
    return '';
  }
}

/** The zone `id` as the picker shows it, at `at`. */
export function timeZoneOption(id: string, at = new Date()): TimeZoneOption {
  const segments = id.split('/');
  const city = segments.at(-1)!.replace(/_/g, ' ');
  const offsetMinutes = zoneOffsetMinutes(at, id);
  const longName = longNameOf(id, at);
  const label = offsetLabel(offsetMinutes);
  const hours = Math.trunc(Math.abs(offsetMinutes) / 60);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offsetWords = `${label} gmt${sign}${hours} ${sign}${hours}:${String(Math.abs(offsetMinutes) % 60).padStart(2, '0')}`;
  return { id, city, longName, offsetMinutes, offsetLabel: label, search: normalise(`${id} ${city} ${longName} ${FORMER_NAMES[id] ?? ''} ${offsetWords}`) };
}

let cached: { at: number; options: TimeZoneOption[] } | null = null;
const REFRESH_MS = 3_600_000;

/** Every zone the browser knows, by offset then city; offsets as of now (re-read hourly: daylight saving moves them). */
export function timeZoneOptions(): TimeZoneOption[] {
  if (cached && Date.now() - cached.at < REFRESH_MS) return cached.options;
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  const at = new Date();
  const ids = [...new Set(known.map((id) => RENAMED[id] ?? id))];
  const options = ids.map((id) => timeZoneOption(id, at)).sort((a, b) => a.offsetMinutes - b.offsetMinutes || a.city.localeCompare(b.city));
  cached = { at: at.getTime(), options };
  return options;
}

/** "+5:30", "utc-8", "gmt+1": an offset, in minutes when given, else whole hours. */
const OFFSET_QUERY = /^(?:utc|gmt)?\s*([+\-\u2212])\s*(\d{1,2})(?::?(\d{2}))?$/;

/** Whether the zone answers the search: an offset, or every word found in its names. */
export function matchesZone(zone: TimeZoneOption, query: string): boolean {
  const text = normalise(query);
  if (!text) return true;
  const offset = OFFSET_QUERY.exec(text);
  if (offset) {
    const sign = offset[1] === '+' ? 1 : -1;
    const hours = Number(offset[2]);
    if (offset[3] !== undefined) return zone.offsetMinutes === sign * (hours * 60 + Number(offset[3]));
    // "+5" is every zone from +05:00 to +05:59 (India's +05:30, Nepal's +05:45 too).
    const away = sign * zone.offsetMinutes;
    return away >= hours * 60 && away < (hours + 1) * 60;
  }
  return text.split(' ').every((word) => zone.search.includes(word));
}

/** 0 when the search starts the zone's city or name ("pacific": Pacific Time before Pacific/Niue), else 1. */
export function zoneRank(zone: TimeZoneOption, query: string): number {
  const text = normalise(query);
  return normalise(zone.city).startsWith(text) || normalise(zone.longName).startsWith(text) ? 0 : 1;
}

/** Whether the browser knows `id` as a time zone (any IANA name or alias). */
export function isKnownTimeZone(id: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: id });
    return Boolean(id);
  } catch {
    return false;
  }
}
