import { useMutation } from '@apollo/client/react';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../apollo';
import { DealPicker } from '../components/DealPicker';
import type { Activity, DealOption } from '../graphql';
import { SET_ACTIVITY_DEAL } from './queries';
import './deals.css';

/** The kinds an agent files under a deal by hand; a recording follows its meeting or moves with "Move to deal". */
const FILED_ON_DEALS = new Set(['CALL', 'VOICEMAIL', 'MEETING', 'SMS', 'NOTE']);

export const canFileOnDeal = (activity: Activity) => FILED_ON_DEALS.has(activity.type);

/**
 * The deal a timeline activity is on, with "Put on a deal" / "Change" / "Remove". Only the activity's contact's
 * deals, and deals without a contact, are offered: the api refuses another contact's deal.
 */
export function ActivityDeal({ activity }: { activity: Activity }) {
  const [picking, setPicking] = useState(false);
  const [setDeal, { loading, error }] = useMutation<{ setActivityDeal: Activity }>(SET_ACTIVITY_DEAL);
  const contactId = activity.contact?.id;
  const offers = useCallback((deal: DealOption) => !deal.contact || !contactId || deal.contact.id === contactId, [contactId]);

  const put = async (dealId: string | null) => {
    const result = await setDeal({ variables: { activityId: activity.id, dealId } }).catch(() => null);
    if (result?.data) setPicking(false);
  };

  return (
    <div className="activity-deal" data-testid="activity-deal">
      <div className="row wrap">
        {activity.deal ? (
          <>
            <span className="muted">Deal:</span>
            <Link to={`/deals/${activity.deal.id}`} data-testid="activity-deal-link">
              {activity.deal.title}
            </Link>
            <button type="button" className="button ghost small" onClick={() => setPicking((open) => !open)} aria-expanded={picking} disabled={loading}>
              Change deal
            </button>
            <button type="button" className="button ghost small" onClick={() => void put(null)} disabled={loading}>
              Remove from deal
            </button>
          </>
        ) : (
          <button type="button" className="button ghost small" onClick={() => setPicking((open) => !open)} aria-expanded={picking} disabled={loading} data-testid="put-on-deal">
            Put on a deal
          </button>
        )}
      </div>
      {picking && <DealPicker onPick={(deal) => void put(deal.id)} disabled={loading} excludeId={activity.deal?.id} offers={offers} label="Find the deal to put this on" />}
      {error && (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
    </div>
  );
}
