import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../apollo';
import { usePageTitle } from '../components/PageTitle';
import { type FieldMessages, fieldKey, fieldMessagesOf } from '../contacts/fieldProblems';
import { CONTACT_DUPLICATES, CONTACT_FOR_FORM, type ContactFormValues } from '../contacts/queries';
import '../contacts/contacts.css';
import { type ContactStage, CREATE_CONTACT, LINK_ACTIVITY, UPDATE_CONTACT } from '../graphql';

interface FormState {
  firstName: string;
  lastName: string;
  company: string;
  stage: ContactStage;
  emails: string[];
  phones: string[];
  tags: string;
  leadSource: string;
}
const EMPTY: FormState = { firstName: '', lastName: '', company: '', stage: 'lead', emails: [''], phones: [''], tags: '', leadSource: '' };

interface Duplicate {
  id: string;
  name: string;
  emails: string[];
}

/** "Create contact" from an unmatched call arrives with the number and the name Zoom gave ("JORDAN LEE"). */
function prefilled(params: URLSearchParams): FormState {
  const [first = '', ...rest] = (params.get('name') ?? '').trim().split(/\s+/).map((word) => (word ? word.charAt(0) + word.slice(1).toLowerCase() : word));
  return { ...EMPTY, firstName: first, lastName: rest.join(' '), phones: [params.get('phone') ?? ''] };
}

const messageId = (key: string) => `contact-${key.replace('.', '-')}-message`;
/** What an input needs so a screen reader reads the message beside it. */
const describedBy = (messages: FieldMessages, key: string) => ({ 'aria-invalid': messages[key] ? true : undefined, 'aria-describedby': messages[key] ? messageId(key) : undefined });

function FieldMessage({ messages, field }: { messages: FieldMessages; field: string }) {
  if (!messages[field]) return null;
  return (
    <span className="field-message" id={messageId(field)} data-testid={`message-${field}`}>
      {messages[field]}
    </span>
  );
}

function ListField(props: {
  label: string;
  name: 'phones' | 'emails';
  type: string;
  values: string[];
  messages: FieldMessages;
  onChange: (values: string[]) => void;
  onBlurEntry?: (index: number) => void;
}) {
  const { label, name, type, values, messages, onChange, onBlurEntry } = props;
  return (
    <fieldset className={`list-field${messages[name] ? ' invalid' : ''}`} aria-describedby={messages[name] ? messageId(name) : undefined}>
      <legend>{label}</legend>
      {values.map((value, index) => (
        <div key={index} className={messages[fieldKey(name, index)] ? 'invalid' : undefined}>
          <div className="row">
            <input
              type={type}
              aria-label={`${label} ${index + 1}`}
              name={`${name}-${index}`}
              value={value}
              onChange={(event) => onChange(values.map((item, at) => (at === index ? event.target.value : item)))}
              onBlur={() => onBlurEntry?.(index)}
              {...describedBy(messages, fieldKey(name, index))}
            />
            <button type="button" className="button ghost small" aria-label={`Remove ${label.toLowerCase()} ${index + 1}`} onClick={() => onChange(values.filter((_, at) => at !== index))}>
              Remove
            </button>
          </div>
          <FieldMessage messages={messages} field={fieldKey(name, index)} />
        </div>
      ))}
      <FieldMessage messages={messages} field={name} />
      <button type="button" className="button ghost small" onClick={() => onChange([...values, ''])}>
        Add {label.toLowerCase().replace(/s$/, '')}
      </button>
    </fieldset>
  );
}

/**
 * Create (/contacts/new) and edit (/contacts/:id/edit) a contact. The api checks every field at once and its
 * messages show beside each field; a phone is checked as soon as it is left. Before saving, a contact with the
 * same phone or email is offered instead ("Open the existing contact" or "Save anyway").
 */
export function ContactFormPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const client = useApolloClient();
  const [params] = useSearchParams();
  const fromActivity = id ? null : params.get('activity');
  const [form, setForm] = useState<FormState>(() => (fromActivity ? prefilled(params) : EMPTY));
  const [messages, setMessages] = useState<FieldMessages>({});
  const [duplicates, setDuplicates] = useState<Duplicate[]>([]);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState('');
  /** Saves the api refused: each moves the focus to the first field it named. */
  const [refusals, setRefusals] = useState(0);
  const { data } = useQuery<{ contact: ContactFormValues | null }>(CONTACT_FOR_FORM, { variables: { id }, skip: !id });
  const [createContact] = useMutation<{ createContact: { id: string } }>(CREATE_CONTACT);
  const [updateContact] = useMutation(UPDATE_CONTACT);
  const [linkActivity] = useMutation(LINK_ACTIVITY);
  usePageTitle(id ? `Edit ${data?.contact?.name ?? 'contact'}` : 'New contact');

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
        tags: contact.tags.join(', '),
        leadSource: contact.leadSource ?? '',
      });
    }
  }, [data]);

  useEffect(() => {
    if (refusals > 0) document.querySelector<HTMLInputElement>('.contact-form [aria-invalid="true"]')?.focus();
  }, [refusals]);

  /** A field changed: its old message goes (the api says again on the next save or blur whether it is right now). */
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((previous) => ({ ...previous, [key]: value }));
    setMessages((previous) => Object.fromEntries(Object.entries(previous).filter(([field]) => field !== key && !field.startsWith(`${key}.`))));
  };
  const filled = (values: string[]) => values.map((value) => value.trim()).filter(Boolean);
  const input = () => ({
    firstName: form.firstName,
    lastName: form.lastName,
    company: form.company,
    stage: form.stage,
    emails: form.emails,
    phones: form.phones,
    tags: form.tags.split(',').map((tag) => tag.trim()).filter(Boolean),
    leadSource: form.leadSource,
  });

  /** Other contacts with these numbers or addresses; null when the api refused one of them (its messages are shown). */
  const findDuplicates = async (emails: string[], phones: string[]): Promise<Duplicate[] | null> => {
    if (emails.length === 0 && phones.length === 0) return [];
    try {
      const result = await client.query<{ contactDuplicates: Duplicate[] }>({ query: CONTACT_DUPLICATES, variables: { emails, phones, excludeId: id ?? null }, fetchPolicy: 'network-only' });
      return result.data?.contactDuplicates ?? [];
    } catch {
      return null;
    }
  };

  /** A phone left: checked by the api for the organisation's country at once, and looked up among the contacts. */
  const checkPhone = async (index: number) => {
    const phone = form.phones[index]?.trim();
    const key = fieldKey('phones', index);
    if (!phone) return setMessages(({ [key]: _gone, ...rest }) => rest);
    try {
      const result = await client.query<{ contactDuplicates: Duplicate[] }>({ query: CONTACT_DUPLICATES, variables: { phones: [phone], excludeId: id ?? null }, fetchPolicy: 'network-only' });
      setMessages(({ [key]: _gone, ...rest }) => rest);
      if (result.data?.contactDuplicates.length) setDuplicates(result.data.contactDuplicates);
    } catch (error) {
      const message = fieldMessagesOf(error)['phones.0'];
      if (message) setMessages((previous) => ({ ...previous, [key]: message }));
    }
  };

  const save = async (confirmedDuplicates: boolean) => {
    setFailure('');
    setSaving(true);
    try {
      if (!confirmedDuplicates) {
        const found = await findDuplicates(filled(form.emails), filled(form.phones));
        if (found && found.length > 0) {
          setDuplicates(found);
          return;
        }
      }
      setDuplicates([]);
      const variables = { input: input() };
      if (id) {
        await updateContact({ variables: { id, ...variables } });
        navigate(`/contacts/${id}`);
        return;
      }
      const result = await createContact({ variables, refetchQueries: ['ContactList'] });
      const contactId = result.data?.createContact.id;
      if (!contactId) return;
      // Linking the call moves every unmatched call from its number onto the new contact.
      if (fromActivity) await linkActivity({ variables: { activityId: fromActivity, contactId }, refetchQueries: ['UnmatchedActivities'] });
      navigate(`/contacts/${contactId}`);
    } catch (error) {
      const refused = fieldMessagesOf(error);
      setMessages(refused);
      if (Object.keys(refused).length === 0) setFailure(errorMessage(error));
      else setRefusals((count) => count + 1);
    } finally {
      setSaving(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(false);
  };

  const problemCount = Object.keys(messages).length;
  const sharedEmail = (duplicate: Duplicate) => duplicate.emails.some((email) => filled(form.emails).some((typed) => typed.toLowerCase() === email));

  return (
    <section className="page narrow">
      <h1>{id ? 'Edit contact' : 'New contact'}</h1>
      {fromActivity && <p className="muted">From an unmatched call: every call from this number will move to the new contact.</p>}
      <form className="card form contact-form" onSubmit={submit} noValidate>
        {problemCount > 0 && (
          <p className="form-error" role="alert" data-testid="form-problems">
            {problemCount === 1 ? 'One field needs a look before saving.' : `${problemCount} fields need a look before saving.`}
          </p>
        )}
        <div className="grid-2">
          <label className={messages.firstName ? 'invalid' : undefined}>
            First name
            <input value={form.firstName} required onChange={(event) => set('firstName', event.target.value)} autoFocus {...describedBy(messages, 'firstName')} />
            <FieldMessage messages={messages} field="firstName" />
          </label>
          <label className={messages.lastName ? 'invalid' : undefined}>
            Last name
            <input value={form.lastName} onChange={(event) => set('lastName', event.target.value)} {...describedBy(messages, 'lastName')} />
            <FieldMessage messages={messages} field="lastName" />
          </label>
        </div>
        <div className="grid-2">
          <label className={messages.company ? 'invalid' : undefined}>
            Company
            <input value={form.company} onChange={(event) => set('company', event.target.value)} {...describedBy(messages, 'company')} />
            <FieldMessage messages={messages} field="company" />
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
        <ListField label="Phones" name="phones" type="tel" values={form.phones} messages={messages} onChange={(values) => set('phones', values)} onBlurEntry={checkPhone} />
        <ListField label="Emails" name="emails" type="email" values={form.emails} messages={messages} onChange={(values) => set('emails', values)} />
        <div className="grid-2">
          <label className={Object.keys(messages).some((key) => key.startsWith('tags')) ? 'invalid' : undefined}>
            Tags
            <input value={form.tags} placeholder="VIP, first-time buyer" onChange={(event) => set('tags', event.target.value)} {...describedBy(messages, 'tags')} data-testid="contact-tags" />
            <span className="hint">Separate tags with commas</span>
            <FieldMessage messages={messages} field="tags" />
            {Object.entries(messages)
              .filter(([key]) => key.startsWith('tags.'))
              .map(([key, message]) => (
                <span key={key} className="field-message">
                  {message}
                </span>
              ))}
          </label>
          <label className={messages.leadSource ? 'invalid' : undefined}>
            Lead source
            <input value={form.leadSource} placeholder="Zillow, open house, referral…" onChange={(event) => set('leadSource', event.target.value)} {...describedBy(messages, 'leadSource')} data-testid="contact-lead-source" />
            <FieldMessage messages={messages} field="leadSource" />
          </label>
        </div>
        {duplicates.length > 0 && (
          <div className="duplicate-notice" role="alert" data-testid="duplicate-notice">
            {duplicates.map((duplicate) => (
              <p key={duplicate.id} className="block">
                A contact with this {sharedEmail(duplicate) ? 'email' : 'phone'} already exists: <strong>{duplicate.name}</strong>
              </p>
            ))}
            <div className="row">
              <Link to={`/contacts/${duplicates[0].id}`} className="button" data-testid="open-duplicate">
                Open the existing contact
              </Link>
              <button type="button" className="button" onClick={() => void save(true)} disabled={saving} data-testid="save-anyway">
                Save anyway
              </button>
            </div>
          </div>
        )}
        {failure && (
          <p className="form-error" role="alert">
            {failure}
          </p>
        )}
        <div className="form-actions">
          <Link to={id ? `/contacts/${id}` : '/contacts'} className="button ghost">
            Cancel
          </Link>
          <button type="submit" className="button primary" disabled={saving} data-testid="contact-form-save">
            {id ? 'Save changes' : 'Create contact'}
          </button>
        </div>
      </form>
    </section>
  );
}
