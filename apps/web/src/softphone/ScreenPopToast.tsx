import { Link } from 'react-router-dom';
import type { ScreenPop } from './useSmartEmbedHandlers';

const eitherOf = new Intl.ListFormat(undefined, { type: 'disjunction' });

/** The contact's page on offer while a softphone call comes in; "Create contact" when the number is nobody's yet. */
function ScreenPopActions({ pop }: { pop: ScreenPop }) {
  if (pop.contacts.length === 0) {
    return pop.number ? (
      <Link className="button small" to={`/contacts/new?${new URLSearchParams({ phone: pop.number })}`}>
        Create contact
      </Link>
    ) : null;
  }
  if (pop.contacts.length === 1) {
    return (
      <Link className="button small" to={`/contacts/${pop.contacts[0].id}`}>
        Open contact
      </Link>
    );
  }
  return (
    <>
      {pop.contacts.map((contact) => (
        <Link key={contact.id} className="button small" to={`/contacts/${contact.id}`}>
          Open {contact.name}
        </Link>
      ))}
    </>
  );
}

/** "Incoming call from <name>" for a call ringing in the softphone pane. */
export function ScreenPopToast({ pop, onDismiss }: { pop: ScreenPop; onDismiss: () => void }) {
  const caller = pop.contacts.length > 0 ? eitherOf.format(pop.contacts.map((contact) => contact.name)) : (pop.number ?? 'an unknown number');
  return (
    <div className="toast incoming-call screen-pop" data-testid="softphone-screen-pop">
      <span className="toast-icon" aria-hidden="true">
        ☎
      </span>
      <div>
        <strong>Incoming call from {caller}</strong>
        {pop.contacts.length > 0 && pop.number && <div className="muted">{pop.number}</div>}
      </div>
      <div className="screen-pop-actions">
        <ScreenPopActions pop={pop} />
        <button type="button" className="button ghost small" onClick={onDismiss} aria-label="Dismiss">
          ×
        </button>
      </div>
    </div>
  );
}
