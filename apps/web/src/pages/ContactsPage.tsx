import { useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../apollo';
import { PhoneLink } from '../components/PhoneLink';
import { SkeletonLine } from '../components/Skeleton';
import { StageBadge } from '../components/StageBadge';
import { CONTACT_DELETED, CONTACT_LIST, type ContactListFilters, type ContactListItem, type ContactOrder } from '../contacts/queries';
import { useTeammates } from '../tasks/useTeammates';
import '../contacts/contacts.css';
import { relativeTime } from '../format';
import type { ContactStage, Page } from '../graphql';
import { UpcomingMeetings } from '../meetings/UpcomingMeetings';
import { useCurrentUser } from '../session';
import { useNow } from '../timeline/useNow';

const PAGE_SIZE = 50;
const SKELETON_ROWS = 6;
const STAGES: Array<[ContactStage, string]> = [
  ['lead', 'Leads'],
  ['client', 'Clients'],
  ['past_client', 'Past clients'],
];
const ORDERS: Array<[ContactOrder, string]> = [
  ['NAME', 'Name'],
  ['LAST_CONTACTED', 'Last contacted'],
  ['CREATED', 'Newest'],
];

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** The list's filters live in the address (?stage=client&sort=LAST_CONTACTED), so a filtered list can be shared and Back restores it. */
function useListFilters(): [Omit<ContactListFilters, 'search'>, (key: 'stage' | 'owner' | 'tag' | 'sort', value: string) => void] {
  const [params, setParams] = useSearchParams();
  const sort = params.get('sort');
  const filters = {
    stage: (params.get('stage') as ContactStage | null) || null,
    ownerId: params.get('owner') || null,
    tag: params.get('tag') || null,
    orderBy: ORDERS.some(([order]) => order === sort) ? (sort as ContactOrder) : 'NAME',
  };
  const set = (key: string, value: string) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  return [filters, set];
}

export function ContactsPage() {
  const navigate = useNavigate();
  const me = useCurrentUser();
  const now = useNow(30_000);
  const [search, setSearch] = useState('');
  const [filters, setFilter] = useListFilters();
  const [tagInput, setTagInput] = useState(filters.tag ?? '');
  const debouncedSearch = useDebounced(search.trim(), 250);
  const debouncedTag = useDebounced(tagInput.trim(), 300);
  useEffect(() => {
    if (debouncedTag !== (filters.tag ?? '')) setFilter('tag', debouncedTag);
  }, [debouncedTag, filters.tag, setFilter]);
  const owners = useTeammates();
  const { data, previousData, loading, error, fetchMore, refetch } = useQuery<{ contacts: Page<ContactListItem> }>(CONTACT_LIST, {
    variables: { search: debouncedSearch || null, ...filters, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  // A colleague deleted a contact: the list drops it without a reload.
  useSubscription(CONTACT_DELETED, { onData: () => void refetch() });
  const contacts = (data ?? previousData)?.contacts;
  const filtered = Boolean(debouncedSearch || filters.stage || filters.ownerId || filters.tag);

  const loadMore = () =>
    fetchMore({
      variables: { after: contacts?.pageInfo.endCursor },
      updateQuery: (previous, { fetchMoreResult }) => ({
        contacts: { ...fetchMoreResult.contacts, edges: [...previous.contacts.edges, ...fetchMoreResult.contacts.edges] },
      }),
    });

  return (
    <section className="page contacts-page">
      <div className="page-header">
        <div>
          <h1>Contacts</h1>
          <p className="muted" data-testid="contact-count">
            {contacts ? `${contacts.totalCount} ${contacts.totalCount === 1 ? 'contact' : 'contacts'}` : ' '}
          </p>
        </div>
        <div className="row">
          <Link to="/contacts/import" className="button" data-testid="import-contacts">
            Import CSV
          </Link>
          <Link to="/contacts/new" className="button primary" data-testid="new-contact">
            New contact
          </Link>
        </div>
      </div>
      <div className="card dashboard-upcoming">
        <UpcomingMeetings />
      </div>
      <div className="contact-filters">
        <label className="search">
          Search
          <input
            type="search"
            placeholder="Name, email or any phone format"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            data-testid="contact-search"
          />
        </label>
        <label>
          Stage
          <select value={filters.stage ?? ''} onChange={(event) => setFilter('stage', event.target.value)} data-testid="filter-stage">
            <option value="">All stages</option>
            {STAGES.map(([stage, label]) => (
              <option key={stage} value={stage}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Owner
          <select value={filters.ownerId ?? ''} onChange={(event) => setFilter('owner', event.target.value)} data-testid="filter-owner">
            <option value="">Anyone</option>
            <option value={me.id}>Me</option>
            {owners
              .filter((user) => user.id !== me.id)
              .map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                </option>
              ))}
          </select>
        </label>
        <label>
          Tag
          <input value={tagInput} onChange={(event) => setTagInput(event.target.value)} placeholder="Any tag" data-testid="filter-tag" />
        </label>
        <label>
          Sort by
          <select value={filters.orderBy} onChange={(event) => setFilter('sort', event.target.value === 'NAME' ? '' : event.target.value)} data-testid="sort-contacts">
            {ORDERS.map(([order, label]) => (
              <option key={order} value={order}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && <p className="form-error">{errorMessage(error)}</p>}
      <div className="table-wrap">
        <table className="contacts-table contact-list">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Stage</th>
              <th scope="col">Last contacted</th>
              <th scope="col">Tags</th>
              <th scope="col">Phone</th>
              <th scope="col">Email</th>
            </tr>
          </thead>
          <tbody aria-busy={!contacts || undefined}>
            {!contacts &&
              Array.from({ length: SKELETON_ROWS }, (_, index) => (
                <tr key={index} className="skeleton-row" data-testid="skeleton">
                  {[60, 30, 40, 30, 45, 55].map((width, cell) => (
                    <td key={cell}>
                      <SkeletonLine width={`${width}%`} />
                    </td>
                  ))}
                </tr>
              ))}
            {contacts?.edges.map(({ node }) => (
              <tr
                key={node.id}
                data-testid="contact-row"
                className="clickable"
                onClick={(event) => {
                  if (!(event.target as HTMLElement).closest('a')) navigate(`/contacts/${node.id}`);
                }}
              >
                <td data-label="Name">
                  <Link to={`/contacts/${node.id}`} className="contact-link">
                    <span className="avatar" aria-hidden="true">
                      {node.firstName.charAt(0)}
                      {node.lastName.charAt(0)}
                    </span>
                    <span className="contact-link-name">
                      {node.name}
                      {node.company && <span className="muted block">{node.company}</span>}
                    </span>
                  </Link>
                </td>
                <td data-label="Stage">
                  <StageBadge stage={node.stage} />
                </td>
                <td data-label="Last contacted" data-testid="last-contacted">
                  {node.lastContactedAt ? (
                    <time dateTime={node.lastContactedAt} title={new Date(node.lastContactedAt).toLocaleString()}>
                      {relativeTime(node.lastContactedAt, now)}
                    </time>
                  ) : (
                    <span className="muted">Never</span>
                  )}
                </td>
                <td data-label="Tags">
                  {node.tags.length > 0 ? (
                    <span className="tag-list">
                      {node.tags.map((tag) => (
                        <span key={tag} className="tag">
                          {tag}
                        </span>
                      ))}
                    </span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td data-label="Phone">{node.phones[0] ? <PhoneLink phone={node.phones[0]} /> : <span className="muted">—</span>}</td>
                <td data-label="Email" className="contact-email">
                  {node.emails[0] ? <a href={`mailto:${node.emails[0]}`}>{node.emails[0]}</a> : <span className="muted">—</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {contacts && contacts.edges.length === 0 && !loading && (
          <p className="empty">{filtered ? 'No contact matches these filters.' : 'No contacts yet.'}</p>
        )}
      </div>
      {contacts?.pageInfo.hasNextPage && (
        <button type="button" className="button" onClick={loadMore} disabled={loading}>
          {loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
