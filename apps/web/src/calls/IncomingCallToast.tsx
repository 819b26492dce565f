import { Link } from 'react-router-dom';
import { useCurrentUser } from '../session';
import { ScreenPopToast } from '../softphone/ScreenPopToast';
import { useSoftphone } from '../softphone/SoftphoneContext';
import { counterpartLabel, useCallBoard } from './useCallBoard';

/**
 * On every page: "Incoming call from <contact>" while one of the agent's own lines rings. A call ringing in the
 * softphone pane is told once, by the pane's own toast, which stays until the call ends.
 */
export function IncomingCallToast() {
  const user = useCurrentUser();
  const { screenPops, dismissScreenPop } = useSoftphone();
  const inPane = new Set(screenPops.map((pop) => pop.callId));
  const ringing = useCallBoard().filter((call) => call.state === 'RINGING' && call.direction !== 'OUTBOUND' && call.owner?.id === user.id && !inPane.has(call.callId));
  if (ringing.length === 0 && screenPops.length === 0) return null;
  return (
    <div className="toasts" role="status" aria-live="assertive">
      {screenPops.map((pop) => (
        <ScreenPopToast key={pop.callId} pop={pop} onDismiss={() => dismissScreenPop(pop.callId)} />
      ))}
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
