import { type RefObject } from 'react';
import { dayTitle, slotTime } from './calendar';

/** The free start times of one day, as buttons, in the viewer's time zone. */
export function DaySlots({ day, slots, timeZone, headingRef, onPick }: { day: string; slots: string[]; timeZone: string; headingRef: RefObject<HTMLHeadingElement | null>; onPick: (slot: string) => void }) {
  return (
    <section className="day-slots" aria-labelledby="day-slots-title">
      <h3 id="day-slots-title" ref={headingRef} tabIndex={-1}>
        {dayTitle(day)}
      </h3>
      <ul className="slot-list">
        {slots.map((slot) => (
          <li key={slot}>
            <button type="button" className="button slot" onClick={() => onPick(slot)} data-testid="booking-slot" data-start={slot}>
              {slotTime(slot, timeZone)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
