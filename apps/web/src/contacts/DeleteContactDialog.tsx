import { useMutation } from '@apollo/client/react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../apollo';
import { DELETE_CONTACT } from './queries';
import './contacts.css';

type ActivitiesOnDelete = 'KEEP' | 'DELETE';

/**
 * Asks before a contact is deleted, and what becomes of their timeline: kept (calls and messages move to
 * Unmatched, to be linked again; notes go) or deleted too. Escape or Cancel closes it; focus starts inside.
 * `onDeleting` says while the deletion is under way, so the page can tell its own deletion from someone else's.
 */
export function DeleteContactDialog({
  contactId,
  contactName,
  onDeleting,
  onClose,
}: {
  contactId: string;
  contactName: string;
  onDeleting: (inFlight: boolean) => void;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const [activities, setActivities] = useState<ActivitiesOnDelete>('KEEP');
  const [deleteContact, { loading, error }] = useMutation(DELETE_CONTACT);
  const firstChoice = useRef<HTMLInputElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    firstChoice.current?.focus();
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close.current();
    };
    document.addEventListener('keydown', closeOnEscape);
    return () => {
      document.removeEventListener('keydown', closeOnEscape);
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    onDeleting(true);
    const result = await deleteContact({ variables: { id: contactId, activities }, refetchQueries: ['ContactList', 'UnmatchedActivities'] }).catch(() => null);
    if (result?.data) navigate('/contacts', { replace: true, state: { deleted: contactName } });
    else onDeleting(false);
  };

  return (
    <div className="dialog-backdrop" onClick={(event) => event.target === event.currentTarget && onClose()}>
      <form className="dialog" role="dialog" aria-modal="true" aria-labelledby="delete-contact-title" onSubmit={submit} data-testid="delete-contact-dialog">
        <h2 id="delete-contact-title">Delete {contactName}?</h2>
        <p className="muted">Their deals stay, without a contact. This cannot be undone.</p>
        <fieldset>
          <legend className="visually-hidden">Their calls, messages and notes</legend>
          <label className="choice">
            <input ref={firstChoice} type="radio" name="activities" value="KEEP" checked={activities === 'KEEP'} onChange={() => setActivities('KEEP')} />
            <span>
              Keep their calls and messages (they move to Unmatched)
              <span className="muted">Calls, voicemails, texts, recordings and meetings stay; notes and emails about them are deleted.</span>
            </span>
          </label>
          <label className="choice">
            <input type="radio" name="activities" value="DELETE" checked={activities === 'DELETE'} onChange={() => setActivities('DELETE')} data-testid="delete-activities-too" />
            <span>
              Delete them too
              <span className="muted">Everything on their timeline is deleted with them.</span>
            </span>
          </label>
        </fieldset>
        {error && (
          <p className="form-error" role="alert">
            {errorMessage(error)}
          </p>
        )}
        <div className="actions">
          <button type="button" className="button ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button danger-solid" disabled={loading} data-testid="confirm-delete-contact">
            {loading ? 'Deleting…' : `Delete ${contactName}`}
          </button>
        </div>
      </form>
    </div>
  );
}
