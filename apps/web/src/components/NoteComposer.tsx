import { useMutation } from '@apollo/client/react';
import { type FormEvent, type KeyboardEvent, useState } from 'react';
import { errorMessage } from '../apollo';
import { ADD_NOTE } from '../graphql';
import { noteProblem } from '../timeline/note-rules';

/** Adds a note; the timeline shows it through the live subscription, like notes added anywhere else. */
export function NoteComposer({ contactId }: { contactId: string }) {
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState('');
  const [addNote, { loading, error }] = useMutation(ADD_NOTE);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (loading) return;
    const found = noteProblem(body);
    setProblem(found);
    if (found) return;
    const result = await addNote({ variables: { contactId, body } }).catch(() => null);
    if (result?.data) setBody('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) void submit();
  };

  return (
    <form className="composer" onSubmit={submit}>
      <label className="visually-hidden" htmlFor="note-body">
        Add a note
      </label>
      <textarea
        id="note-body"
        rows={3}
        placeholder="Add a note… (Ctrl+Enter to save)"
        value={body}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={onKeyDown}
        data-testid="note-input"
      />
      {(problem || error) && (
        <p className="form-error" role="alert">
          {problem || errorMessage(error)}
        </p>
      )}
      <div className="composer-actions">
        <button type="submit" className="button primary" disabled={!body.trim() || loading} data-testid="note-submit">
          {loading ? 'Saving…' : 'Add note'}
        </button>
      </div>
    </form>
  );
}
