import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../apollo';
import { BookingShell, BookingUnavailable } from './BookingShell';
import { BookingSummary } from './BookingSummary';
import { meetingSpan } from './calendar';
import { bookingErrorMessage } from './errors';
import { BOOKING, type Booking, CANCEL_BOOKING, type ManagedBooking } from './queries';
import { RescheduleBooking } from './RescheduleBooking';

/** PUBLIC_URL/book/manage/<token>: the prospect's private link to see, move or cancel their booking. */
export function ManageBookingPage() {
  const { token = '' } = useParams();
  const { data, loading, error } = useQuery<{ booking: ManagedBooking | null }>(BOOKING, { variables: { token }, fetchPolicy: 'network-only' });
  useEffect(() => {
    document.title = 'Your booking';
  }, []);

  if (loading && !data) return <BookingShell><p className="muted" aria-busy="true">Loading…</p></BookingShell>;
  if (error && !data) return <BookingShell><BookingUnavailable title="This page cannot load right now" reason={`The booking service did not answer (${errorMessage(error)}). Please try again in a minute.`} /></BookingShell>;
  if (!data?.booking) return <BookingShell><BookingUnavailable title="Booking not found" reason="This link does not match a booking. Check that you opened the whole link from your confirmation email." /></BookingShell>;
  return <ManageBooking booking={data.booking} />;
}

type Mode = 'view' | 'reschedule' | 'confirm-cancel';

function ManageBooking({ booking }: { booking: ManagedBooking }) {
  const [mode, setMode] = useState<Mode>('view');
  const [notice, setNotice] = useState<string | null>(null);
  const [cancel, cancelling] = useMutation<{ cancelBooking: Booking }>(CANCEL_BOOKING);
  const heading = useRef<HTMLHeadingElement>(null);
  const cancelled = booking.status === 'CANCELLED';

  // After a change the page says what happened from the top, where the heading is.
  useEffect(() => {
    if (notice) heading.current?.focus();
  }, [notice, booking]);

  const confirmCancel = async () => {
    const result = await cancel({ variables: { token: booking.manageToken } }).catch(() => null);
    if (result?.data) {
      setMode('view');
      setNotice('Your meeting is cancelled. We let the host know.');
    }
  };
  const rescheduled = (moved: Booking) => {
    setMode('view');
    setNotice(`Moved to ${meetingSpan(moved.startTime, moved.durationMinutes, moved.timezone)}. Add it to your calendar again to update the time there.`);
  };

  return (
    <BookingShell wide={mode === 'reschedule'}>
      <BookingSummary booking={booking} title={cancelled ? 'This meeting is cancelled' : 'Your meeting'} headingRef={heading}>
        {notice && (
          <p className="banner success" role="status" data-testid="booking-manage-notice">
            {notice}
          </p>
        )}
        {cancelled && (
          <p>
            <Link to={`/book/${booking.slug}`} className="button primary" data-testid="booking-book-again">
              Book another time
            </Link>
          </p>
        )}
        {!cancelled && mode === 'view' && (
          <div className="actions">
            <button type="button" className="button" onClick={() => setMode('reschedule')} data-testid="booking-reschedule">
              Reschedule
            </button>
            <button type="button" className="button danger" onClick={() => setMode('confirm-cancel')} data-testid="booking-cancel">
              Cancel meeting
            </button>
          </div>
        )}
        {!cancelled && mode === 'confirm-cancel' && (
          <div className="confirm-cancel" role="group" aria-labelledby="confirm-cancel-question">
            <p id="confirm-cancel-question">Cancel this meeting with {booking.agentName}? The Zoom meeting is removed.</p>
            <div className="actions">
              <button type="button" className="button danger" onClick={confirmCancel} disabled={cancelling.loading} autoFocus data-testid="booking-cancel-confirm">
                {cancelling.loading ? 'Cancelling…' : 'Yes, cancel it'}
              </button>
              <button type="button" className="button ghost" onClick={() => setMode('view')}>
                Keep it
              </button>
            </div>
            {cancelling.error && (
              <p className="form-error" role="alert">
                {bookingErrorMessage(cancelling.error)}
              </p>
            )}
          </div>
        )}
      </BookingSummary>
      {!cancelled && mode === 'reschedule' && <RescheduleBooking booking={booking} onRescheduled={rescheduled} onClose={() => setMode('view')} />}
    </BookingShell>
  );
}
