import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorField, errorMessage } from '../apollo';
import { AuthCard } from '../components/AuthCard';
import { ACCEPT_INVITE, INVITATION, type InvitationPreview } from '../people/queries';

const ROLE_LABEL = { agent: 'an agent', admin: 'an admin' } as const;

function longDate(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' });
}

/** A link that can no longer be used, and what to do about it. */
function UnusableInvite({ invitation }: { invitation: InvitationPreview | null }) {
  const admin = invitation?.invitedByName ?? 'your admin';
  const state =
    invitation === null
      ? { title: 'This invite link is not valid', text: 'Check that you opened the whole link from the email, or ask your admin for a new one.' }
      : invitation.status === 'ACCEPTED'
        ? { title: 'This invite has already been used', text: `Your account for ${invitation.email} is set up: sign in with the password you chose.` }
        : invitation.status === 'EXPIRED'
          ? { title: 'This invite has expired', text: `It expired on ${longDate(invitation.expiresAt)}. Ask ${admin} to send you a new one.` }
          : { title: 'This invite is no longer valid', text: `It was withdrawn or replaced by a newer invite. Ask ${admin} for a new link.` };
  return (
    <AuthCard title={state.title} lead={invitation ? `Invitation to ${invitation.organisationName}` : 'Invitation'} testId="invite-unusable">
      <div className={`auth-state${invitation === null ? ' error' : invitation.status === 'ACCEPTED' ? ' done' : ''}`}>
        <span className="state-icon" aria-hidden="true">
          {invitation?.status === 'ACCEPTED' ? '✓' : '!'}
        </span>
        <p data-testid="invite-unusable-reason">{state.text}</p>
        <Link to="/login" className="button primary">
          Go to sign in
        </Link>
      </div>
    </AuthCard>
  );
}

/** PUBLIC_URL/invite/<token>: the invited person picks their name and password and is signed in. */
export function InvitePage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const client = useApolloClient();
  const { data, loading: reading, error: readError, refetch } = useQuery<{ invitation: InvitationPreview | null }>(INVITATION, { variables: { token }, fetchPolicy: 'network-only' });
  const [accept, { loading, error, reset }] = useMutation(ACCEPT_INVITE);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const field = errorField(error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await accept({ variables: { token, name, password } });
    } catch (failure) {
      // Used or expired meanwhile: the page then says so instead of the form.
      if (errorField(failure) === 'token') await refetch();
      return;
    }
    await client.resetStore();
    navigate('/today', { replace: true });
  };

  if (reading && !data) return <div className="splash" aria-busy="true">Loading…</div>;
  if (readError && !data) return <div className="splash">Switchboard cannot reach its server right now. {readError.message}</div>;
  const invitation = data?.invitation ?? null;
  if (!invitation || invitation.status !== 'PENDING') return <UnusableInvite invitation={invitation} />;

  return (
    <AuthCard
      wide
      onSubmit={submit}
      testId="invite-form"
      title={`Join ${invitation.organisationName}`}
      lead={`${invitation.invitedByName ?? 'An admin'} invited you to Switchboard as ${ROLE_LABEL[invitation.role]}. Choose your name and password to get started.`}
    >
      <label>
        Email
        <input type="email" value={invitation.email} readOnly autoComplete="username" data-testid="invite-email" />
      </label>
      <label className={field === 'name' ? 'invalid' : undefined}>
        Your name
        <input value={name} onChange={(event) => {
            setName(event.target.value);
            if (error) reset();
          }} autoComplete="name" autoFocus required data-testid="invite-name" />
      </label>
      <label className={field === 'password' ? 'invalid' : undefined}>
        Password
        <input type="password" value={password} onChange={(event) => {
            setPassword(event.target.value);
            if (error) reset();
          }} autoComplete="new-password" required minLength={8} data-testid="invite-password" />
        <span className="field-hint">At least 8 characters.</span>
      </label>
      {error && (
        <p className="form-error" role="alert" data-testid="invite-error">
          {errorMessage(error)}
        </p>
      )}
      <button type="submit" className="button primary" disabled={loading || !name.trim() || !password} data-testid="invite-submit">
        {loading ? 'Joining…' : `Join ${invitation.organisationName}`}
      </button>
      <p className="hint">The link works once and until {longDate(invitation.expiresAt)}.</p>
    </AuthCard>
  );
}
