import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { errorCode } from '../apollo';
import { meetingSpan } from './calendar';
import { bookingErrorMessage, nextFreeSlots } from './errors';
import { BOOKING_PAGE, type Booking, type BookingPage, type ManagedBooking, RESCHEDULE_BOOKING } from './queries';
import { SlotPicker } from './SlotPicker';
import { SlotTakenNotice } from './SlotTakenNotice';
import { TimeZoneSelect } from '../components/TimeZoneSelect';

/** Moving a booking: the same calendar as booking, then one confirming click; a time taken meanwhile offers the next ones. */
export function RescheduleBooking({ booking, onRescheduled, onClose }: { booking: ManagedBooking; onRescheduled: (booking: Booking) => void; onClose: () => void }) {
  const { data } = useQuery<{ bookingPage: BookingPage | null }>(BOOKING_PAGE, { variables: { slug: booking.slug } });
  const [timeZone, setTimeZone] = useState(booking.timezone);
  const [slot, setSlot] = useState<string | null>(null);
  const [taken, setTaken] = useState<string | null>(null);
  const [reschedule, { loading, error, reset }] = useMutation<{ rescheduleBooking: Booking }>(RESCHEDULE_BOOKING);
  const heading = useRef<HTMLHeadingElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, []);
  useEffect(() => {
    if (slot) confirmButton.current?.focus();
  }, [slot]);

  const pick = (next: string | null) => {
    setTaken(null);
    reset();
    setSlot(next);
  };
  const move = async () => {
    if (!slot) return;
    try {
      const result = await reschedule({ variables: { token: booking.manageToken, startTime: slot } });
      if (result.data) onRescheduled(result.data.rescheduleBooking);
    } catch (failure) {
      if (errorCode(failure) === 'SLOT_UNAVAILABLE') setTaken(slot);
    }
  };

  const page = data?.bookingPage;
  return (
    <section className="reschedule" aria-labelledby="reschedule-title" data-testid="booking-reschedule-panel">
      <div className="reschedule-head">
        <h2 id="reschedule-title" ref={heading} tabIndex={-1}>
          Pick a new time
        </h2>
        <button type="button" className="button ghost small" onClick={onClose}>
          Keep the current time
        </button>
      </div>
      {data && !page?.available && (
        <p className="banner warn" role="note" data-testid="booking-reschedule-unavailable">
          <strong>Rescheduling is unavailable right now</strong>
          <span>{page?.unavailableReason ?? `${booking.agentName} is not taking bookings online at the moment.`} Your meeting stays as it is.</span>
        </p>
      )}
      {page?.available && (
        <>
          <label>
            Times shown in
            <TimeZoneSelect
              value={timeZone}
              onChange={(zone) => {
                setTimeZone(zone);
                pick(null);
              }}
              data-testid="booking-timezone"
            />
          </label>
          {taken && <SlotTakenNotice taken={taken} nextSlots={nextFreeSlots(error)} durationMinutes={booking.durationMinutes} timeZone={timeZone} onPick={pick} onPickAnotherDay={() => pick(null)} />}
          {slot && !taken ? (
            <div className="reschedule-confirm">
              <p>
                Move to <strong data-testid="booking-new-time">{meetingSpan(slot, booking.durationMinutes, timeZone)}</strong>?
              </p>
              <div className="actions">
                <button type="button" ref={confirmButton} className="button primary" onClick={move} disabled={loading} data-testid="booking-reschedule-confirm">
                  {loading ? 'Moving…' : 'Move meeting'}
                </button>
                <button type="button" className="button ghost" onClick={() => pick(null)}>
                  Pick another time
                </button>
              </div>
            </div>
          ) : (
            !taken && <SlotPicker key={timeZone} slug={booking.slug} durationMinutes={booking.durationMinutes} timeZone={timeZone} onPick={pick} />
          )}
          {error && errorCode(error) !== 'SLOT_UNAVAILABLE' && (
            <p className="form-error" role="alert" data-testid="booking-error">
              {bookingErrorMessage(error)}
            </p>
          )}
        </>
      )}
    </section>
  );
}
