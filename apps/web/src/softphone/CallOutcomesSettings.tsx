import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../apollo';
import { useCurrentUser } from '../session';
import { CALL_DISPOSITIONS, SET_CALL_DISPOSITIONS } from './queries';

/** Trimmed, without blanks, each outcome once (case aside). */
function cleaned(values: string[]): string[] {
  const byKey = new Map<string, string>();
  for (const value of values.map((item) => item.trim())) if (value && !byKey.has(value.toLowerCase())) byKey.set(value.toLowerCase(), value);
  return [...byKey.values()];
}

function CallOutcomesEditor({ saved }: { saved: string[] }) {
  const [values, setValues] = useState(saved);
  const [done, setDone] = useState(false);
  const [save, { loading, error }] = useMutation<{ setCallDispositions: string[] }>(SET_CALL_DISPOSITIONS, {
    update: (cache, result) => {
      if (result.data) cache.writeQuery({ query: CALL_DISPOSITIONS, data: { callDispositions: result.data.setCallDispositions } });
    },
  });
  const change = (index: number, value: string) => {
    setDone(false);
    setValues((current) => current.map((item, at) => (at === index ? value : item)));
  };
  const remove = (index: number) => {
    setDone(false);
    setValues((current) => current.filter((_, at) => at !== index));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await save({ variables: { values: cleaned(values) } }).catch(() => null);
    if (result?.data) {
      setValues(result.data.setCallDispositions);
      setDone(true);
    }
  };

  return (
    <form className="call-outcomes" onSubmit={submit} data-testid="call-outcomes-form">
      <ol className="plain">
        {values.map((value, index) => (
          <li key={index} className="row">
            <input aria-label={`Outcome ${index + 1}`} value={value} onChange={(event) => change(index, event.target.value)} maxLength={60} data-testid="call-outcome-input" />
            <button type="button" className="button ghost danger small" onClick={() => remove(index)} aria-label={`Remove ${value || `outcome ${index + 1}`}`}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      {error && (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      <div className="row">
        <button type="button" className="button small" onClick={() => setValues((current) => [...current, ''])} data-testid="call-outcome-add">
          Add outcome
        </button>
        <button type="submit" className="button primary small" disabled={loading} data-testid="call-outcomes-save">
          {loading ? 'Saving…' : 'Save outcomes'}
        </button>
        {done && (
          <span className="muted" role="status" data-testid="call-outcomes-saved">
            Saved
          </span>
        )}
      </div>
    </form>
  );
}

/** Settings > Calling: the outcomes agents pick for a call. Admins edit the organisation's list; agents see it. */
export function CallOutcomesSettings() {
  const user = useCurrentUser();
  const { data, error } = useQuery<{ callDispositions: string[] }>(CALL_DISPOSITIONS);
  return (
    <div className="card call-outcomes-card" data-testid="call-outcomes">
      <h2>Call outcomes</h2>
      <p className="muted">What agents choose from when they log a call, here or in the softphone's notes.</p>
      {error && <p className="form-error">{errorMessage(error)}</p>}
      {data &&
        (user.role === 'admin' ? (
          <CallOutcomesEditor saved={data.callDispositions} />
        ) : (
          <>
            <ul className="plain outcome-list">
              {data.callDispositions.map((outcome) => (
                <li key={outcome}>
                  <span className="badge outcome">{outcome}</span>
                </li>
              ))}
            </ul>
            <p className="hint">Your organisation's admins set this list.</p>
          </>
        ))}
    </div>
  );
}
