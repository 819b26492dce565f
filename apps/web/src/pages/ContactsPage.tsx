import { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { errorMessage } from '../apollo';
import { UpcomingMeetings } from '../meetings/UpcomingMeetings';
import { PhoneLink } from '../components/PhoneLink';
import { StageBadge } from '../components/StageBadge';
import { CONTACTS, type ContactSummary, type Page } from '../graphql';

const PAGE_SIZE = 50;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function ContactsPage() {
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const debouncedSearch = useDebounced(search.trim(), 250);
  const { data, previousData, loading, error, fetchMore } = useQuery<{ contacts: Page<ContactSummary> }>(CONTACTS, {
    variables: { search: debouncedSearch || null, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const contacts = (data ?? previousData)?.contacts;

  const loadMore = () =>
    fetchMore({
      variables: { after: contacts?.pageInfo.endCursor },
      updateQuery: (previous, { fetchMoreResult }) => ({
        contacts: { ...fetchMoreResult.contacts, edges: [...previous.contacts.edges, ...fetchMoreResult.contacts.edges] },
      }),
    });

  return (
    <section className="page">
      <div className="page-header">
        <div>
          <h1>Contacts</h1>
          <p className="muted">{contacts ? `${contacts.totalCount} ${contacts.totalCount === 1 ? 'contact' : 'contacts'}` : ' '}</p>
        </div>
        <Link to="/contacts/new" className="button primary" data-testid="new-contact">
          New contact
        </Link>
      </div>
      <div className="card dashboard-upcoming">
        <UpcomingMeetings />
      </div>
      <label className="search">
        <span className="visually-hidden">Search contacts</span>
        <input
          type="search"
          placeholder="Search by name, email or any phone format"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          data-testid="contact-search"
        />
      </label>
      {error && <p className="form-error">{errorMessage(error)}</p>}
      <div className="table-wrap">
        <table className="contacts-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Stage</th>
              <th scope="col" className="hide-narrow">
                Phone
              </th>
              <th scope="col" className="hide-narrow">
                Email
              </th>
            </tr>
          </thead>
          <tbody>
            {contacts?.edges.map(({ node }) => (
              <tr
                key={node.id}
                data-testid="contact-row"
                className="clickable"
                onClick={(event) => {
                  if (!(event.target as HTMLElement).closest('a')) navigate(`/contacts/${node.id}`);
                }}
              >
                <td>
                  <Link to={`/contacts/${node.id}`} className="contact-link">
                    <span className="avatar" aria-hidden="true">
                      {node.firstName.charAt(0)}
                      {node.lastName.charAt(0)}
                    </span>
                    <span>
                      {node.name}
                      {node.company && <span className="muted block">{node.company}</span>}
                    </span>
                  </Link>
                </td>
                <td>
                  <StageBadge stage={node.stage} />
                </td>
                <td className="hide-narrow">{node.phones[0] ? <PhoneLink phone={node.phones[0]} /> : <span className="muted">—</span>}</td>
                <td className="hide-narrow">
                  {node.emails[0] ? <a href={`mailto:${node.emails[0]}`}>{node.emails[0]}</a> : <span className="muted">—</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {contacts && contacts.edges.length === 0 && !loading && (
          <p className="empty">{debouncedSearch ? `No contact matches “${debouncedSearch}”.` : 'No contacts yet.'}</p>
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
