import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../apollo';
import { SettingsTabs } from '../components/SettingsTabs';
import { API_TOKENS, CREATE_API_TOKEN, REVOKE_API_TOKEN } from '../graphql';

interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** Personal API tokens for integrators: the token is shown once, right after it is created. */
export function ApiTokensPage() {
  const { data } = useQuery<{ apiTokens: ApiToken[] }>(API_TOKENS);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [createToken, creating] = useMutation<{ createApiToken: string }>(CREATE_API_TOKEN, { refetchQueries: ['ApiTokens'] });
  const [revokeToken] = useMutation(REVOKE_API_TOKEN, { refetchQueries: ['ApiTokens'] });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await createToken({ variables: { name } }).catch(() => null);
    if (result?.data) {
      setCreated(result.data.createApiToken);
      setCopied(false);
      setName('');
    }
  };
  const copy = async () => {
    if (!created) return;
    await navigator.clipboard.writeText(created).then(() => setCopied(true), () => setCopied(false));
  };

  return (
    <section className="page">
      <h1>Settings</h1>
      <SettingsTabs />
      <div className="card">
        <h2>API tokens</h2>
        <p className="muted">
          Integrators call the GraphQL API at <code>/graphql</code> with <code>Authorization: Bearer &lt;token&gt;</code>.
        </p>
        <form className="inline-form" onSubmit={submit}>
          <label>
            Token name
            <input value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. Zapier" />
          </label>
          <button type="submit" className="button primary" disabled={!name.trim() || creating.loading}>
            Create token
          </button>
        </form>
        {creating.error && <p className="form-error">{errorMessage(creating.error)}</p>}
        {created && (
          <div className="banner success" role="status">
            <span>Copy this token now; it will not be shown again.</span>
            <code className="token">{created}</code>
            <button type="button" className="button small" onClick={copy}>
              {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
        )}
        <ul className="token-list">
          {data?.apiTokens.map((token) => (
            <li key={token.id}>
              <div>
                <strong>{token.name}</strong>
                <span className="muted block">
                  Created {new Date(token.createdAt).toLocaleDateString()} · {token.lastUsedAt ? `last used ${new Date(token.lastUsedAt).toLocaleString()}` : 'never used'}
                </span>
              </div>
              <button type="button" className="button danger small" onClick={() => revokeToken({ variables: { id: token.id } })}>
                Revoke
              </button>
            </li>
          ))}
          {data?.apiTokens.length === 0 && <li className="muted">No tokens yet.</li>}
        </ul>
      </div>
    </section>
  );
}
