import { useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { formatDuration } from '../format';
import { AgentHeader, BookingShell, BookingUnavailable } from './BookingShell';
import { BookingForm, NO_DETAILS } from './BookingForm';
import { BookingSummary } from './BookingSummary';
import { BROWSER_TIME_ZONE } from './calendar';
import { DurationPicker } from './DurationPicker';
import { BOOKING_PAGE, type Booking, type BookingPage } from './queries';
import { SlotPicker } from './SlotPicker';
import { TimeZoneSelect } from '../components/TimeZoneSelect';

/** PUBLIC_URL/book/<slug>: a prospect picks a length, a day and a time, leaves their details, and is booked. */
export function PublicBookingPage() {
  const { slug = '' } = useParams();
  const { data, loading, error } = useQuery<{ bookingPage: BookingPage | null }>(BOOKING_PAGE, { variables: { slug } });
  useEffect(() => {
    document.title = data?.bookingPage ? `Book a meeting with ${data.bookingPage.agentName}` : 'Book a meeting';
  }, [data]);

  if (loading && !data) return <BookingShell><p className="muted" aria-busy="true">Loading…</p></BookingShell>;
  if (error && !data) return <BookingShell><BookingUnavailable title="This page cannot load right now" reason="The booking service did not answer. Please try again in a minute." /></BookingShell>;
  const page = data?.bookingPage;
  if (!page) return <BookingShell><BookingUnavailable title="This booking link is not active" reason="The link may be mistyped, or its owner has turned booking off. Ask them for a current link." /></BookingShell>;
  if (!page.available) {
    return (
      <BookingShell>
        <AgentHeader name={page.agentName} initials={page.agentInitials} />
        <BookingUnavailable title="Booking is unavailable right now" reason={page.unavailableReason ?? `${page.agentName} cannot take bookings at the moment. Please try again later.`} />
      </BookingShell>
    );
  }
  return <BookingFlow page={page} />;
}

function BookingFlow({ page }: { page: BookingPage }) {
  const [durationMinutes, setDurationMinutes] = useState(page.durations.includes(30) ? 30 : page.durations[0]);
  const [timeZone, setTimeZone] = useState(BROWSER_TIME_ZONE);
  const [slot, setSlot] = useState<string | null>(null);
  const [details, setDetails] = useState(NO_DETAILS);
  const [booked, setBooked] = useState<{ booking: Booking; email: string } | null>(null);

  if (booked) return <BookingConfirmation booking={booked.booking} email={booked.email} />;
  const choose = (change: () => void) => {
    change();
    setSlot(null);
  };
  return (
    <BookingShell wide>
      <div className="booking-layout">
        <aside className="booking-aside">
          <AgentHeader name={page.agentName} initials={page.agentInitials} detail={`${formatDuration(durationMinutes * 60)} Zoom meeting`} />
          <h1 className="booking-title">Book a meeting with {page.agentName}</h1>
          <DurationPicker durations={page.durations} value={durationMinutes} meetingLimitMinutes={page.meetingLimitMinutes} onChange={(minutes) => choose(() => setDurationMinutes(minutes))} />
          <label>
            Times shown in
            <TimeZoneSelect value={timeZone} onChange={(zone) => choose(() => setTimeZone(zone))} data-testid="booking-timezone" />
          </label>
        </aside>
        <div className="booking-main">
          {slot ? (
            <BookingForm page={page} fields={details} onFieldsChange={setDetails} slot={slot} durationMinutes={durationMinutes} timeZone={timeZone} onPickSlot={setSlot} onChangeTime={() => setSlot(null)} onBooked={(booking, email) => setBooked({ booking, email })} />
          ) : (
            <>
              <h2>Pick a day and time</h2>
              <SlotPicker key={`${durationMinutes} ${timeZone}`} slug={page.slug} durationMinutes={durationMinutes} timeZone={timeZone} onPick={setSlot} />
            </>
          )}
        </div>
      </div>
    </BookingShell>
  );
}

function BookingConfirmation({ booking, email }: { booking: Booking; email: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <BookingShell>
      <BookingSummary booking={booking} title="You're booked" headingRef={heading}>
        <p className="muted">
          A confirmation with the join link is on its way to <strong>{email}</strong>.
        </p>
        <p>
          Plans changed? <Link to={`/book/manage/${booking.manageToken}`} data-testid="booking-manage-link">Reschedule or cancel</Link> with your private link.
        </p>
      </BookingSummary>
    </BookingShell>
  );
}
