import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../apollo';
import { useCurrentUser } from '../session';
import { NOTE_MAX_LENGTH, noteProblem } from './note-rules';
import { DELETE_NOTE, type TimelineActivity, UPDATE_NOTE } from './queries';

/**
 * A note's text; its author can edit it in place or delete it (after a second click to confirm). The change
 * reaches every open timeline through activityUpdated, this one included.
 */
export function NoteEntry({ note }: { note: TimelineActivity }) {
  const user = useCurrentUser();
  const [mode, setMode] = useState<'reading' | 'editing' | 'confirmingDelete'>('reading');
  const [draft, setDraft] = useState(note.body ?? '');
  const [problem, setProblem] = useState('');
  const [update, updating] = useMutation(UPDATE_NOTE);
  const [remove, removing] = useMutation(DELETE_NOTE);
  const mine = note.owner?.id === user.id;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const found = noteProblem(draft);
    setProblem(found);
    if (found) return;
    const result = await update({ variables: { activityId: note.id, body: draft } }).catch(() => null);
    if (result?.data) setMode('reading');
  };

  if (mode === 'editing') {
    const messageId = `note-edit-problem-${note.id}`;
    return (
      <form className="note-edit" onSubmit={save} noValidate data-testid="note-edit-form">
        <label className="visually-hidden" htmlFor={`note-edit-${note.id}`}>
          Edit note
        </label>
        <textarea
          id={`note-edit-${note.id}`}
          rows={3}
          value={draft}
          maxLength={NOTE_MAX_LENGTH}
          onChange={(event) => setDraft(event.target.value)}
          aria-invalid={Boolean(problem) || undefined}
          aria-describedby={problem ? messageId : undefined}
          autoFocus
          data-testid="note-edit-input"
        />
        {(problem || updating.error) && (
          <p className="form-error" id={messageId} role="alert">
            {problem || errorMessage(updating.error)}
          </p>
        )}
        <div className="row">
          <button type="submit" className="button small primary" disabled={updating.loading} data-testid="note-save">
            {updating.loading ? 'Saving…' : 'Save'}
          </button>
          <button
            type="button"
            className="button small ghost"
            onClick={() => {
              setDraft(note.body ?? '');
              setProblem('');
              setMode('reading');
            }}
          >
            Cancel
          </button>
        </div>
      </form>
    );
  }

  return (
    <>
      {note.body && <p className="timeline-text">{note.body}</p>}
      {mine && (
        <div className="row note-actions">
          {mode === 'confirmingDelete' ? (
            <>
              <span role="alert">Delete this note for everyone?</span>
              <button type="button" className="button small danger" disabled={removing.loading} onClick={() => void remove({ variables: { activityId: note.id } }).catch(() => undefined)} data-testid="note-delete-confirm">
                {removing.loading ? 'Deleting…' : 'Delete note'}
              </button>
              <button type="button" className="button small ghost" onClick={() => setMode('reading')}>
                Keep it
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                className="button small ghost"
                onClick={() => {
                  setDraft(note.body ?? '');
                  setMode('editing');
                }}
                data-testid="note-edit"
              >
                Edit
              </button>
              <button type="button" className="button small ghost" onClick={() => setMode('confirmingDelete')} data-testid="note-delete">
                Delete
              </button>
            </>
          )}
        </div>
      )}
      {removing.error && <p className="form-error">{errorMessage(removing.error)}</p>}
    </>
  );
}
