import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { errorField, errorMessage } from '../apollo';
import { ContactPicker, type PickedContact } from '../components/ContactPicker';
import { formatMoney, readMoney } from './money';
import { CREATE_DEAL, DEAL_STAGES, type DealCard, type DealInput, type DealStage, type DealStageInfo, UPDATE_DEAL } from './queries';
import './deals.css';

type Field = 'title' | 'contactId' | 'value' | 'propertyAddress' | 'stage';
type Problems = Partial<Record<Field, string>>;

/** The board, the contact's deals and the deal's page show a new or changed deal at once. */
const REFETCH_AFTER_SAVE = ['DealPipeline', 'ContactDeals', 'Deals'];

function problemsOf(form: { title: string; value: string; propertyAddress: string }): Problems {
  const problems: Problems = {};
  const title = form.title.trim();
  if (!title) problems.title = 'Give the deal a title, like the property or the buyer.';
  else if (title.length > 200) problems.title = 'A title can be at most 200 characters long.';
  const value = readMoney(form.value);
  if ('problem' in value) problems.value = value.problem;
  if (form.propertyAddress.trim().length > 300) problems.propertyAddress = 'An address can be at most 300 characters long.';
  return problems;
}

/**
 * "New deal" (on the board, on a contact) and "Edit" (on the deal's page): title, contact, value, address, stage.
 * Every field is checked as the agent submits, each problem shown beside its field; what the server refuses too.
 */
export function DealForm({
  deal,
  contact: initialContact = null,
  stage: initialStage = 'prospect',
  onDone,
  onCancel,
}: {
  /** The deal being edited; none for a new one. */
  deal?: DealCard;
  contact?: PickedContact | null;
  stage?: DealStage;
  onDone: (deal: DealCard) => void;
  onCancel: () => void;
}) {
  const { data: stagesData } = useQuery<{ dealStages: DealStageInfo[] }>(DEAL_STAGES);
  const [title, setTitle] = useState(deal?.title ?? '');
  const [contact, setContact] = useState<PickedContact | null>(deal ? deal.contact : initialContact);
  const [picking, setPicking] = useState(false);
  const [value, setValue] = useState(deal?.value != null ? formatMoney(deal.value).replace('$', '') : '');
  const [propertyAddress, setPropertyAddress] = useState(deal?.propertyAddress ?? '');
  const [stage, setStage] = useState<DealStage>(deal?.stage ?? initialStage);
  const [problems, setProblems] = useState<Problems>({});
  const [createDeal, creating] = useMutation<{ createDeal: DealCard }>(CREATE_DEAL, { refetchQueries: REFETCH_AFTER_SAVE });
  const [updateDeal, updating] = useMutation<{ updateDeal: DealCard }>(UPDATE_DEAL, { refetchQueries: REFETCH_AFTER_SAVE });
  const [serverError, setServerError] = useState('');
  const busy = creating.loading || updating.loading;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = problemsOf({ title, value, propertyAddress });
    setProblems(found);
    setServerError('');
    if (Object.keys(found).length > 0) return;
    const money = readMoney(value);
    const input: DealInput = {
      title: title.trim(),
      contactId: contact?.id ?? null,
      value: 'value' in money ? money.value : null,
      propertyAddress: propertyAddress.trim() || null,
      stage,
    };
    try {
      const result = deal ? (await updateDeal({ variables: { id: deal.id, input } })).data?.updateDeal : (await createDeal({ variables: { input } })).data?.createDeal;
      if (result) onDone(result);
    } catch (error) {
      const field = errorField(error) as Field | undefined;
      if (field && ['title', 'contactId', 'value', 'propertyAddress', 'stage'].includes(field)) setProblems({ [field]: errorMessage(error) });
      else setServerError(errorMessage(error));
    }
  };

  const fieldError = (field: Field) =>
    problems[field] && (
      <span className="field-problem" id={`deal-${field}-problem`} role="alert">
        {problems[field]}
      </span>
    );
  const described = (field: Field) => (problems[field] ? { 'aria-invalid': true, 'aria-describedby': `deal-${field}-problem` } : {});

  return (
    <form className="card form deal-form" onSubmit={submit} noValidate aria-label={deal ? 'Edit deal' : 'New deal'} data-testid="deal-form">
      <h2>{deal ? 'Edit deal' : 'New deal'}</h2>
      <label className={problems.title ? 'invalid' : undefined}>
        Title
        <input name="title" value={title} onChange={(event) => setTitle(event.target.value)} placeholder="e.g. 12 Alder St, 3 bed" autoFocus {...described('title')} />
        {fieldError('title')}
      </label>
      <div className="deal-form-contact">
        <span className="field-label">Contact</span>
        {contact && !picking ? (
          <div className="row wrap">
            <span data-testid="deal-form-contact">{contact.name}</span>
            <button type="button" className="button ghost small" onClick={() => setPicking(true)}>
              Change
            </button>
            <button type="button" className="button ghost small" onClick={() => setContact(null)}>
              Remove
            </button>
          </div>
        ) : picking ? (
          <ContactPicker
            onPick={(picked) => {
              setContact(picked);
              setPicking(false);
            }}
            disabled={busy}
            label="Find the deal's contact"
            resultTestId="deal-contact-result"
          />
        ) : (
          <div className="row wrap">
            <span className="muted">No contact</span>
            <button type="button" className="button ghost small" onClick={() => setPicking(true)} data-testid="deal-choose-contact">
              Choose contact
            </button>
          </div>
        )}
        {fieldError('contactId')}
      </div>
      <div className="grid-2">
        <label className={problems.value ? 'invalid' : undefined}>
          Value ($)
          <input name="value" inputMode="numeric" value={value} onChange={(event) => setValue(event.target.value)} placeholder="450,000" {...described('value')} />
          {fieldError('value')}
        </label>
        <label>
          Stage
          <select name="stage" value={stage} onChange={(event) => setStage(event.target.value as DealStage)}>
            {(stagesData?.dealStages ?? [{ stage, label: stage }]).map((option) => (
              <option key={option.stage} value={option.stage}>
                {option.label}
              </option>
            ))}
          </select>
          {fieldError('stage')}
        </label>
      </div>
      <label className={problems.propertyAddress ? 'invalid' : undefined}>
        Property address
        <input name="propertyAddress" value={propertyAddress} onChange={(event) => setPropertyAddress(event.target.value)} placeholder="12 Alder St, Springfield" {...described('propertyAddress')} />
        {fieldError('propertyAddress')}
      </label>
      {serverError && (
        <p className="form-error" role="alert">
          {serverError}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={busy} data-testid="save-deal">
          {busy ? 'Saving…' : deal ? 'Save deal' : 'Create deal'}
        </button>
      </div>
    </form>
  );
}
