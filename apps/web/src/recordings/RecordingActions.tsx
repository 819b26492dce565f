import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { errorMessage } from '../apollo';
import { ContactPicker, type PickedContact } from '../components/ContactPicker';
import { DealPicker } from '../components/DealPicker';
import { type Activity, DETACH_RECORDING, type DealOption, MOVE_RECORDING } from '../graphql';

/** What the timeline tells the agent after a recording was moved or detached. */
export interface RecordingNotice {
  text: string;
  link?: { to: string; label: string };
}

/**
 * A recording that landed on the wrong contact (a shared meeting, a guest's email) is moved to the right one or
 * to a deal (and so to that deal's contact), or detached to Unmatched.
 */
export function RecordingActions({ activity, contactId, contactName, onChanged }: { activity: Activity; contactId: string; contactName: string; onChanged: (activity: Activity, notice: RecordingNotice) => void }) {
  const [picking, setPicking] = useState<'contact' | 'deal' | null>(null);
  const [move, moving] = useMutation<{ moveRecording: Activity }>(MOVE_RECORDING);
  const [detach, detaching] = useMutation<{ detachRecording: Activity }>(DETACH_RECORDING);
  const busy = moving.loading || detaching.loading;
  const error = moving.error ?? detaching.error;

  const moveTo = async (target: { contactId?: string; dealId?: string }, notice: (moved: Activity) => RecordingNotice) => {
    const result = await move({ variables: { activityId: activity.id, ...target } }).catch(() => null);
    const moved = result?.data?.moveRecording;
    if (!moved) return;
    setPicking(null);
    onChanged(moved, notice(moved));
  };
  const toContact = (contact: PickedContact) =>
    void moveTo({ contactId: contact.id }, () => ({ text: `Recording moved to ${contact.name}.`, link: { to: `/contacts/${contact.id}`, label: `Open ${contact.name}` } }));
  const toDeal = (deal: DealOption) =>
    void moveTo({ dealId: deal.id }, (moved) =>
      moved.contact?.id === contactId || !deal.contact
        ? { text: `Recording put on the deal ${deal.title}.` }
        : { text: `Recording moved to ${deal.contact.name}, on the deal ${deal.title}.`, link: { to: `/contacts/${deal.contact.id}`, label: `Open ${deal.contact.name}` } },
    );
  const confirmDetach = async () => {
    if (!window.confirm(`Detach "${activity.body ?? 'this recording'}" from ${contactName}? It goes to Unmatched, where you can link it to another contact.`)) return;
    const result = await detach({ variables: { activityId: activity.id } }).catch(() => null);
    const detached = result?.data?.detachRecording;
    if (detached) onChanged(detached, { text: 'Recording detached: it is on Unmatched now.', link: { to: '/calls/unmatched', label: 'Open Unmatched' } });
  };
  const toggle = (which: 'contact' | 'deal') => setPicking((open) => (open === which ? null : which));

  return (
    <div className="recording-actions">
      <div className="row">
        <button type="button" className="button small ghost" onClick={() => toggle('contact')} aria-expanded={picking === 'contact'} disabled={busy} data-testid="move-recording">
          Move to contact
        </button>
        <button type="button" className="button small ghost" onClick={() => toggle('deal')} aria-expanded={picking === 'deal'} disabled={busy} data-testid="move-recording-to-deal">
          Move to deal
        </button>
        <button type="button" className="button small ghost danger" onClick={() => void confirmDetach()} disabled={busy} data-testid="detach-recording">
          Detach
        </button>
      </div>
      {picking === 'contact' && <ContactPicker onPick={toContact} disabled={busy} label="Find the contact to move the recording to" excludeId={contactId} resultTestId="move-to-contact-result" />}
      {picking === 'deal' && <DealPicker onPick={toDeal} disabled={busy} excludeId={activity.deal?.id} label="Find a deal to move the recording to" />}
      {error && (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
    </div>
  );
}
