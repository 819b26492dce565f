import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../session';
import { ScreenPopToast } from '../softphone/ScreenPopToast';
import { useSoftphone } from '../softphone/SoftphoneContext';
import { counterpartLabel, useCallBoard } from './useCallBoard';

/**
 * On every page: "Incoming call from <contact>" while one of the agent's own lines rings. A call ringing in the
 * softphone pane is told once, by the pane's own toast, which stays until the call ends. Each toast has a dismiss
 * button; Escape dismisses them all (a dismissed call stays dismissed while it rings).
 */
export function IncomingCallToast() {
  const user = useCurrentUser();
  const { screenPops, dismissScreenPop } = useSoftphone();
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const inPane = new Set(screenPops.map((pop) => pop.callId));
  const ringing = useCallBoard().filter(
    (call) => call.state === 'RINGING' && call.direction !== 'OUTBOUND' && call.owner?.id === user.id && !inPane.has(call.callId) && !dismissed.has(call.callId),
  );
  const shown = [...screenPops.map((pop) => pop.callId), ...ringing.map((call) => call.callId)];
  const dismiss = (callIds: string[]) => setDismissed((current) => new Set([...current, ...callIds]));

  const shownKey = shown.join(',');
  useEffect(() => {
    if (!shownKey) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      // A dialog or a field that used Escape for itself keeps it.
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      for (const pop of screenPops) dismissScreenPop(pop.callId);
      dismiss(shownKey.split(','));
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [shownKey, screenPops, dismissScreenPop]);

  if (shown.length === 0) return null;
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
          <div className="toast-actions">
            {call.contact ? (
              <Link className="button small" to={`/contacts/${call.contact.id}`}>
                Open contact
              </Link>
            ) : (
              <Link className="button small" to="/calls/unmatched">
                Unmatched calls
              </Link>
            )}
            <button type="button" className="button ghost small" onClick={() => dismiss([call.callId])} aria-label={`Dismiss the call from ${counterpartLabel(call)}`} data-testid="dismiss-incoming-call">
              ×
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
