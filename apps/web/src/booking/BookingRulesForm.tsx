import { type FormEvent, useState } from 'react';
import { errorMessage } from '../apollo';
import { BROWSER_TIME_ZONE, zoneName } from './calendar';
import { DurationToggles } from './DurationToggles';
import { isFieldError } from './errors';
import { FieldMessage, fieldState, ValidatedField } from './FieldMessage';
import { MinutesSelect } from './MinutesSelect';
import type { BookingSettings } from './queries';
import { TimeZoneSelect } from '../components/TimeZoneSelect';
import { useUpdateBookingSettings } from './useUpdateBookingSettings';
import { WeeklyHoursEditor } from './WeeklyHoursEditor';

type Rules = Omit<BookingSettings, 'enabled' | 'url'>;
const RULE_FIELDS = ['slug', 'timezone', 'durations', 'bufferMinutes', 'minNoticeMinutes', 'maxDaysAhead', 'dailyCap', 'requirePhone', 'weeklyHours'] as const;

const BUFFER_PRESETS = [0, 5, 10, 15, 30, 45, 60];
const NOTICE_PRESETS = [0, 30, 60, 120, 240, 480, 720, 1440, 2880, 10080];

/** The rules alone, without the cache's __typename fields, which the input type refuses. */
function rulesOf(settings: BookingSettings): Rules {
  const { slug, timezone, durations, bufferMinutes, minNoticeMinutes, maxDaysAhead, dailyCap, requirePhone, weeklyHours } = settings;
  return { slug, timezone, durations, bufferMinutes, minNoticeMinutes, maxDaysAhead, dailyCap, requirePhone, weeklyHours: weeklyHours.map(({ weekday, start, end }) => ({ weekday, start, end })) };
}
const sameRules = (a: Rules, b: Rules) => RULE_FIELDS.every((field) => JSON.stringify(a[field]) === JSON.stringify(b[field]));

/** The link's name and the availability rules, saved together; the api's objections show beside their field. */
export function BookingRulesForm({ settings, meetingLimitMinutes }: { settings: BookingSettings; meetingLimitMinutes: number | null }) {
  const saved = rulesOf(settings);
  const [rules, setRules] = useState<Rules>(saved);
  const [justSaved, setJustSaved] = useState(false);
  const { save, loading, error } = useUpdateBookingSettings();
  const linkBase = settings.url.slice(0, settings.url.length - settings.slug.length);
  const changed = !sameRules(rules, saved);
  const unplaced = error && !RULE_FIELDS.some((field) => isFieldError(error, field));

  const edit = (change: Partial<Rules>) => {
    setRules({ ...rules, ...change });
    setJustSaved(false);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await save(rules);
    if (result) {
      setRules(rulesOf(result));
      setJustSaved(true);
    }
  };

  return (
    <form className="card form booking-rules" onSubmit={submit} noValidate data-testid="booking-rules">
      <h2>Availability</h2>
      <ValidatedField error={error} field="slug" label="Link">
        <span className="slug-input">
          <span className="muted slug-base">{linkBase}</span>
          <input value={rules.slug} onChange={(event) => edit({ slug: event.target.value })} {...fieldState(error, 'slug')} autoCapitalize="none" spellCheck={false} data-testid="booking-slug" />
        </span>
      </ValidatedField>
      <div>
        <ValidatedField error={error} field="timezone" label="Your time zone (weekly hours are in it)">
          <TimeZoneSelect value={rules.timezone} onChange={(timezone) => edit({ timezone })} {...fieldState(error, 'timezone')} data-testid="booking-settings-timezone" />
        </ValidatedField>
        {rules.timezone !== BROWSER_TIME_ZONE && (
          <p className="field-hint">
            This device is in {zoneName(BROWSER_TIME_ZONE)}.{' '}
            <button type="button" className="link-button" onClick={() => edit({ timezone: BROWSER_TIME_ZONE })} data-testid="booking-use-device-zone">
              Use it
            </button>
          </p>
        )}
      </div>
      <div>
        <WeeklyHoursEditor value={rules.weeklyHours} onChange={(weeklyHours) => edit({ weeklyHours })} invalid={isFieldError(error, 'weeklyHours')} />
        <FieldMessage error={error} field="weeklyHours" />
      </div>
      <div>
        <DurationToggles value={rules.durations} onChange={(durations) => edit({ durations })} meetingLimitMinutes={meetingLimitMinutes} invalid={isFieldError(error, 'durations')} />
        <FieldMessage error={error} field="durations" />
      </div>
      <div className="grid-2">
        <ValidatedField error={error} field="bufferMinutes" label="Buffer before and after meetings">
          <MinutesSelect value={rules.bufferMinutes} presets={BUFFER_PRESETS} onChange={(bufferMinutes) => edit({ bufferMinutes })} {...fieldState(error, 'bufferMinutes')} data-testid="booking-buffer" />
        </ValidatedField>
        <ValidatedField error={error} field="minNoticeMinutes" label="Minimum notice (how soon a booking may start)">
          <MinutesSelect value={rules.minNoticeMinutes} presets={NOTICE_PRESETS} onChange={(minNoticeMinutes) => edit({ minNoticeMinutes })} {...fieldState(error, 'minNoticeMinutes')} data-testid="booking-notice" />
        </ValidatedField>
        <ValidatedField error={error} field="maxDaysAhead" label="Days ahead that can be booked">
          <input type="number" min={1} max={365} value={rules.maxDaysAhead} onChange={(event) => edit({ maxDaysAhead: event.target.valueAsNumber })} {...fieldState(error, 'maxDaysAhead')} data-testid="booking-days-ahead" />
        </ValidatedField>
        <ValidatedField error={error} field="dailyCap" label="Bookings a day at most">
          <input type="number" min={1} max={100} value={rules.dailyCap ?? ''} placeholder="No limit" onChange={(event) => edit({ dailyCap: event.target.value === '' ? null : event.target.valueAsNumber })} {...fieldState(error, 'dailyCap')} data-testid="booking-daily-cap" />
        </ValidatedField>
      </div>
      <fieldset className="choices">
        <legend>Questions on the booking form</legend>
        <p className="muted field-hint">Name and email are always asked; a note is always optional.</p>
        <label className="choice">
          <input type="checkbox" checked={rules.requirePhone} onChange={(event) => edit({ requirePhone: event.target.checked })} data-testid="booking-require-phone" />
          <span>Phone number required</span>
        </label>
      </fieldset>
      <div className="form-actions">
        <span aria-live="polite" className="save-status">
          {unplaced && (
            <span className="form-error" role="alert">
              {errorMessage(error)}
            </span>
          )}
          {justSaved && !changed && <span className="muted">Saved</span>}
        </span>
        <button type="submit" className="button primary" disabled={loading || !changed} data-testid="booking-save">
          {loading ? 'Saving…' : 'Save changes'}
        </button>
      </div>
    </form>
  );
}
