import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { errorMessage } from '../apollo';
import { AuthCard } from '../components/AuthCard';
import { LOGIN } from '../graphql';
import { SIGNUP_STATUS, type SignupStatus } from '../people/queries';

export function LoginPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const client = useApolloClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [login, { loading, error }] = useMutation(LOGIN);
  const { data: signup } = useQuery<{ signupStatus: SignupStatus }>(SIGNUP_STATUS, { fetchPolicy: 'network-only' });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await login({ variables: { email, password } }).catch(() => null);
    if (!result?.data) return;
    await client.resetStore();
    const from = (location.state as { from?: string } | null)?.from;
    navigate(from && from !== '/login' ? from : '/contacts', { replace: true });
  };

  // Nobody can sign in before the first organisation exists: the first-run page creates it.
  if (signup?.signupStatus.firstRun) return <Navigate to="/signup" replace />;
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
          {errorMessage(error)}
        </p>
      )}
      <button type="submit" className="button primary" disabled={loading || !email || !password} data-testid="login-submit">
        {loading ? 'Signing in…' : 'Sign in'}
      </button>
      {signup?.signupStatus.open && (
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
