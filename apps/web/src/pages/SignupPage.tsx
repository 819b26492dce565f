import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { errorField, errorMessage } from '../apollo';
import { AuthCard } from '../components/AuthCard';
import { CREATE_ORGANISATION, SIGNUP_STATUS, type SignupStatus } from '../people/queries';

/** Where Switchboard's customers are; the region reads phone numbers typed without a country code. */
const REGIONS = ['AE', 'AT', 'AU', 'BE', 'BR', 'CA', 'CH', 'DE', 'DK', 'ES', 'FI', 'FR', 'GB', 'IE', 'IN', 'IT', 'MX', 'NL', 'NO', 'NZ', 'PL', 'PT', 'SE', 'SG', 'US', 'ZA'];

function browserRegion(): string {
  const region = navigator.languages.map((tag) => tag.split('-')[1]?.toUpperCase()).find((code) => code && REGIONS.includes(code));
  return region ?? 'US';
}

/**
 * The first-run page (no organisation exists yet) and "Create an organisation" from the login page while
 * SIGNUP=open: a new organisation and its first admin, signed in at once.
 */
export function SignupPage() {
  const navigate = useNavigate();
  const client = useApolloClient();
  const { data, loading: checking } = useQuery<{ signupStatus: SignupStatus }>(SIGNUP_STATUS, { fetchPolicy: 'network-only' });
  const [createOrganisation, { loading, error, reset }] = useMutation(CREATE_ORGANISATION);
  const regionNames = useMemo(() => new Intl.DisplayNames(undefined, { type: 'region' }), []);
  const regions = useMemo(() => [...REGIONS].sort((a, b) => (regionNames.of(a) ?? a).localeCompare(regionNames.of(b) ?? b)), [regionNames]);
  const [form, setForm] = useState({ organisationName: '', defaultRegion: browserRegion(), name: '', email: '', password: '' });
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => {
    setForm({ ...form, [key]: event.target.value });
    if (error) reset();
  };
  const field = errorField(error);
  const invalid = (name: string) => (field === name ? 'invalid' : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await createOrganisation({ variables: { input: form } }).catch(() => null);
    if (!result?.data) return;
    await client.resetStore();
    navigate('/settings/people', { replace: true, state: { welcome: true } });
  };

  if (checking && !data) return <div className="splash" aria-busy="true">Loading…</div>;
  const status = data?.signupStatus;
  if (status && !status.open) {
    return (
      <AuthCard title="Sign-up is closed" lead="This Switchboard admits the people its admins invite." testId="signup-closed">
        <div className="auth-state">
          <p>Ask an admin of your organisation to invite you: the invite email has a link that sets up your account.</p>
          <Link to="/login" className="button primary">
            Back to sign in
          </Link>
        </div>
      </AuthCard>
    );
  }
  const firstRun = status?.firstRun ?? false;
  return (
    <AuthCard
      wide
      onSubmit={submit}
      testId="signup-form"
      title={firstRun ? 'Set up your organisation' : 'Create an organisation'}
      lead={firstRun ? 'Welcome! Nobody uses this Switchboard yet: create your organisation and its first admin account, then invite your team.' : 'You will be its first admin, and can invite your team next.'}
    >
      <label className={invalid('organisationName')}>
        Organisation name
        <input value={form.organisationName} onChange={set('organisationName')} autoFocus required placeholder="e.g. Bayside Realty" data-testid="signup-organisation" />
      </label>
      <label className={invalid('defaultRegion')}>
        Country
        <select value={form.defaultRegion} onChange={set('defaultRegion')} data-testid="signup-region">
          {regions.map((code) => (
            <option key={code} value={code}>
              {regionNames.of(code) ?? code}
            </option>
          ))}
        </select>
        <span className="field-hint">Phone numbers typed without a country code are read as this country’s.</span>
      </label>
      <hr className="auth-divider" />
      <label className={invalid('name')}>
        Your name
        <input value={form.name} onChange={set('name')} autoComplete="name" required data-testid="signup-name" />
      </label>
      <label className={invalid('email')}>
        Work email
        <input type="email" value={form.email} onChange={set('email')} autoComplete="username" required data-testid="signup-email" />
      </label>
      <label className={invalid('password')}>
        Password
        <input type="password" value={form.password} onChange={set('password')} autoComplete="new-password" required minLength={8} data-testid="signup-password" />
        <span className="field-hint">At least 8 characters.</span>
      </label>
      {error && (
        <p className="form-error" role="alert" data-testid="signup-error">
          {errorMessage(error)}
        </p>
      )}
      <button
        type="submit"
        className="button primary"
        disabled={loading || !form.organisationName.trim() || !form.name.trim() || !form.email.trim() || !form.password}
        data-testid="signup-submit"
      >
        {loading ? 'Creating…' : firstRun ? 'Create organisation and sign in' : 'Create organisation'}
      </button>
      {!firstRun && (
        <p className="hint">
          Already have an account? <Link to="/login">Sign in</Link>
        </p>
      )}
    </AuthCard>
  );
}
