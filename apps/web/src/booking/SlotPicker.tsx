import { useQuery } from '@apollo/client/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { type CalendarMonth, addMonths, dayOf, monthOf, monthRange, slotsByDay } from './calendar';
import { DaySlots } from './DaySlots';
import { bookingErrorMessage } from './errors';
import { MonthCalendar } from './MonthCalendar';
import { BOOKING_SLOTS } from './queries';

/** Months looked ahead by themselves when the first has nothing free (late in a month, or an agent away). */
const LOOK_AHEAD_MONTHS = 2;

/**
 * The agent's free slots of a length: a month calendar where days with free slots can be picked, then that day's
 * times. Keyed by length and time zone by its parent: either changes which day every slot falls on.
 */
export function SlotPicker({ slug, durationMinutes, timeZone, onPick }: { slug: string; durationMinutes: number; timeZone: string; onPick: (slot: string) => void }) {
  const today = dayOf(new Date(), timeZone);
  const firstMonth = monthOf(today);
  const [month, setMonth] = useState<CalendarMonth>(firstMonth);
  const [day, setDay] = useState<string | null>(null);
  const [lookedAhead, setLookedAhead] = useState<number | null>(0);
  const slotsHeading = useRef<HTMLHeadingElement>(null);
  const range = useMemo(() => monthRange(month, timeZone), [month, timeZone]);
  const { data, loading, error } = useQuery<{ bookingSlots: string[] }>(BOOKING_SLOTS, { variables: { slug, durationMinutes, ...range }, fetchPolicy: 'cache-and-network' });
  const days = useMemo(() => slotsByDay(data?.bookingSlots ?? [], timeZone), [data, timeZone]);
  const freeSlots = useMemo(() => new Map([...days].map(([key, slots]) => [key, slots.length])), [days]);

  useEffect(() => {
    if (lookedAhead === null || lookedAhead >= LOOK_AHEAD_MONTHS || loading || !data || days.size > 0) return;
    setLookedAhead(lookedAhead + 1);
    setMonth((shown) => addMonths(shown, 1));
  }, [lookedAhead, loading, data, days]);

  useEffect(() => {
    if (day) slotsHeading.current?.focus();
  }, [day]);

  const changeMonth = (next: CalendarMonth) => {
    // Once the prospect browses, the calendar stays where they put it.
    setLookedAhead(null);
    setDay(null);
    setMonth(next);
  };

  return (
    <div className="slot-picker">
      <MonthCalendar month={month} firstMonth={firstMonth} freeSlots={freeSlots} selectedDay={day} today={today} loading={loading} onMonthChange={changeMonth} onPickDay={setDay} />
      {error && (
        <p className="form-error" role="alert">
          The free times could not be loaded. {bookingErrorMessage(error)}
        </p>
      )}
      {day && days.has(day) && <DaySlots day={day} slots={days.get(day) ?? []} timeZone={timeZone} headingRef={slotsHeading} onPick={onPick} />}
    </div>
  );
}
