import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../apollo';
import { SkeletonRows } from '../components/Skeleton';
import { DealForm } from './DealForm';
import { formatMoney } from './money';
import { CONTACT_DEALS, DEAL_STAGES, type DealCard, type DealStageInfo } from './queries';
import './deals.css';

/** The contact page's "Deals" panel: the contact's deals (newest first) with their stage, and "New deal" for them. */
export function ContactDeals({ contact }: { contact: { id: string; name: string } }) {
  const { data, loading, error } = useQuery<{ deals: DealCard[] }>(CONTACT_DEALS, { variables: { contactId: contact.id }, fetchPolicy: 'cache-and-network' });
  const { data: stagesData } = useQuery<{ dealStages: DealStageInfo[] }>(DEAL_STAGES);
  const [creating, setCreating] = useState(false);
  const labelOf = (deal: DealCard) => stagesData?.dealStages.find((stage) => stage.stage === deal.stage)?.label ?? '';
  const deals = data?.deals ?? [];

  return (
    <section className="contact-deals" aria-labelledby="contact-deals-heading" data-testid="contact-deals">
      <div className="contact-deals-head">
        <h2 id="contact-deals-heading">Deals</h2>
        <button type="button" className="button small" onClick={() => setCreating(true)} disabled={creating} data-testid="contact-new-deal">
          New deal
        </button>
      </div>
      {creating && <DealForm contact={contact} onCancel={() => setCreating(false)} onDone={() => setCreating(false)} />}
      {error && <p className="form-error">{errorMessage(error)}</p>}
      {loading && !data ? (
        <SkeletonRows rows={2} label="Loading deals" />
      ) : deals.length === 0 ? (
        <p className="muted">No deals yet.</p>
      ) : (
        <ul className="deals">
          {deals.map((deal) => (
            <li key={deal.id} data-testid="contact-deal">
              <Link to={`/deals/${deal.id}`} className="deal-link">
                {deal.title}
              </Link>
              <span className="muted block">
                {labelOf(deal)}
                {deal.value !== null && ` · ${formatMoney(deal.value)}`}
              </span>
              {deal.propertyAddress && <span className="muted block deal-address">{deal.propertyAddress}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
