import { useMutation } from '@apollo/client/react';
import { errorMessage } from '../apollo';
import { SettingsTabs } from '../components/SettingsTabs';
import { type CallLinkScheme, SET_CALL_LINKS } from '../graphql';
import { useCurrentUser } from '../session';
import { CallOutcomesSettings } from '../softphone/CallOutcomesSettings';
import { CallBackTaskSetting } from '../tasks/CallBackTaskSetting';

const CHOICES: Array<{ value: CallLinkScheme; label: string; detail: string }> = [
  { value: 'ZOOM_PHONE', label: 'Zoom Phone', detail: 'Numbers open the Zoom app (zoomphonecall:// and zoomphonesms://); the call lands on the timeline by itself.' },
  { value: 'TEL', label: 'This device', detail: 'Numbers open tel: and sms: links, for people without the Zoom app (calls made this way are not logged).' },
];

/** Your own calling preference: what clicking a phone number does, everywhere in the app. */
export function CallingSettingsPage() {
  const user = useCurrentUser();
  const [setCallLinks, { loading, error }] = useMutation(SET_CALL_LINKS);
  return (
    <section className="page">
      <h1>Settings</h1>
      <SettingsTabs />
      <div className="card">
        <h2>Calling</h2>
        <fieldset className="choices" disabled={loading}>
          <legend>When I click a phone number, call with</legend>
          {CHOICES.map((choice) => (
            <label key={choice.value} className="choice">
              <input
                type="radio"
                name="callLinks"
                value={choice.value}
                checked={user.callLinks === choice.value}
                onChange={() => void setCallLinks({ variables: { callLinks: choice.value } }).catch(() => undefined)}
                data-testid={`call-links-${choice.value}`}
              />
              <span>
                <strong>{choice.label}</strong>
                <span className="muted"> · {choice.detail}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {error && <p className="form-error">{errorMessage(error)}</p>}
        <CallBackTaskSetting />
      </div>
      <CallOutcomesSettings />
    </section>
  );
}
