import { Link } from 'react-router-dom';
import { useCurrentUser } from '../session';
import { counterpartLabel, useCallBoard } from './useCallBoard';

/** On every page: "Incoming call from <contact>" while one of the agent's own lines rings. */
export function IncomingCallToast() {
  const user = useCurrentUser();
  const ringing = useCallBoard().filter((call) => call.state === 'RINGING' && call.direction !== 'OUTBOUND' && call.owner?.id === user.id);
  if (ringing.length === 0) return null;
  return (
    <div className="toasts" role="status" aria-live="assertive">
      {ringing.map((call) => (
        <div key={call.callId} className="toast incoming-call" data-testid="incoming-call-toast">
          <span className="toast-icon" aria-hidden="true">
            ☎
          </span>
          <div>
            <strong>Incoming call from {counterpartLabel(call)}</strong>
            {call.contact && call.counterpartNumber && <div className="muted">{call.counterpartNumber}</div>}
          </div>
          {call.contact ? (
            <Link className="button small" to={`/contacts/${call.contact.id}`}>
              Open contact
            </Link>
          ) : (
            <Link className="button small" to="/calls/unmatched">
              Unmatched calls
            </Link>
          )}
        </div>
      ))}
    </div>
  );
}
