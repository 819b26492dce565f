import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { errorField, errorMessage } from '../apollo';
import { dateToZonedInput, zonedInputToDate } from '../format';
import { OutcomeSelect } from './OutcomeSelect';
import { type CallDirection, LOG_CALL } from './queries';

const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A call made outside Zoom (a mobile, a desk phone), put on the contact's timeline by hand. */
export function LogCallForm({ contactId, onDone }: { contactId: string; onDone: (notice: string) => void }) {
  const [form, setForm] = useState(() => ({ direction: 'OUTBOUND' as CallDirection, when: dateToZonedInput(new Date(), BROWSER_ZONE), minutes: '', disposition: '', notes: '' }));
  const [logCall, { loading, error }] = useMutation(LOG_CALL);
  const field = errorField(error);
  const edit = (change: Partial<typeof form>) => setForm((current) => ({ ...current, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = {
      contactId,
      direction: form.direction,
      occurredAt: zonedInputToDate(form.when, BROWSER_ZONE).toISOString(),
      durationSeconds: form.minutes === '' ? null : Math.round(Number(form.minutes) * 60),
      disposition: form.disposition || null,
      notes: form.notes.trim() ? form.notes : null,
    };
    const logged = await logCall({ variables: { input } }).catch(() => null);
    if (logged?.data) onDone('Call logged.');
  };

  return (
    <form className="card form log-call-form" onSubmit={submit} data-testid="log-call-form" noValidate>
      <h3>Log a call</h3>
      <div className="grid-2">
        <label>
          Direction
          <select value={form.direction} onChange={(event) => edit({ direction: event.target.value as CallDirection })} data-testid="log-call-direction">
            <option value="OUTBOUND">I called them</option>
            <option value="INBOUND">They called me</option>
          </select>
        </label>
        <label>
          Outcome
          <OutcomeSelect id="log-call-outcome" value={form.disposition} onChange={(disposition) => edit({ disposition })} />
        </label>
        <label className={field === 'occurredAt' ? 'invalid' : undefined}>
          When
          <input type="datetime-local" value={form.when} onChange={(event) => edit({ when: event.target.value })} required data-testid="log-call-when" />
        </label>
        <label className={field === 'durationSeconds' ? 'invalid' : undefined}>
          Length in minutes
          <input type="number" min={0} step={1} inputMode="numeric" value={form.minutes} onChange={(event) => edit({ minutes: event.target.value })} placeholder="Optional" data-testid="log-call-minutes" />
        </label>
      </div>
      <label>
        Notes
        <textarea rows={3} value={form.notes} onChange={(event) => edit({ notes: event.target.value })} data-testid="log-call-notes" />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button ghost" onClick={() => onDone('')}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={loading} data-testid="log-call-submit">
          {loading ? 'Saving…' : 'Log call'}
        </button>
      </div>
    </form>
  );
}
