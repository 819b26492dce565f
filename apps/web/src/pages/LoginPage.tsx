import { type FormEvent, useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { LOGIN_DOCUMENT, SIGNUP_STATUS_DOCUMENT } from '../auth/documents';
import { graphqlRequest } from '../auth/graphqlRequest';
import { AuthCard } from '../components/AuthCard';
import type { SignupStatus } from '../people/queries';

export function LoginPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [signup, setSignup] = useState<SignupStatus | null>(null);

  useEffect(() => {
    graphqlRequest<{ signupStatus: SignupStatus }>(SIGNUP_STATUS_DOCUMENT)
      .then((data) => setSignup(data.signupStatus))
      // Without an answer the page still signs people in; it only leaves out the "create an organisation" link.
      .catch(() => undefined);
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setLoading(true);
    setError(null);
    try {
      await graphqlRequest(LOGIN_DOCUMENT, { email, password });
      // Whatever Apollo cached for the previous session in this tab must not show through to this one.
      const { apolloClient } = await import('../apolloClient');
      await apolloClient.resetStore();
    } catch (failure) {
      setError((failure as Error).message);
      setLoading(false);
      return;
    }
    const from = (location.state as { from?: string } | null)?.from;
    navigate(from && from !== '/login' ? from : '/today', { replace: true });
  };

  // Nobody can sign in before the first organisation exists: the first-run page creates it.
  if (signup?.firstRun) return <Navigate to="/signup" replace />;
  return (
    <AuthCard lead="The CRM that lives on Zoom. Sign in to your workspace." onSubmit={submit}>
      <label>
        Email
        <input type="email" autoComplete="username" required autoFocus value={email} onChange={(event) => setEmail(event.target.value)} data-testid="login-email" />
      </label>
      <label>
        Password
        <input type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} data-testid="login-password" />
      </label>
      {error && (
        <p className="form-error" role="alert" data-testid="login-error">
          {error}
        </p>
      )}
      <button type="submit" className="button primary" disabled={loading || !email || !password} data-testid="login-submit">
        {loading ? 'Signing in…' : 'Sign in'}
      </button>
      {signup?.open && (
        <p className="hint">
          New to Switchboard?{' '}
          <Link to="/signup" data-testid="create-organisation">
            Create an organisation
          </Link>
        </p>
      )}
      <p className="hint">
        Demo: <code>agent@demo.test</code> / <code>demo-password</code>
      </p>
    </AuthCard>
  );
}
