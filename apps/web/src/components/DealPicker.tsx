import { useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { errorMessage } from '../apollo';
import { DEALS, type DealOption } from '../graphql';

/**
 * Pick one of the organisation's deals, narrowed by title, address or contact as the agent types: moving a
 * recording, putting a call, note or meeting on a deal.
 */
export function DealPicker({
  onPick,
  disabled,
  excludeId,
  label = 'Find a deal',
  offers = () => true,
}: {
  onPick: (deal: DealOption) => void;
  disabled: boolean;
  /** The deal the item is on already: not offered. */
  excludeId?: string;
  label?: string;
  /** Which deals may be picked (e.g. only the contact's own and those without a contact). */
  offers?: (deal: DealOption) => boolean;
}) {
  const [search, setSearch] = useState('');
  const { data, loading, error } = useQuery<{ deals: DealOption[] }>(DEALS, { variables: { first: 100 }, fetchPolicy: 'cache-and-network' });
  const results = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase();
    return (data?.deals ?? [])
      .filter((deal) => deal.id !== excludeId && offers(deal))
      .filter((deal) => !needle || [deal.title, deal.propertyAddress, deal.contact?.name].some((text) => text?.toLocaleLowerCase().includes(needle)))
      .slice(0, 8);
  }, [data, search, excludeId, offers]);
  return (
    <div className="contact-picker">
      <input type="search" placeholder="Find a deal…" aria-label={label} value={search} onChange={(event) => setSearch(event.target.value)} autoFocus />
      {error && <p className="form-error">{errorMessage(error)}</p>}
      <ul className="picker-results">
        {results.map((deal) => (
          <li key={deal.id}>
            <button type="button" className="button ghost small" disabled={disabled} onClick={() => onPick(deal)} data-testid="move-to-deal-result">
              {deal.title}
              {deal.contact && <span className="muted">{deal.contact.name}</span>}
            </button>
          </li>
        ))}
        {!loading && results.length === 0 && <li className="muted">No deal matches.</li>}
      </ul>
    </div>
  );
}
