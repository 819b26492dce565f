import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { errorField, errorMessage } from '../apollo';
import { CONTACT, type Contact, type ContactStage, CREATE_CONTACT, LINK_ACTIVITY, UPDATE_CONTACT } from '../graphql';

interface FormState {
  firstName: string;
  lastName: string;
  company: string;
  stage: ContactStage;
  emails: string[];
  phones: string[];
}
const EMPTY: FormState = { firstName: '', lastName: '', company: '', stage: 'lead', emails: [''], phones: [''] };

/** "Create contact" from an unmatched call arrives with the number and the name Zoom gave ("JORDAN LEE"). */
function prefilled(params: URLSearchParams): FormState {
  const [first = '', ...rest] = (params.get('name') ?? '').trim().split(/\s+/).map((word) => (word ? word.charAt(0) + word.slice(1).toLowerCase() : word));
  return { ...EMPTY, firstName: first, lastName: rest.join(' '), phones: [params.get('phone') ?? ''] };
}

function ListField({ label, name, type, values, onChange }: { label: string; name: string; type: string; values: string[]; onChange: (values: string[]) => void }) {
  return (
    <fieldset className="list-field">
      <legend>{label}</legend>
      {values.map((value, index) => (
        <div className="row" key={index}>
          <input
            type={type}
            aria-label={`${label} ${index + 1}`}
            name={`${name}-${index}`}
            value={value}
            onChange={(event) => onChange(values.map((item, at) => (at === index ? event.target.value : item)))}
          />
          <button type="button" className="button ghost small" aria-label={`Remove ${label.toLowerCase()} ${index + 1}`} onClick={() => onChange(values.filter((_, at) => at !== index))}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="button ghost small" onClick={() => onChange([...values, ''])}>
        Add {label.toLowerCase().replace(/s$/, '')}
      </button>
    </fieldset>
  );
}

/** Create (/contacts/new) and edit (/contacts/:id/edit) a contact; the server's field errors show beside the form. */
export function ContactFormPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const fromActivity = id ? null : params.get('activity');
  const [form, setForm] = useState<FormState>(() => (fromActivity ? prefilled(params) : EMPTY));
  const { data } = useQuery<{ contact: Contact | null }>(CONTACT, { variables: { id }, skip: !id });
  const [createContact, creating] = useMutation<{ createContact: { id: string } }>(CREATE_CONTACT);
  const [updateContact, updating] = useMutation(UPDATE_CONTACT);
  const [linkActivity, linking] = useMutation(LINK_ACTIVITY);
  const error = creating.error ?? updating.error ?? linking.error;
  const field = errorField(error);

  useEffect(() => {
    const contact = data?.contact;
    if (contact) {
      setForm({
        firstName: contact.firstName,
        lastName: contact.lastName,
        company: contact.company ?? '',
        stage: contact.stage,
        emails: contact.emails.length ? contact.emails : [''],
        phones: contact.phones.length ? contact.phones.map((phone) => phone.raw) : [''],
      });
    }
  }, [data]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((previous) => ({ ...previous, [key]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = {
      firstName: form.firstName,
      lastName: form.lastName,
      company: form.company,
      stage: form.stage,
      emails: form.emails.filter((email) => email.trim()),
      phones: form.phones.filter((phone) => phone.trim()),
    };
    if (id) {
      const result = await updateContact({ variables: { id, input } }).catch(() => null);
      if (result?.data) navigate(`/contacts/${id}`);
    } else {
      const result = await createContact({ variables: { input }, refetchQueries: ['Contacts'] }).catch(() => null);
      const contactId = result?.data?.createContact.id;
      if (!contactId) return;
      // Linking the call moves every unmatched call from its number onto the new contact.
      if (fromActivity) await linkActivity({ variables: { activityId: fromActivity, contactId }, refetchQueries: ['UnmatchedActivities'] }).catch(() => null);
      navigate(`/contacts/${contactId}`);
    }
  };

  return (
    <section className="page narrow">
      <h1>{id ? 'Edit contact' : 'New contact'}</h1>
      {fromActivity && <p className="muted">From an unmatched call: every call from this number will move to the new contact.</p>}
      <form className="card form" onSubmit={submit} noValidate>
        <div className="grid-2">
          <label className={field === 'firstName' ? 'invalid' : undefined}>
            First name
            <input value={form.firstName} required onChange={(event) => set('firstName', event.target.value)} autoFocus />
          </label>
          <label>
            Last name
            <input value={form.lastName} onChange={(event) => set('lastName', event.target.value)} />
          </label>
        </div>
        <div className="grid-2">
          <label>
            Company
            <input value={form.company} onChange={(event) => set('company', event.target.value)} />
          </label>
          <label>
            Stage
            <select value={form.stage} onChange={(event) => set('stage', event.target.value as ContactStage)}>
              <option value="lead">Lead</option>
              <option value="client">Client</option>
              <option value="past_client">Past client</option>
            </select>
          </label>
        </div>
        <div className={field === 'phones' ? 'invalid' : undefined}>
          <ListField label="Phones" name="phone" type="tel" values={form.phones} onChange={(values) => set('phones', values)} />
        </div>
        <div className={field === 'emails' ? 'invalid' : undefined}>
          <ListField label="Emails" name="email" type="email" values={form.emails} onChange={(values) => set('emails', values)} />
        </div>
        {error && (
          <p className="form-error" role="alert">
            {errorMessage(error)}
          </p>
        )}
        <div className="form-actions">
          <Link to={id ? `/contacts/${id}` : '/contacts'} className="button ghost">
            Cancel
          </Link>
          <button type="submit" className="button primary" disabled={creating.loading || updating.loading} data-testid="contact-form-save">
            {id ? 'Save changes' : 'Create contact'}
          </button>
        </div>
      </form>
    </section>
  );
}
