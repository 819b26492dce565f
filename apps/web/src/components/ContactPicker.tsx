import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { CONTACTS, type ContactSummary, type Page } from '../graphql';

export interface PickedContact {
  id: string;
  name: string;
}

/** Find a contact by name, number or email (the contacts search) and pick one: linking a call, moving a recording. */
export function ContactPicker({
  onPick,
  disabled,
  label = 'Find a contact to link',
  excludeId,
  resultTestId = 'link-to-contact-result',
}: {
  onPick: (contact: PickedContact) => void;
  disabled: boolean;
  label?: string;
  /** The contact the item is on already: not offered. */
  excludeId?: string;
  resultTestId?: string;
}) {
  const [search, setSearch] = useState('');
  const { data } = useQuery<{ contacts: Page<ContactSummary> }>(CONTACTS, { variables: { search, first: 6 }, skip: search.trim().length < 2 });
  const results = data?.contacts.edges.map((edge) => edge.node).filter((contact) => contact.id !== excludeId) ?? [];
  return (
    <div className="contact-picker">
      <input type="search" placeholder="Find a contact…" aria-label={label} value={search} onChange={(event) => setSearch(event.target.value)} autoFocus />
      {data && (
        <ul className="picker-results">
          {results.map((contact) => (
            <li key={contact.id}>
              <button type="button" className="button ghost small" disabled={disabled} onClick={() => onPick({ id: contact.id, name: contact.name })} data-testid={resultTestId}>
                {contact.name}
                {contact.company && <span className="muted">{contact.company}</span>}
              </button>
            </li>
          ))}
          {results.length === 0 && <li className="muted">No contact matches.</li>}
        </ul>
      )}
    </div>
  );
}
