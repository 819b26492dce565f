import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../apollo';
import { PhoneLink } from '../components/PhoneLink';
import { formatDuration, relativeTime } from '../format';
import { ACTIVITY_ADDED, type Activity, CONTACTS, type ContactSummary, LINK_ACTIVITY, type Page, UNMATCHED_ACTIVITIES } from '../graphql';

type UnmatchedActivity = Activity & { matchCandidates: Array<{ id: string; name: string }> };

/** "Link to contact": find the contact by name, number or email and put the call (and its number) there. */
function ContactPicker({ onPick, disabled }: { onPick: (contactId: string) => void; disabled: boolean }) {
  const [search, setSearch] = useState('');
  const { data } = useQuery<{ contacts: Page<ContactSummary> }>(CONTACTS, { variables: { search, first: 5 }, skip: search.trim().length < 2 });
  return (
    <div className="contact-picker">
      <input type="search" placeholder="Find a contact…" aria-label="Find a contact to link" value={search} onChange={(event) => setSearch(event.target.value)} autoFocus />
      {data && (
        <ul className="picker-results">
          {data.contacts.edges.map(({ node }) => (
            <li key={node.id}>
              <button type="button" className="button ghost small" disabled={disabled} onClick={() => onPick(node.id)} data-testid="link-to-contact-result">
                {node.name}
              </button>
            </li>
          ))}
          {data.contacts.edges.length === 0 && <li className="muted">No contact matches.</li>}
        </ul>
      )}
    </div>
  );
}

function UnmatchedCall({ activity, onLinked }: { activity: UnmatchedActivity; onLinked: () => void }) {
  const [linking, setLinking] = useState(false);
  const [link, { loading, error }] = useMutation(LINK_ACTIVITY);
  const linkTo = async (contactId: string) => {
    const result = await link({ variables: { activityId: activity.id, contactId } }).catch(() => null);
    if (result?.data) onLinked();
  };
  const number = activity.counterpartNumber;
  const prefill = new URLSearchParams({ activity: activity.id, ...(number ? { phone: number } : {}), ...(activity.counterpartName ? { name: activity.counterpartName } : {}) });
  return (
    <li className="card unmatched-item" data-testid="unmatched-item" data-number={number ?? ''}>
      <div className="timeline-meta">
        <strong>{activity.body ?? 'Call'}</strong>
        {activity.durationSeconds ? <span>{formatDuration(activity.durationSeconds)}</span> : null}
        <time dateTime={activity.occurredAt} title={new Date(activity.occurredAt).toLocaleString()}>
          {relativeTime(activity.occurredAt)}
        </time>
        {number && <PhoneLink phone={{ raw: number, e164: number.startsWith('+') ? number : null, extension: null }} />}
      </div>
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
      {linking && <ContactPicker onPick={linkTo} disabled={loading} />}
      {error && (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
    </li>
  );
}

/** Calls no contact matched: create the contact or link one, and every call from that number follows. */
export function UnmatchedPage() {
  const { data, loading, error, refetch } = useQuery<{ unmatchedActivities: Page<UnmatchedActivity> }>(UNMATCHED_ACTIVITIES, { variables: { first: 100 }, fetchPolicy: 'cache-and-network' });
  useSubscription<{ activityAdded: Activity & { contact?: { id: string } | null } }>(ACTIVITY_ADDED, { onData: () => void refetch() });
  const items = data?.unmatchedActivities.edges.map((edge) => edge.node) ?? [];
  return (
    <section className="page">
      <div className="page-header">
        <div>
          <h1>Unmatched calls</h1>
          <p className="muted">Calls from numbers no contact has. Linking one moves every call from that number.</p>
        </div>
      </div>
      {error && <p className="form-error">{errorMessage(error)}</p>}
      <ul className="unmatched-list" aria-busy={loading} data-testid="unmatched-list">
        {items.map((activity) => (
          <UnmatchedCall key={activity.id} activity={activity} onLinked={() => void refetch()} />
        ))}
      </ul>
      {!loading && items.length === 0 && <p className="empty">Every call is on a contact.</p>}
    </section>
  );
}
