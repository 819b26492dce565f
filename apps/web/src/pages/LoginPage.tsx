import { useApolloClient, useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { errorMessage } from '../apollo';
import { LOGIN } from '../graphql';

export function LoginPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const client = useApolloClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [login, { loading, error }] = useMutation(LOGIN);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await login({ variables: { email, password } }).catch(() => null);
    if (!result?.data) return;
    await client.resetStore();
    const from = (location.state as { from?: string } | null)?.from;
    navigate(from && from !== '/login' ? from : '/contacts', { replace: true });
  };

  return (
    <main className="login">
      <form className="card login-card" onSubmit={submit} noValidate>
        <div className="brand large">
          <span className="brand-mark" aria-hidden="true" />
          Switchboard
        </div>
        <p className="muted">The CRM that lives on Zoom. Sign in to your workspace.</p>
        <label>
          Email
          <input
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            data-testid="login-email"
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            data-testid="login-password"
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {errorMessage(error)}
          </p>
        )}
        <button type="submit" className="button primary" disabled={loading || !email || !password} data-testid="login-submit">
          {loading ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="hint">
          Demo: <code>agent@demo.test</code> / <code>demo-password</code>
        </p>
      </form>
    </main>
  );
}
