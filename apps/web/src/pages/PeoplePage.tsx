import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { errorField, errorMessage } from '../apollo';
import { SettingsTabs } from '../components/SettingsTabs';
import type { Role } from '../graphql';
import { DEACTIVATE_USER, type Invite, INVITE_USER, PEOPLE, type Person, REACTIVATE_USER, REVOKE_INVITE, SET_USER_ROLE } from '../people/queries';
import { useCurrentUser } from '../session';
import '../people/people.css';

const ROLES: Array<{ value: Role; label: string }> = [
  { value: 'agent', label: 'Agent' },
  { value: 'admin', label: 'Admin' },
];

/** The role picker of a person's row and of the invite form. */
function RoleSelect({ value, onChange, testId, label, disabled }: { value: Role; onChange: (role: Role) => void; testId: string; label?: string; disabled?: boolean }) {
  return (
    <select aria-label={label} value={value} disabled={disabled} onChange={(event) => onChange(event.target.value as Role)} data-testid={testId}>
      {ROLES.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
const DELIVERY_LABEL = { SENT: 'Emailed', OUTBOX: 'In the outbox', FAILED: 'Email failed' } as const;

const initials = (name: string) =>
  name
    .split(/\s+/)
    .map((part) => part[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
const shortDate = (iso: string) => new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** The invite just made: its link to copy, and whether it went by email or waits in the outbox. */
function InviteResult({ invite }: { invite: Invite }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (!invite.url) return;
    await navigator.clipboard?.writeText(invite.url).then(() => setCopied(true), () => setCopied(false));
  };
  const tone = invite.delivery === 'SENT' ? '' : invite.delivery === 'OUTBOX' ? ' outbox' : ' failed';
  return (
    <div className={`invite-result${tone}`} role="status" data-testid="invite-result" data-delivery={invite.delivery}>
      <p>
        {invite.delivery === 'SENT' && (
          <>
            <strong>Invite emailed to {invite.email}.</strong> You can also send them the link yourself:
          </>
        )}
        {invite.delivery === 'OUTBOX' && (
          <>
            <strong>Invite for {invite.email} kept in the outbox:</strong> no mail server is set up (<code>SMTP_URL</code>), so copy the link and send it to them yourself.
          </>
        )}
        {invite.delivery === 'FAILED' && (
          <>
            <strong>The mail server refused the invite email to {invite.email}.</strong> Copy the link and send it to them yourself.
          </>
        )}
      </p>
      <div className="link-row">
        <input readOnly value={invite.url ?? ''} aria-label="Invite link" onFocus={(event) => event.target.select()} data-testid="invite-link" />
        <button type="button" className="button small" onClick={copy} data-testid="invite-copy">
          {copied ? 'Copied' : 'Copy link'}
        </button>
      </div>
      <p className="muted">It works once, until {shortDate(invite.expiresAt)}. The link is shown only now; “New link” below makes another.</p>
    </div>
  );
}

function PersonRow({ person, isYou, busy, onRole, onDeactivate, onReactivate }: { person: Person; isYou: boolean; busy: boolean; onRole: (role: Role) => void; onDeactivate: () => void; onReactivate: () => void }) {
  return (
    <tr className={person.active ? undefined : 'inactive'} data-testid="person-row" data-email={person.email}>
      <td>
        <div className="person">
          <span className="avatar" aria-hidden="true">
            {initials(person.name)}
          </span>
          <div>
            <strong>
              {person.name}
              {isYou && <span className="badge you">You</span>}
            </strong>
            <span className="muted">{person.email}</span>
          </div>
        </div>
      </td>
      <td>
        <RoleSelect label={`Role of ${person.name}`} value={person.role} disabled={busy || !person.active} onChange={onRole} testId="person-role" />
      </td>
      <td>
        <span className={`badge ${person.active ? 'status-active' : 'status-deactivated'}`} data-testid="person-status">
          {person.active ? 'Active' : 'Deactivated'}
        </span>
      </td>
      <td className="muted hide-narrow since">{person.active ? `Joined ${shortDate(person.createdAt)}` : `Deactivated ${shortDate(person.deactivatedAt ?? person.createdAt)}`}</td>
      <td>
        {person.active ? (
          !isYou && (
            <button type="button" className="button ghost danger small" disabled={busy} onClick={onDeactivate} data-testid="person-deactivate">
              Deactivate
            </button>
          )
        ) : (
          <button type="button" className="button small" disabled={busy} onClick={onReactivate} data-testid="person-reactivate">
            Reactivate
          </button>
        )}
      </td>
    </tr>
  );
}

/** Settings > People (admins): everyone in the organisation, invites, roles and deactivation. */
export function PeoplePage() {
  const me = useCurrentUser();
  const location = useLocation();
  const navigate = useNavigate();
  const welcome = (location.state as { welcome?: boolean } | null)?.welcome === true;
  const isAdmin = me.role === 'admin';
  const { data, loading, error } = useQuery<{ users: Person[]; invites: Invite[] }>(PEOPLE, { skip: !isAdmin, fetchPolicy: 'cache-and-network' });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [created, setCreated] = useState<Invite | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const refetchQueries = ['People'];
  const [inviteUser, inviting] = useMutation<{ inviteUser: Invite }>(INVITE_USER, { refetchQueries });
  const changeEmail = (value: string) => {
    setEmail(value);
    if (inviting.error) inviting.reset();
  };
  const [revokeInvite] = useMutation(REVOKE_INVITE, { refetchQueries });
  const [setUserRole, settingRole] = useMutation(SET_USER_ROLE);
  const [deactivateUser, deactivating] = useMutation(DEACTIVATE_USER);
  const [reactivateUser, reactivating] = useMutation(REACTIVATE_USER);
  const busy = settingRole.loading || deactivating.loading || reactivating.loading;

  const run = async (action: () => Promise<unknown>) => {
    setActionError(null);
    await action().catch((failure: unknown) => setActionError(errorMessage(failure)));
  };
  const sendInvite = async (event: FormEvent | null, to = email, as = role) => {
    event?.preventDefault();
    const result = await inviteUser({ variables: { email: to, role: as } }).catch(() => null);
    if (!result?.data) return;
    setCreated(result.data.inviteUser);
    if (event) setEmail('');
  };
  const withdraw = async (invite: Invite) => {
    await run(() => revokeInvite({ variables: { id: invite.id } }));
    if (created?.id === invite.id) setCreated(null);
  };
  const deactivate = (person: Person) => {
    if (!window.confirm(`Deactivate ${person.name}? They are signed out everywhere at once and their API tokens stop working; what they did stays under their name.`)) return;
    void run(() => deactivateUser({ variables: { id: person.id } }));
  };

  if (!isAdmin) {
    return (
      <section className="page">
        <h1>Settings</h1>
        <SettingsTabs />
        <div className="card">
          <h2>People</h2>
          <p className="muted">Only admins of {me.organisation.name} manage people. Ask one of them to invite someone or change a role.</p>
        </div>
      </section>
    );
  }

  const people = data?.users ?? [];
  const invites = data?.invites ?? [];
  const activeCount = people.filter((person) => person.active).length;
  return (
    <section className="page" data-testid="people-page">
      <h1>Settings</h1>
      <SettingsTabs />
      {welcome && (
        <div className="banner success welcome" role="status" data-testid="welcome">
          {me.organisation.name} is ready. Invite your team below, then connect Zoom in Integrations.
          <button type="button" className="button ghost small" onClick={() => navigate(location.pathname, { replace: true, state: null })} data-testid="welcome-dismiss">
            Dismiss
          </button>
        </div>
      )}
      <div className="people">
        <article className="card">
          <h2>Invite someone</h2>
          <p className="muted">They get a link to choose their name and password. Admins also manage people and see integration health.</p>
          <form className="inline-form" onSubmit={sendInvite}>
            <label className={errorField(inviting.error) === 'email' ? 'invalid' : undefined}>
              Email
              <input type="email" value={email} onChange={(event) => changeEmail(event.target.value)} placeholder="name@company.com" required data-testid="invite-email-input" />
            </label>
            <label>
              Role
              <RoleSelect value={role} onChange={setRole} testId="invite-role" />
            </label>
            <button type="submit" className="button primary" disabled={!email.trim() || inviting.loading} data-testid="invite-submit">
              {inviting.loading ? 'Inviting…' : 'Invite'}
            </button>
          </form>
          {inviting.error && (
            <p className="form-error" role="alert">
              {errorMessage(inviting.error)}
            </p>
          )}
          {created && <InviteResult invite={created} />}
        </article>

        <article className="card">
          <h2>People</h2>
          <p className="muted">
            {activeCount} active {activeCount === 1 ? 'person' : 'people'} in {me.organisation.name}
            {people.length > activeCount ? `, ${people.length - activeCount} deactivated` : ''}.
          </p>
          {error && (
            <p className="form-error" role="alert">
              {errorMessage(error)}
            </p>
          )}
          {actionError && (
            <p className="form-error" role="alert" data-testid="people-error">
              {actionError}
            </p>
          )}
          {loading && !data ? (
            <p className="muted">Loading…</p>
          ) : (
            <table className="people-table" data-testid="people-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Role</th>
                  <th>Status</th>
                  <th className="hide-narrow">
                    <span className="visually-hidden">Since</span>
                  </th>
                  <th>
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {people.map((person) => (
                  <PersonRow
                    key={person.id}
                    person={person}
                    isYou={person.id === me.id}
                    busy={busy}
                    onRole={(next) => void run(() => setUserRole({ variables: { id: person.id, role: next } }))}
                    onDeactivate={() => deactivate(person)}
                    onReactivate={() => void run(() => reactivateUser({ variables: { id: person.id } }))}
                  />
                ))}
              </tbody>
            </table>
          )}
        </article>

        {invites.length > 0 && (
          <article className="card">
            <h2>Open invites</h2>
            <p className="muted">Invites nobody has accepted yet. A new link replaces the old one, which stops working.</p>
            <table className="people-table" data-testid="invites-table">
              <thead>
                <tr>
                  <th>Email</th>
                  <th>Role</th>
                  <th>Status</th>
                  <th className="hide-narrow">Sent</th>
                  <th>
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {invites.map((invite) => (
                  <tr key={invite.id} data-testid="invite-row" data-email={invite.email}>
                    <td>
                      <strong>{invite.email}</strong>
                      <span className="muted block delivery">{DELIVERY_LABEL[invite.delivery]}</span>
                    </td>
                    <td>{ROLES.find((option) => option.value === invite.role)?.label}</td>
                    <td>
                      <span className={`badge ${invite.status === 'EXPIRED' ? 'status-expired' : 'status-pending'}`}>
                        {invite.status === 'EXPIRED' ? 'Expired' : `Expires ${shortDate(invite.expiresAt)}`}
                      </span>
                    </td>
                    <td className="muted hide-narrow since">
                      {shortDate(invite.createdAt)}
                      {invite.invitedBy ? ` by ${invite.invitedBy.name}` : ''}
                    </td>
                    <td>
                      <span className="row-actions">
                        <button type="button" className="button small" disabled={inviting.loading} onClick={() => void sendInvite(null, invite.email, invite.role)}>
                          New link
                        </button>
                        <button type="button" className="button ghost danger small" onClick={() => void withdraw(invite)}>
                          Withdraw
                        </button>
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </article>
        )}
      </div>
    </section>
  );
}
