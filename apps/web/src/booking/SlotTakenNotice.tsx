import { meetingTime } from '../format';
import { meetingSpan } from './calendar';

/** Said when someone else booked the chosen time a moment earlier: the next free times, one click each. */
export function SlotTakenNotice({ taken, nextSlots, durationMinutes, timeZone, onPick, onPickAnotherDay }: { taken: string; nextSlots: string[]; durationMinutes: number; timeZone: string; onPick: (slot: string) => void; onPickAnotherDay: () => void }) {
  return (
    <div className="banner warn slot-taken" role="alert" data-testid="booking-slot-taken">
      <strong>That time was just taken</strong>
      <span>Someone booked {meetingSpan(taken, durationMinutes, timeZone)} a moment before you. {nextSlots.length > 0 ? 'The next free times:' : 'No other time is free in the next two weeks.'}</span>
      {nextSlots.length > 0 && (
        <ul className="slot-list">
          {nextSlots.map((slot) => (
            <li key={slot}>
              <button type="button" className="button slot" onClick={() => onPick(slot)} data-testid="booking-next-slot" data-start={slot}>
                {meetingTime(slot, timeZone)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button ghost small" onClick={onPickAnotherDay}>
        Pick another day
      </button>
    </div>
  );
}
