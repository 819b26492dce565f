import { useMutation } from '@apollo/client/react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { errorCode } from '../apollo';
import { meetingSpan } from './calendar';
import { bookingErrorMessage, isFieldError, nextFreeSlots } from './errors';
import { fieldState, ValidatedField } from './FieldMessage';
import { BOOK_MEETING, type Booking, type BookingPage } from './queries';
import { SlotTakenNotice } from './SlotTakenNotice';

/** What the prospect typed: kept by the page while they go back to pick another time. */
export type ProspectDetails = typeof NO_DETAILS;
export const NO_DETAILS = { name: '', email: '', phone: '', note: '', website: '' };
const PERSON_FIELDS = ['name', 'email', 'phone', 'note'] as const;

interface BookingFormProps {
  page: BookingPage;
  fields: ProspectDetails;
  onFieldsChange: (fields: ProspectDetails) => void;
  slot: string;
  durationMinutes: number;
  timeZone: string;
  onPickSlot: (slot: string) => void;
  onChangeTime: () => void;
  onBooked: (booking: Booking, email: string) => void;
}

/** The prospect's details for the chosen time; a time taken meanwhile keeps them and offers the next free ones. */
export function BookingForm({ page, fields, onFieldsChange, slot, durationMinutes, timeZone, onPickSlot, onChangeTime, onBooked }: BookingFormProps) {
  const [taken, setTaken] = useState<string | null>(null);
  const [book, { loading, error, reset }] = useMutation<{ bookMeeting: Booking }>(BOOK_MEETING);
  const heading = useRef<HTMLHeadingElement>(null);
  const code = errorCode(error);
  const saidBesideField = PERSON_FIELDS.some((field) => isFieldError(error, field));

  useEffect(() => {
    heading.current?.focus();
  }, [slot]);

  const set = (name: keyof ProspectDetails) => (event: { target: { value: string } }) => onFieldsChange({ ...fields, [name]: event.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = { slug: page.slug, startTime: slot, durationMinutes, timezone: timeZone, name: fields.name.trim(), email: fields.email.trim(), phone: fields.phone.trim() || null, note: fields.note.trim() || null, website: fields.website || null };
    try {
      const result = await book({ variables: { input } });
      if (result.data) onBooked(result.data.bookMeeting, input.email);
    } catch (failure) {
      // The calendar asks afresh whenever it shows again, so only the form needs to know.
      if (errorCode(failure) === 'SLOT_UNAVAILABLE') setTaken(slot);
    }
  };
  const pickInstead = (next: string) => {
    setTaken(null);
    reset();
    onPickSlot(next);
  };

  const fieldProps = (name: (typeof PERSON_FIELDS)[number]) => ({ value: fields[name], onChange: set(name), ...fieldState(error, name), 'data-testid': `booking-${name}` });

  return (
    <form className="booking-form" onSubmit={submit} data-testid="booking-form">
      <h2 ref={heading} tabIndex={-1}>
        Your details
      </h2>
      <p className="chosen-time">
        <span data-testid="booking-chosen-time">{meetingSpan(slot, durationMinutes, timeZone)}</span>
        <button type="button" className="button ghost small" onClick={onChangeTime} data-testid="booking-change-time">
          Change time
        </button>
      </p>
      {taken && <SlotTakenNotice taken={taken} nextSlots={nextFreeSlots(error)} durationMinutes={durationMinutes} timeZone={timeZone} onPick={pickInstead} onPickAnotherDay={onChangeTime} />}
      <ValidatedField error={error} field="name" label="Name">
        <input {...fieldProps('name')} autoComplete="name" required maxLength={100} />
      </ValidatedField>
      <ValidatedField error={error} field="email" label="Email">
        <input {...fieldProps('email')} type="email" autoComplete="email" required maxLength={254} />
      </ValidatedField>
      <ValidatedField error={error} field="phone" label={<span>Phone {!page.requirePhone && <span className="muted optional">(optional)</span>}</span>}>
        <input {...fieldProps('phone')} type="tel" autoComplete="tel" required={page.requirePhone} maxLength={40} />
      </ValidatedField>
      <ValidatedField error={error} field="note" label={<span>Anything {page.agentName.split(' ')[0]} should know? <span className="muted optional">(optional)</span></span>}>
        <textarea {...fieldProps('note')} rows={3} maxLength={2000} />
      </ValidatedField>
      {/* Hidden from people (and from assistive technology); bots that fill every field give themselves away. */}
      <div className="visually-hidden" aria-hidden="true">
        <label>
          Website
          <input name="website" tabIndex={-1} autoComplete="off" value={fields.website} onChange={set('website')} />
        </label>
      </div>
      <div aria-live="polite">
        {error && code !== 'SLOT_UNAVAILABLE' && !saidBesideField && (
          <p className="form-error" role="alert" data-testid="booking-error">
            {bookingErrorMessage(error)}
          </p>
        )}
      </div>
      <button type="submit" className="button primary" disabled={loading} data-testid="booking-submit">
        {loading ? 'Booking…' : 'Book meeting'}
      </button>
    </form>
  );
}
