import type { ReactNode } from 'react';
import './booking.css';

/** The public booking pages' frame: no app chrome, one card, readable on a phone. */
export function BookingShell({ children, wide }: { children: ReactNode; wide?: boolean }) {
  return (
    <main className="booking-shell">
      <div className={`card booking-card${wide ? ' wide' : ''}`}>{children}</div>
      <p className="booking-footer muted">Scheduling by Switchboard</p>
    </main>
  );
}

/** Who the meeting is with: initials avatar and name. */
export function AgentHeader({ name, initials, detail }: { name: string; initials: string; detail?: ReactNode }) {
  return (
    <div className="agent-header">
      <span className="avatar large" aria-hidden="true">
        {initials}
      </span>
      <div>
        <p className="agent-name" data-testid="booking-agent-name">
          {name}
        </p>
        {detail && <p className="muted agent-detail">{detail}</p>}
      </div>
    </div>
  );
}

/** A page that has nothing to book (link off or unknown, agent's Zoom not connected): the reason, calmly. */
export function BookingUnavailable({ title, reason }: { title: string; reason: string }) {
  return (
    <div className="booking-state" data-testid="booking-unavailable">
      <span className="state-icon" aria-hidden="true">
        !
      </span>
      <h1>{title}</h1>
      <p data-testid="booking-unavailable-reason">{reason}</p>
    </div>
  );
}
