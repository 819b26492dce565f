import { useApolloClient, useQuery, useSubscription } from '@apollo/client/react';
import { Suspense, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../apollo';
import { lazyPage } from '../components/lazyPage';
import { NoteComposer } from '../components/NoteComposer';
import { usePageTitle } from '../components/PageTitle';
import { PhoneLink } from '../components/PhoneLink';
import { StageBadge } from '../components/StageBadge';
import { SkeletonRows } from '../components/Skeleton';
import { Timeline } from '../components/Timeline';
import { ContactDeletedNotice } from '../contacts/ContactDeletedNotice';
import { CONTACT_DELETED } from '../contacts/queries';
import { ContactDeals } from '../deals/ContactDeals';
import { CONTACT, type Contact } from '../graphql';
import { UpcomingMeetings } from '../meetings/UpcomingMeetings';
import { SmsThread } from '../softphone/SmsThread';
import { ContactTasks } from '../tasks/ContactTasks';

// Behind a button each: downloaded when first opened, which keeps the contact page's first load small.
const MeetingForm = lazyPage(() => import('../meetings/MeetingForm'), 'MeetingForm');
const LogCallForm = lazyPage(() => import('../softphone/LogCallForm'), 'LogCallForm');
const DeleteContactDialog = lazyPage(() => import('../contacts/DeleteContactDialog'), 'DeleteContactDialog');

/** One contact's page; a fresh one for each contact, so nothing of the last one (its live timeline, a notice) stays on screen. */
export function ContactPage() {
  const { id = '' } = useParams();
  return <ContactView key={id} id={id} />;
}

function ContactView({ id }: { id: string }) {
  const client = useApolloClient();
  const [deletedName, setDeletedName] = useState<string | null>(null);
  const { data, loading, error } = useQuery<{ contact: Contact | null }>(CONTACT, { variables: { id }, skip: deletedName !== null });
  const [scheduling, setScheduling] = useState(false);
  const [loggingCall, setLoggingCall] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [notice, setNotice] = useState('');
  // This tab's own deletion is heard too; its dialog navigates away, so the notice is only for someone else's.
  const deletingHere = useRef(false);
  useSubscription<{ contactDeleted: { contactId: string } }>(CONTACT_DELETED, {
    skip: deletedName !== null,
    onData: ({ data: event }) => {
      if (event.data?.contactDeleted.contactId !== id || deletingHere.current || !data?.contact) return;
      setDeletedName(data.contact.name);
    },
  });
  // Evicted once the page no longer watches the contact (the query is skipped), so it is not fetched again;
  // lists still holding it drop the dangling reference.
  useEffect(() => {
    if (deletedName === null) return;
    client.cache.evict({ id: client.cache.identify({ __typename: 'Contact', id }) });
    client.cache.gc();
  }, [client, deletedName, id]);
  usePageTitle(deletedName === null ? (data?.contact?.name ?? 'Contact') : 'Contact deleted');

  if (deletedName !== null) return <ContactDeletedNotice contactName={deletedName} />;

  if (loading && !data) return <p className="muted">Loading…</p>;
  if (error) return <p className="form-error">{errorMessage(error)}</p>;
  const contact = data?.contact;
  if (!contact) {
    return (
      <section className="page">
        <h1>Contact not found</h1>
        <p>
          It may have been deleted. <Link to="/contacts">Back to contacts</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="page contact-page">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/contacts">Contacts</Link> <span aria-hidden="true">/</span> <span>{contact.name}</span>
      </nav>
      <div className="page-header">
        <div className="contact-title">
          <span className="avatar large" aria-hidden="true">
            {contact.firstName.charAt(0)}
            {contact.lastName.charAt(0)}
          </span>
          <div>
            <h1 data-testid="contact-name">{contact.name}</h1>
            <p className="muted">
              <StageBadge stage={contact.stage} /> {contact.company}
            </p>
          </div>
        </div>
        <div className="row">
          <button type="button" className="button primary" onClick={() => setScheduling(true)} data-testid="schedule-meeting">
            Schedule Zoom meeting
          </button>
          <button type="button" className="button" onClick={() => setLoggingCall(true)} data-testid="log-call">
            Log a call
          </button>
          <Link to={`/contacts/${contact.id}/edit`} className="button">
            Edit
          </Link>
          <button type="button" className="button danger" onClick={() => setDeleting(true)} data-testid="delete-contact">
            Delete
          </button>
        </div>
      </div>
      {deleting && (
        <Suspense fallback={null}>
          <DeleteContactDialog
            contactId={contact.id}
            contactName={contact.name}
            onDeleting={(inFlight) => (deletingHere.current = inFlight)}
            onClose={() => setDeleting(false)}
          />
        </Suspense>
      )}
      {notice && (
        <p className="banner success" role="status" data-testid="meeting-notice">
          {notice}
        </p>
      )}
      <Suspense fallback={<SkeletonRows rows={3} label="Loading the form" />}>
        {scheduling && (
          <MeetingForm
            contactId={contact.id}
            contactName={contact.name}
            onDone={(message) => {
              setScheduling(false);
              setNotice(message);
            }}
          />
        )}
        {loggingCall && (
          <LogCallForm
            contactId={contact.id}
            onDone={(message) => {
              setLoggingCall(false);
              setNotice(message);
            }}
          />
        )}
      </Suspense>
      <div className="columns">
        <aside className="card details">
          <h2>Details</h2>
          <dl>
            <dt>Phone</dt>
            <dd>
              {contact.phones.length === 0 && <span className="muted">None</span>}
              <ul className="plain">
                {contact.phones.map((phone) => (
                  <li key={phone.raw}>
                    <PhoneLink phone={phone} />
                  </li>
                ))}
              </ul>
            </dd>
            <dt>Email</dt>
            <dd>
              {contact.emails.length === 0 && <span className="muted">None</span>}
              <ul className="plain">
                {contact.emails.map((email) => (
                  <li key={email}>
                    <a href={`mailto:${email}`}>{email}</a>
                  </li>
                ))}
              </ul>
            </dd>
            <dt>Owner</dt>
            <dd>{contact.owner?.name ?? <span className="muted">Unassigned</span>}</dd>
            {contact.notes && (
              <>
                <dt>About</dt>
                <dd>{contact.notes}</dd>
              </>
            )}
          </dl>
          <ContactTasks contactId={contact.id} contactName={contact.name} />
          <UpcomingMeetings contactId={contact.id} />
          <SmsThread contactId={contact.id} />
          <ContactDeals contact={contact} />
        </aside>
        <div className="card activity">
          <h2>Timeline</h2>
          <NoteComposer contactId={contact.id} />
          <Timeline contactId={contact.id} contactName={contact.name} />
        </div>
      </div>
    </section>
  );
}
