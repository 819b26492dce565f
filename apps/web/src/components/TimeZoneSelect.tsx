import { type SelectHTMLAttributes, useMemo } from 'react';
import { BROWSER_TIME_ZONE, zoneName } from '../booking/calendar';

function zonesWith(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([current, BROWSER_TIME_ZONE, ...known])].sort();
}

type TimeZoneSelectProps = { value: string; onChange: (timeZone: string) => void } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>;

/** Every IANA time zone the browser knows, the browser's own marked; its label is the caller's. */
export function TimeZoneSelect({ value, onChange, ...select }: TimeZoneSelectProps) {
  const zones = useMemo(() => zonesWith(value), [value]);
  return (
    <select {...select} value={value} onChange={(event) => onChange(event.target.value)}>
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {zoneName(zone)}
          {zone === BROWSER_TIME_ZONE ? ' (this device)' : ''}
        </option>
      ))}
    </select>
  );
}
