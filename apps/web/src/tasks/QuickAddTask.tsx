import { useMutation } from '@apollo/client/react';
import { type FormEvent, useId, useRef, useState } from 'react';
import { errorField, errorMessage } from '../apollo';
import { ContactPicker, type PickedContact } from '../components/ContactPicker';
import { useCurrentUser } from '../session';
import { DUE_PICKS, fromDueInput, toDueInput } from './due';
import { CREATE_TASK, TASK_TITLE_MAX, type Task } from './queries';
import { applyTaskChange } from './taskCache';

const NO_DATE = 'No date';

/**
 * Add a task in one line: what, when (a quick pick or any time), and optionally with whom. On a contact's page the
 * contact is given and not asked.
 */
export function QuickAddTask({ contact, autoFocus = false }: { contact?: PickedContact; autoFocus?: boolean }) {
  const viewer = useCurrentUser();
  const formId = useId();
  const titleRef = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState('');
  const [due, setDue] = useState(() => toDueInput(DUE_PICKS[0].at(new Date())));
  const [pick, setPick] = useState<string | null>(DUE_PICKS[0].label);
  const [withContact, setWithContact] = useState<PickedContact | null>(null);
  const [findingContact, setFindingContact] = useState(false);
  const [missingTitle, setMissingTitle] = useState(false);
  const [createTask, { loading, error, reset }] = useMutation<{ createTask: Task }>(CREATE_TASK, {
    update: (cache, { data }) => data && applyTaskChange(cache, data.createTask, viewer.id),
    refetchQueries: ['TaskCounts'],
  });

  const serverField = error ? errorField(error) : undefined;
  const titleProblem = missingTitle ? 'Say what needs doing, e.g. “Send Abigail the listing”.' : serverField === 'title' ? errorMessage(error) : null;
  const dueProblem = serverField === 'dueAt' ? errorMessage(error) : null;
  const otherProblem = error && !titleProblem && !dueProblem ? errorMessage(error) : null;

  const choose = (label: string) => {
    const chosen = DUE_PICKS.find((item) => item.label === label);
    setDue(chosen ? toDueInput(chosen.at(new Date())) : '');
    setPick(label);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    if (!title.trim()) {
      setMissingTitle(true);
      titleRef.current?.focus();
      return;
    }
    const contactId = contact?.id ?? withContact?.id ?? null;
    const created = await createTask({ variables: { input: { title: title.trim(), dueAt: fromDueInput(due), contactId } } }).catch(() => null);
    if (!created?.data) return;
    setTitle('');
    setWithContact(null);
    choose(DUE_PICKS[0].label);
    titleRef.current?.focus();
  };

  return (
    <form className="quick-add" onSubmit={submit} noValidate aria-label="Add a task" data-testid="quick-add">
      <div className={`quick-add-title${titleProblem ? ' invalid' : ''}`}>
        <label htmlFor={`${formId}-title`}>New task</label>
        <input
          id={`${formId}-title`}
          ref={titleRef}
          autoFocus={autoFocus}
          value={title}
          maxLength={TASK_TITLE_MAX}
          placeholder={contact ? `e.g. Send ${contact.name} the listing` : 'e.g. Send the listing to Abigail'}
          onChange={(event) => {
            setTitle(event.target.value);
            setMissingTitle(false);
          }}
          aria-invalid={titleProblem ? true : undefined}
          aria-describedby={titleProblem ? `${formId}-title-problem` : undefined}
          data-testid="quick-add-title"
        />
        {titleProblem && (
          <span className="form-error" id={`${formId}-title-problem`}>
            {titleProblem}
          </span>
        )}
      </div>
      <fieldset className={`quick-add-due${dueProblem ? ' invalid' : ''}`}>
        <legend>Due</legend>
        <div className="due-picks">
          {[...DUE_PICKS.map((item) => item.label), NO_DATE].map((label) => (
            <button key={label} type="button" className="button small pick" aria-pressed={pick === label} onClick={() => choose(label)} data-testid="due-pick">
              {label}
            </button>
          ))}
          <input
            type="datetime-local"
            value={due}
            onChange={(event) => {
              setDue(event.target.value);
              setPick(event.target.value ? null : NO_DATE);
            }}
            aria-label="Due date and time"
            aria-invalid={dueProblem ? true : undefined}
            aria-describedby={dueProblem ? `${formId}-due-problem` : undefined}
            data-testid="quick-add-due"
          />
        </div>
        {dueProblem && (
          <span className="form-error" id={`${formId}-due-problem`}>
            {dueProblem}
          </span>
        )}
      </fieldset>
      {!contact && (
        <div className="quick-add-contact">
          {withContact ? (
            <span className="picked-contact" data-testid="quick-add-contact">
              With <strong>{withContact.name}</strong>
              <button type="button" className="button ghost small" onClick={() => setWithContact(null)} aria-label={`Remove ${withContact.name}`}>
                ✕
              </button>
            </span>
          ) : findingContact ? (
            // Enter in the search looks for a contact; it does not add the task without one.
            <div onKeyDown={(event) => event.key === 'Enter' && event.target instanceof HTMLInputElement && event.preventDefault()}>
              <ContactPicker
                label="Find a contact for this task"
                disabled={loading}
                resultTestId="quick-add-contact-result"
                onPick={(picked) => {
                  setWithContact(picked);
                  setFindingContact(false);
                }}
              />
              <button type="button" className="button ghost small" onClick={() => setFindingContact(false)}>
                No contact
              </button>
            </div>
          ) : (
            <button type="button" className="button ghost small" onClick={() => setFindingContact(true)} data-testid="quick-add-pick-contact">
              + Contact
            </button>
          )}
        </div>
      )}
      {otherProblem && <p className="form-error">{otherProblem}</p>}
      <div className="quick-add-submit">
        <button type="submit" className="button primary" disabled={loading} data-testid="quick-add-submit">
          {loading ? 'Adding…' : 'Add task'}
        </button>
      </div>
    </form>
  );
}
