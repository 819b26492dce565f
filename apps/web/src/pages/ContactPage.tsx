import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../apollo';
import { NoteComposer } from '../components/NoteComposer';
import { PhoneLink } from '../components/PhoneLink';
import { StageBadge, stageLabel } from '../components/StageBadge';
import { Timeline } from '../components/Timeline';
import { CONTACT, type Contact } from '../graphql';
import { MeetingForm } from '../meetings/MeetingForm';
import { UpcomingMeetings } from '../meetings/UpcomingMeetings';
import { LogCallForm } from '../softphone/LogCallForm';
import { SmsThread } from '../softphone/SmsThread';

const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

/** One contact's page; a fresh one for each contact, so nothing of the last one (its live timeline, a notice) stays on screen. */
export function ContactPage() {
  const { id = '' } = useParams();
  return <ContactView key={id} id={id} />;
}

function ContactView({ id }: { id: string }) {
  const { data, loading, error } = useQuery<{ contact: Contact | null }>(CONTACT, { variables: { id } });
  const [scheduling, setScheduling] = useState(false);
  const [loggingCall, setLoggingCall] = useState(false);
  const [notice, setNotice] = useState('');

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
        </div>
      </div>
      {notice && (
        <p className="banner success" role="status" data-testid="meeting-notice">
          {notice}
        </p>
      )}
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
          <UpcomingMeetings contactId={contact.id} />
          <SmsThread contactId={contact.id} />
          <h2>Deals</h2>
          {contact.deals.length === 0 ? (
            <p className="muted">No deals yet.</p>
          ) : (
            <ul className="deals">
              {contact.deals.map((deal) => (
                <li key={deal.id}>
                  <strong>{deal.title}</strong>
                  <span className="muted block">
                    {stageLabel(deal.stage)}
                    {deal.value !== null && ` · ${money.format(deal.value)}`}
                  </span>
                  {deal.propertyAddress && <span className="muted block">{deal.propertyAddress}</span>}
                </li>
              ))}
            </ul>
          )}
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
