import type { ReactNode, RefObject } from 'react';
import { formatDuration } from '../format';
import { meetingSpan } from './calendar';
import { CalendarFileLink } from './CalendarFileLink';
import type { Booking } from './queries';

/** A booked meeting as its prospect sees it (confirmation and manage page): when, with whom, how to join. */
export function BookingSummary({ booking, title, headingRef, children }: { booking: Booking; title: string; headingRef?: RefObject<HTMLHeadingElement | null>; children?: ReactNode }) {
  const cancelled = booking.status === 'CANCELLED';
  return (
    <section className={`booking-summary${cancelled ? ' cancelled' : ''}`} data-testid="booking-summary" data-status={booking.status}>
      <h1 ref={headingRef} tabIndex={-1} data-testid="booking-summary-title">
        {title}
      </h1>
      <dl className="booking-details">
        <dt>When</dt>
        <dd data-testid="booking-when" data-start={booking.startTime}>
          {meetingSpan(booking.startTime, booking.durationMinutes, booking.timezone)}
        </dd>
        <dt>Length</dt>
        <dd>{formatDuration(booking.durationMinutes * 60)} on Zoom</dd>
        <dt>With</dt>
        <dd>{booking.agentName}</dd>
        {!cancelled && booking.joinUrl && (
          <>
            <dt>Join</dt>
            <dd>
              <a href={booking.joinUrl} target="_blank" rel="noreferrer" className="join-link" data-testid="booking-join">
                {booking.joinUrl}
              </a>
            </dd>
          </>
        )}
      </dl>
      {!cancelled && (
        <div className="actions">
          <CalendarFileLink calendarFile={booking.calendarFile} />
        </div>
      )}
      {children}
    </section>
  );
}
