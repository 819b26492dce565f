import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../apollo';
import { PhoneLink } from '../components/PhoneLink';
import { formatDuration, relativeTime } from '../format';
import { ContactPicker } from '../components/ContactPicker';
import { ACTIVITY_ADDED, ACTIVITY_UPDATED, type Activity, LINK_ACTIVITY, type Page, UNMATCHED_ACTIVITIES } from '../graphql';

type UnmatchedActivity = Activity & { matchCandidates: Array<{ id: string; name: string }> };

/** One call or detached recording no contact has, with the ways to put it on one. */
function UnmatchedItem({ activity, onLinked }: { activity: UnmatchedActivity; onLinked: () => void }) {
  const [linking, setLinking] = useState(false);
  const [link, { loading, error }] = useMutation(LINK_ACTIVITY);
  const linkTo = async (contactId: string) => {
    const result = await link({ variables: { activityId: activity.id, contactId } }).catch(() => null);
    if (result?.data) onLinked();
  };
  const number = activity.counterpartNumber;
  const prefill = new URLSearchParams({ activity: activity.id, ...(number ? { phone: number } : {}), ...(activity.counterpartName ? { name: activity.counterpartName } : {}) });
  return (
    <li className="card unmatched-item" data-testid="unmatched-item" data-activity-type={activity.type} data-number={number ?? ''}>
      <div className="timeline-meta">
        <strong>{activity.body ?? 'Call'}</strong>
        {activity.durationSeconds ? <span>{formatDuration(activity.durationSeconds)}</span> : null}
        <time dateTime={activity.occurredAt} title={new Date(activity.occurredAt).toLocaleString()}>
          {relativeTime(activity.occurredAt)}
        </time>
        {number && <PhoneLink phone={{ raw: number, e164: number.startsWith('+') ? number : null, extension: null }} />}
      </div>
      {activity.summary && <p className="unmatched-summary muted">{activity.summary}</p>}
      {activity.matchCandidates.length > 1 ? (
        <div className="which-contact" data-testid="which-contact">
          <span>Which contact? {activity.matchCandidates.length} contacts share this number; your answer is remembered for it.</span>
          {activity.matchCandidates.map((candidate) => (
            <button key={candidate.id} type="button" className="button small" disabled={loading} onClick={() => linkTo(candidate.id)}>
              {candidate.name}
            </button>
          ))}
        </div>
      ) : (
        <div className="form-actions">
          <Link className="button primary small" to={`/contacts/new?${prefill}`} data-testid="unmatched-create-contact">
            Create contact
          </Link>
          <button type="button" className="button small" onClick={() => setLinking((open) => !open)} aria-expanded={linking} data-testid="unmatched-link">
            Link to contact
          </button>
        </div>
      )}
      {linking && <ContactPicker onPick={(contact) => void linkTo(contact.id)} disabled={loading} />}
      {error && (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
    </li>
  );
}

/**
 * Calls no contact matched, and recordings detached from a contact: create the contact or link one (every call
 * from that number follows). Kept current live: a new unmatched call, a recording detached or linked elsewhere.
 */
export function UnmatchedPage() {
  const { data, loading, error, refetch } = useQuery<{ unmatchedActivities: Page<UnmatchedActivity> }>(UNMATCHED_ACTIVITIES, { variables: { first: 100 }, fetchPolicy: 'cache-and-network' });
  const items = data?.unmatchedActivities.edges.map((edge) => edge.node) ?? [];
  useSubscription<{ activityAdded: Activity }>(ACTIVITY_ADDED, { onData: () => void refetch() });
  useSubscription<{ activityUpdated: Activity }>(ACTIVITY_UPDATED, {
    onData: ({ data: event }) => {
      const updated = event.data?.activityUpdated;
      if (updated && (!updated.contact || items.some((item) => item.id === updated.id))) void refetch();
    },
  });
  return (
    <section className="page">
      <div className="page-header">
        <div>
          <h1>Unmatched</h1>
          <p className="muted">Calls from numbers no contact has, and recordings detached from a contact. Linking a call moves every call from that number.</p>
        </div>
      </div>
      {error && <p className="form-error">{errorMessage(error)}</p>}
      <ul className="unmatched-list" aria-busy={loading} data-testid="unmatched-list">
        {items.map((activity) => (
          <UnmatchedItem key={activity.id} activity={activity} onLinked={() => void refetch()} />
        ))}
      </ul>
      {!loading && items.length === 0 && <p className="empty">Every call and recording is on a contact.</p>}
    </section>
  );
}
