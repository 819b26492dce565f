import { Link } from 'react-router-dom';
import './contacts.css';

/** What stands in for an open contact page once someone else deleted that contact: where their things went, and ways on. */
export function ContactDeletedNotice({ contactName }: { contactName: string }) {
  return (
    <section className="page contact-deleted">
      <h1>Contact deleted</h1>
      <div className="contact-deleted-notice" role="alert" data-testid="contact-deleted-notice">
        <p>
          {contactName} was deleted by someone else. Their calls and texts, if kept, are in Unmatched.
        </p>
        <div className="row">
          <Link to="/contacts" className="button primary">
            Contacts
          </Link>
          <Link to="/calls/unmatched" className="button">
            Unmatched
          </Link>
        </div>
      </div>
    </section>
  );
}
