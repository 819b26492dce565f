import { useMutation } from '@apollo/client/react';
import { type FormEvent, useId, useState } from 'react';
import { errorMessage } from '../apollo';
import type { Activity } from '../graphql';
import { OutcomeSelect } from './OutcomeSelect';
import { UPDATE_CALL_LOG } from './queries';

function CallLogForm({ activity, onDone }: { activity: Activity; onDone: () => void }) {
  const id = useId();
  const [disposition, setDisposition] = useState(activity.disposition ?? '');
  const [notes, setNotes] = useState(activity.notes ?? '');
  const [save, { loading, error }] = useMutation(UPDATE_CALL_LOG);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Blank clears: null is how updateCallLog is told to clear a field.
    const saved = await save({ variables: { activityId: activity.id, disposition: disposition || null, notes: notes.trim() ? notes : null } }).catch(() => null);
    if (saved?.data) onDone();
  };

  return (
    <form className="call-log-form" onSubmit={submit} data-testid="call-log-form">
      <label htmlFor={`${id}-outcome`}>Outcome</label>
      <OutcomeSelect id={`${id}-outcome`} value={disposition} onChange={setDisposition} />
      <label htmlFor={`${id}-notes`}>Notes</label>
      <textarea id={`${id}-notes`} rows={3} value={notes} onChange={(event) => setNotes(event.target.value)} data-testid="call-notes-input" />
      {error && (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      <div className="row">
        <button type="submit" className="button primary small" disabled={loading} data-testid="call-log-save">
          {loading ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button ghost small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * A call's outcome and notes on its timeline entry, whether written here, in the softphone's notes page or when the
 * call was logged by hand; editable later. Changes made anywhere arrive through the timeline's live updates.
 */
export function CallLog({ activity }: { activity: Activity }) {
  const [editing, setEditing] = useState(false);
  if (editing) return <CallLogForm activity={activity} onDone={() => setEditing(false)} />;
  const logged = Boolean(activity.disposition || activity.notes);
  return (
    <div className="call-log" data-testid="call-log">
      {activity.disposition && (
        <span className="badge outcome" data-testid="call-outcome">
          {activity.disposition}
        </span>
      )}
      {activity.notes && (
        <p className="timeline-text" data-testid="call-notes">
          {activity.notes}
        </p>
      )}
      <button type="button" className="button ghost small" onClick={() => setEditing(true)} data-testid="edit-call-log">
        {logged ? 'Edit outcome and notes' : 'Add outcome and notes'}
      </button>
    </div>
  );
}
