import { useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { errorMessage } from '../apollo';
import { DEALS, type DealOption } from '../graphql';

/** Pick one of the organisation's deals, narrowed by title, address or contact as the agent types. */
export function DealPicker({ onPick, disabled, excludeId }: { onPick: (deal: DealOption) => void; disabled: boolean; excludeId?: string }) {
  const [search, setSearch] = useState('');
  const { data, loading, error } = useQuery<{ deals: DealOption[] }>(DEALS, { variables: { first: 100 }, fetchPolicy: 'cache-and-network' });
  const results = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase();
    return (data?.deals ?? [])
      .filter((deal) => deal.id !== excludeId)
      .filter((deal) => !needle || [deal.title, deal.propertyAddress, deal.contact?.name].some((text) => text?.toLocaleLowerCase().includes(needle)))
      .slice(0, 8);
  }, [data, search, excludeId]);
  return (
    <div className="contact-picker">
      <input type="search" placeholder="Find a deal…" aria-label="Find a deal to move the recording to" value={search} onChange={(event) => setSearch(event.target.value)} autoFocus />
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
