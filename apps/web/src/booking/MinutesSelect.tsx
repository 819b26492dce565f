import type { SelectHTMLAttributes } from 'react';
import { spanLabel } from './spans';

type MinutesSelectProps = { value: number; presets: number[]; onChange: (minutes: number) => void } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>;

/** A span in minutes picked from a few sensible presets (and the saved value, should it be none of them). */
export function MinutesSelect({ value, presets, onChange, ...select }: MinutesSelectProps) {
  const options = [...new Set([...presets, value])].sort((a, b) => a - b);
  return (
    <select {...select} value={value} onChange={(event) => onChange(Number(event.target.value))}>
      {options.map((minutes) => (
        <option key={minutes} value={minutes}>
          {spanLabel(minutes)}
        </option>
      ))}
    </select>
  );
}
