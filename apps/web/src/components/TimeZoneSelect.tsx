import { type InputHTMLAttributes, type KeyboardEvent, useId, useMemo, useRef, useState } from 'react';
import { BROWSER_TIME_ZONE } from '../booking/calendar';
import { type TimeZoneOption, matchesZone, timeZoneOption, timeZoneOptions, zoneRank } from '../timeline/time-zones';
import '../timeline/time-zone-select.css';

const NO_ZONES: string[] = [];

/** Shown at most while searching: the best matches, so typing stays instant on a phone. */
const MAX_SHOWN = 60;

type TimeZoneSelectProps = {
  value: string;
  onChange: (timeZone: string) => void;
  /** Zones to offer first besides the chosen one and the device's (the agent's own, say). */
  preferred?: string[];
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'role'>;

/**
 * A searchable time zone picker (ARIA combobox with a listbox): every IANA zone the browser knows, with its city
 * and current UTC offset; the chosen zone, the device's and any `preferred` first. Type "new york", "pacific",
 * "kolkata" or "+5:30"; arrows, Enter and Escape work. The input shows the chosen zone's IANA id, which is what
 * the api stores; the line below says it in words.
 */
export function TimeZoneSelect({ value, onChange, preferred = NO_ZONES, className, ...input }: TimeZoneSelectProps) {
  const listId = useId();
  const hintId = useId();
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const open = query !== null;
  const firstIds = useMemo(() => [...new Set([value, BROWSER_TIME_ZONE, ...preferred])], [value, preferred]);
  const shown = useMemo(() => {
    if (query === null) return [];
    const all = timeZoneOptions();
    const first = firstIds.map((id) => all.find((zone) => zone.id === id) ?? timeZoneOption(id));
    const rest = all.filter((zone) => !firstIds.includes(zone.id));
    const found = rest.filter((zone) => matchesZone(zone, query)).sort((a, b) => zoneRank(a, query) - zoneRank(b, query));
    return [...first.filter((zone) => matchesZone(zone, query)), ...found].slice(0, MAX_SHOWN);
  }, [query, firstIds]);
  const chosen = useMemo(() => timeZoneOption(value), [value]);

  const close = () => setQuery(null);
  const choose = (zone: TimeZoneOption) => {
    onChange(zone.id);
    close();
  };
  const move = (index: number) => {
    const next = Math.max(0, Math.min(shown.length - 1, index));
    setActive(next);
    listRef.current?.children[next]?.scrollIntoView({ block: 'nearest' });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        setQuery('');
        setActive(0);
      } else move(active + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter' && open) {
      // Enter picks the highlighted zone and never submits the form around the picker.
      event.preventDefault();
      if (shown[active]) choose(shown[active]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      close();
    }
  };
  const tag = (zone: TimeZoneOption) => (zone.id === value ? 'chosen' : zone.id === BROWSER_TIME_ZONE ? 'this device' : preferred.includes(zone.id) ? 'yours' : null);

  return (
    <span className={`time-zone-select${className ? ` ${className}` : ''}`}>
      <input
        {...input}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && shown[active] ? `${listId}-${active}` : undefined}
        aria-describedby={[input['aria-describedby'], hintId].filter(Boolean).join(' ')}
        autoComplete="off"
        spellCheck={false}
        placeholder="Search: city, region or +5:30"
        value={query ?? value}
        onFocus={(event) => {
          input.onFocus?.(event);
          event.target.select();
        }}
        onClick={() => !open && setQuery('')}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={(event) => {
          input.onBlur?.(event);
          close();
        }}
      />
      <span className="time-zone-hint muted" id={hintId}>
        {chosen.city} · {chosen.offsetLabel}
        {chosen.longName ? ` · ${chosen.longName}` : ''}
      </span>
      {open && (
        // A click here must not reach a <label> around the picker: it would focus the input and reopen the list.
        <ul className="time-zone-options" id={listId} role="listbox" ref={listRef} aria-label="Time zones" onClick={(event) => event.preventDefault()}>
          {shown.length === 0 && <li className="muted time-zone-none">No time zone matches “{query}”.</li>}
          {shown.map((zone, index) => (
            <li
              key={zone.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              data-zone={zone.id}
              // Chosen on mouse down, before the input's blur closes the list.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(zone);
              }}
              onMouseEnter={() => setActive(index)}
            >
              <span className="time-zone-offset">{zone.offsetLabel}</span>
              <span className="time-zone-name">
                <strong>{zone.city}</strong> <span className="muted">{zone.id}</span>
                {zone.longName && <span className="muted block">{zone.longName}</span>}
              </span>
              {tag(zone) && <span className="badge">{tag(zone)}</span>}
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
