import { Client } from 'pg';
import { ACCEPT, CREATE_ORGANISATION, INVITE, type Invite, inviteTokenOf as tokenOf } from './support/onboarding';
import { collect, type GraphQLResult, startTestApi, type TestApi, TEST_PASSWORD } from './support/test-api';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';

const PREVIEW = 'query($token: String!) { invitation(token: $token) { email role organisationName invitedByName status expiresAt } }';
const USERS = '{ users { id email name role active deactivatedAt } }';
const SET_ROLE = 'mutation($id: ID!, $role: Role!) { setUserRole(id: $id, role: $role) { id role } }';
const DEACTIVATE = 'mutation($id: ID!) { deactivateUser(id: $id) { id active deactivatedAt } }';
const REACTIVATE = 'mutation($id: ID!) { reactivateUser(id: $id) { id active } }';

type Payload = { token: string; user: { id: string; email: string; name: string; role: string; organisation?: { name: string; defaultRegion: string } } };

const firstError = (result: GraphQLResult) => result.errors?.[0] as { message: string; extensions?: { code?: string; field?: string; reason?: string } } | undefined;
const codeOf = (result: GraphQLResult) => firstError(result)?.extensions?.code;

async function sql<T = Record<string, unknown>>(api: TestApi, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: api.database.url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

function organisationInput(overrides: Record<string, unknown> = {}) {
  return { organisationName: 'Harbour Homes', name: 'Hana Harbour', email: 'hana@harbour.test', password: 'harbour-password', ...overrides };
}

describe('first run with SIGNUP=closed (real api, PostgreSQL, Redis, SMTP)', () => {
  let api: TestApi;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    api = await startTestApi({ SIGNUP: 'closed', SMTP_URL: smtp.url, PUBLIC_URL: 'https://crm.harbour.test/', INVITE_EXPIRY_HOURS: '24' });
  });
  afterAll(async () => {
    await api.close();
    await smtp.close();
  });

  it('creates the first organisation and its admin, signed in like login, then refuses any other with FORBIDDEN', async () => {
    expect((await api.graphql('{ signupStatus { open firstRun } }')).data?.signupStatus).toEqual({ open: true, firstRun: true });

    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: CREATE_ORGANISATION, variables: { input: organisationInput({ email: ' Hana@Harbour.TEST ', defaultRegion: 'gb' }) } }),
    });
    const created = (await response.json()) as GraphQLResult<{ createOrganisation: Payload }>;
    expect(created.errors).toBeUndefined();
    const { token, user } = created.data!.createOrganisation;
    expect(user).toMatchObject({ email: 'hana@harbour.test', name: 'Hana Harbour', role: 'admin', organisation: { name: 'Harbour Homes', defaultRegion: 'GB' } });
    expect(token).toMatch(/^sbs_/);
    expect(response.headers.get('set-cookie')).toMatch(/sb_session=sbs_.*HttpOnly/i);
    expect((await api.graphql('{ me { email role } }', {}, token)).data?.me).toEqual({ email: 'hana@harbour.test', role: 'admin' });
    expect((await api.login('hana@harbour.test', 'harbour-password')).startsWith('sbs_')).toBe(true);

    expect((await api.graphql('{ signupStatus { open firstRun } }')).data?.signupStatus).toEqual({ open: false, firstRun: false });
    const second = await api.graphql(CREATE_ORGANISATION, { input: organisationInput({ organisationName: 'Other', email: 'other@other.test' }) });
    expect(firstError(second)).toMatchObject({ message: expect.stringMatching(/Sign-up is closed/), extensions: { code: 'FORBIDDEN' } });
    // Closed is closed whatever the input, so a closed install gives no hints about its accounts.
    expect(codeOf(await api.graphql(CREATE_ORGANISATION, { input: organisationInput({ email: 'nope' }) }))).toBe('FORBIDDEN');
    expect((await sql(api, 'SELECT name FROM organisations')).map((row) => row.name)).toEqual(['Harbour Homes']);
  });

  it('emails the invite through SMTP_URL with the PUBLIC_URL/invite/<token> link, valid INVITE_EXPIRY_HOURS, stored only as a hash', async () => {
    const admin = await api.login('hana@harbour.test', 'harbour-password');
    const before = Date.now();
    const result = await api.graphql<{ inviteUser: Invite }>(INVITE, { email: 'Ivan@Harbour.test', role: 'agent' }, admin);
    expect(result.errors).toBeUndefined();
    const invite = result.data!.inviteUser;
    expect(invite).toMatchObject({ email: 'ivan@harbour.test', role: 'agent', delivery: 'SENT', status: 'PENDING' });
    expect(invite.url).toMatch(/^https:\/\/crm\.harbour\.test\/invite\/sbi_[A-Za-z0-9_-]{43}$/);
    expect(Math.round((new Date(invite.expiresAt).getTime() - before) / 3600_000)).toBe(24);

    const mail = smtp.messages.find((message) => message.to && JSON.stringify(message.to).includes('ivan@harbour.test'));
    expect(mail?.subject).toBe('Hana Harbour invited you to Harbour Homes on Switchboard');
    expect(mail?.text).toContain(invite.url);
    expect(mail?.text).toContain('as an agent');

    const stored = await sql<{ token_hash: string }>(api, 'SELECT token_hash FROM invites WHERE id = $1', [invite.id]);
    expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    const everything = JSON.stringify(await sql(api, 'SELECT * FROM invites'));
    expect(everything).not.toContain(tokenOf(invite));
    expect(api.logLines.join('\n')).not.toContain(tokenOf(invite));

    const accepted = await api.graphql<{ acceptInvite: Payload }>(ACCEPT, { token: tokenOf(invite), name: 'Ivan Ito', password: 'ivan-password' });
    expect(accepted.data?.acceptInvite.user).toMatchObject({ email: 'ivan@harbour.test', role: 'agent' });
  });
});

describe('people and invites (real api, PostgreSQL, Redis)', () => {
  let api: TestApi;
  let admin: string;
  let agent: string;

  beforeAll(async () => {
    api = await startTestApi({ PUBLIC_URL: 'https://crm.example.test' });
    await api.createOrganisation('Onboard Realty', [{ email: 'root@onboard.test', role: 'admin' }, { email: 'amy@onboard.test' }]);
    await api.createOrganisation('Elsewhere Realty', [{ email: 'else@elsewhere.test', role: 'admin' }]);
    admin = await api.login('root@onboard.test');
    agent = await api.login('amy@onboard.test');
  });
  afterAll(() => api.close());

  const usersOf = async (token: string) => (await api.graphql<{ users: Array<{ id: string; email: string; role: string; active: boolean }> }>(USERS, {}, token)).data!.users;
  const idOf = async (email: string) => (await sql<{ id: string }>(api, 'SELECT id FROM users WHERE email = $1', [email]))[0].id;
  const invite = async (email: string, role = 'agent') => {
    const result = await api.graphql<{ inviteUser: Invite }>(INVITE, { email, role }, admin);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.inviteUser;
  };

  describe('createOrganisation with SIGNUP=open (the default)', () => {
    it('lets anyone create another organisation, whose admin sees only their own people', async () => {
      expect((await api.graphql('{ signupStatus { open firstRun } }')).data?.signupStatus).toEqual({ open: true, firstRun: false });
      const created = await api.graphql<{ createOrganisation: Payload }>(CREATE_ORGANISATION, { input: organisationInput({ email: 'new@new.test', organisationName: '  New   Homes ' }) });
      expect(created.errors).toBeUndefined();
      expect(created.data!.createOrganisation.user).toMatchObject({ role: 'admin', organisation: { name: 'New Homes', defaultRegion: 'US' } });
      const theirs = await usersOf(created.data!.createOrganisation.token);
      expect(theirs.map((user) => user.email)).toEqual(['new@new.test']);
    });

    it.each([
      [{ organisationName: '   ' }, 'organisationName', /name of your organisation/],
      [{ organisationName: 'x'.repeat(101) }, 'organisationName', /100 characters/],
      [{ name: '' }, 'name', /Enter your name/],
      [{ email: 'not-an-email' }, 'email', /not a valid email address/],
      [{ password: 'short' }, 'password', /at least 8 characters/],
      [{ password: 'x'.repeat(257) }, 'password', /at most 256/],
      [{ defaultRegion: 'XX' }, 'defaultRegion', /country code/],
      [{ email: 'root@onboard.test' }, 'email', /already has a Switchboard account/],
    ])('refuses %p with BAD_USER_INPUT on %s', async (overrides, field, message) => {
      const before = await sql(api, 'SELECT id FROM organisations');
      const result = await api.graphql(CREATE_ORGANISATION, { input: organisationInput({ email: 'bad@bad.test', ...overrides }) });
      expect(firstError(result)).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT', field } });
      expect(await sql(api, 'SELECT id FROM organisations')).toHaveLength(before.length);
    });
  });

  describe('roles', () => {
    it('keeps every people operation to admins: agents get FORBIDDEN, anonymous callers UNAUTHENTICATED', async () => {
      const amy = await idOf('amy@onboard.test');
      const operations: Array<[string, Record<string, unknown>]> = [
        [USERS, {}],
        ['{ invites { id } }', {}],
        [INVITE, { email: 'x@onboard.test', role: 'agent' }],
        [SET_ROLE, { id: amy, role: 'admin' }],
        [DEACTIVATE, { id: amy }],
        [REACTIVATE, { id: amy }],
      ];
      for (const [query, variables] of operations) {
        expect([query, codeOf(await api.graphql(query, variables, agent))]).toEqual([query, 'FORBIDDEN']);
        expect([query, codeOf(await api.graphql(query, variables))]).toEqual([query, 'UNAUTHENTICATED']);
      }
      expect(await sql(api, "SELECT 1 FROM invites WHERE email = 'x@onboard.test'")).toHaveLength(0);
      expect((await sql(api, 'SELECT role FROM users WHERE id = $1', [amy]))[0].role).toBe('agent');
    });

    it('lists the organisation\'s people with role and status, and nobody of another organisation', async () => {
      const users = await usersOf(admin);
      expect(users.map((user) => [user.email, user.role, user.active])).toEqual([
        ['amy@onboard.test', 'agent', true],
        ['root@onboard.test', 'admin', true],
      ]);
    });

    it('changes a role with effect on the very next request, and reads another organisation\'s user as NOT_FOUND', async () => {
      const amy = await idOf('amy@onboard.test');
      expect((await api.graphql(SET_ROLE, { id: amy, role: 'admin' }, admin)).data?.setUserRole).toEqual({ id: amy, role: 'admin' });
      expect(codeOf(await api.graphql(USERS, {}, agent))).toBeUndefined();
      expect((await api.graphql(SET_ROLE, { id: amy, role: 'agent' }, admin)).data?.setUserRole.role).toBe('agent');
      expect(codeOf(await api.graphql(USERS, {}, agent))).toBe('FORBIDDEN');

      const stranger = await idOf('else@elsewhere.test');
      expect(codeOf(await api.graphql(SET_ROLE, { id: stranger, role: 'agent' }, admin))).toBe('NOT_FOUND');
      expect(codeOf(await api.graphql(DEACTIVATE, { id: stranger }, admin))).toBe('NOT_FOUND');
      expect(codeOf(await api.graphql(DEACTIVATE, { id: 'not-a-uuid' }, admin))).toBe('NOT_FOUND');
      expect((await sql(api, 'SELECT role, deactivated_at FROM users WHERE id = $1', [stranger]))[0]).toEqual({ role: 'admin', deactivated_at: null });
    });

    it('never lets the last admin demote or deactivate themselves (BAD_USER_INPUT); with a second admin they may step down', async () => {
      const root = await idOf('root@onboard.test');
      const demote = await api.graphql(SET_ROLE, { id: root, role: 'agent' }, admin);
      expect(firstError(demote)).toMatchObject({ message: expect.stringMatching(/You are the last admin/), extensions: { code: 'BAD_USER_INPUT', field: 'id' } });
      const deactivate = await api.graphql(DEACTIVATE, { id: root }, admin);
      expect(firstError(deactivate)).toMatchObject({ message: expect.stringMatching(/You are the last admin/), extensions: { code: 'BAD_USER_INPUT' } });
      expect((await sql(api, 'SELECT role, deactivated_at FROM users WHERE id = $1', [root]))[0]).toEqual({ role: 'admin', deactivated_at: null });

      const second = await invite('second@onboard.test', 'admin');
      const secondSession = (await api.graphql<{ acceptInvite: Payload }>(ACCEPT, { token: tokenOf(second), name: 'Second Admin', password: 'second-password' })).data!.acceptInvite;
      expect((await api.graphql(SET_ROLE, { id: root, role: 'agent' }, admin)).data?.setUserRole.role).toBe('agent');
      expect(codeOf(await api.graphql(SET_ROLE, { id: root, role: 'admin' }, secondSession.token))).toBeUndefined();

      // Two admins demoting each other at the same moment: one of them stays admin.
      const raced = await Promise.all([
        api.graphql(SET_ROLE, { id: secondSession.user.id, role: 'agent' }, admin),
        api.graphql(SET_ROLE, { id: root, role: 'agent' }, secondSession.token),
      ]);
      expect(raced.map(codeOf).sort()).toEqual(['BAD_USER_INPUT', undefined]);
      expect(await sql(api, "SELECT 1 FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE o.name = 'Onboard Realty' AND role = 'admin'")).toHaveLength(1);

      // Back to one admin, root, for the tests that follow.
      if ((await sql(api, 'SELECT role FROM users WHERE id = $1', [root]))[0].role !== 'admin') await api.graphql(SET_ROLE, { id: root, role: 'admin' }, secondSession.token);
      expect(codeOf(await api.graphql(DEACTIVATE, { id: secondSession.user.id }, admin))).toBeUndefined();
    });
  });

  describe('invites', () => {
    it('creates a 7-day invite kept in the outbox without SMTP_URL, and lists it', async () => {
      const before = Date.now();
      const created = await invite(' New.Agent@Onboard.test ');
      expect(created).toMatchObject({ email: 'new.agent@onboard.test', role: 'agent', delivery: 'OUTBOX', status: 'PENDING' });
      expect(created.url).toMatch(/^https:\/\/crm\.example\.test\/invite\/sbi_/);
      const days = (new Date(created.expiresAt).getTime() - before) / 86_400_000;
      expect(days).toBeGreaterThan(6.99);
      expect(days).toBeLessThan(7.01);
      const listed = await api.graphql<{ invites: Array<{ id: string; url: string | null; invitedBy: { email: string } }> }>('{ invites { id url invitedBy { email } } }', {}, admin);
      expect(listed.data!.invites.find((item) => item.id === created.id)).toEqual({ id: created.id, url: null, invitedBy: { email: 'root@onboard.test' } });
    });

    it.each([
      ['not-an-email', /not a valid email address/],
      ['amy@onboard.test', /already in your organisation/],
      ['else@elsewhere.test', /already has a Switchboard account/],
    ])('refuses to invite %s with BAD_USER_INPUT', async (email, message) => {
      const result = await api.graphql(INVITE, { email, role: 'agent' }, admin);
      expect(firstError(result)).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT', field: 'email' } });
    });

    it('shows what a link offers, accepts it once with a session like login, then says it was used', async () => {
      const created = await invite('bo@onboard.test', 'admin');
      const token = tokenOf(created);
      expect((await api.graphql(PREVIEW, { token })).data?.invitation).toMatchObject({ email: 'bo@onboard.test', role: 'admin', organisationName: 'Onboard Realty', invitedByName: 'root', status: 'PENDING' });

      // Bad input is refused and does not spend the invite.
      const noName = await api.graphql(ACCEPT, { token, name: '  ', password: 'bo-password' });
      expect(firstError(noName)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'name' } });
      const shortPassword = await api.graphql(ACCEPT, { token, name: 'Bo', password: '1234567' });
      expect(firstError(shortPassword)).toMatchObject({ message: 'Choose a password of at least 8 characters', extensions: { code: 'BAD_USER_INPUT', field: 'password' } });

      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: ACCEPT, variables: { token, name: ' Bo  Brown ', password: 'bo-password' } }),
      });
      const accepted = ((await response.json()) as GraphQLResult<{ acceptInvite: Payload }>).data!.acceptInvite;
      expect(accepted.user).toMatchObject({ email: 'bo@onboard.test', name: 'Bo Brown', role: 'admin' });
      expect(response.headers.get('set-cookie')).toMatch(/sb_session=sbs_/);
      expect((await api.graphql('{ me { email organisation { name } } }', {}, accepted.token)).data?.me).toEqual({ email: 'bo@onboard.test', organisation: { name: 'Onboard Realty' } });
      expect(await api.login('bo@onboard.test', 'bo-password')).toMatch(/^sbs_/);

      const again = await api.graphql(ACCEPT, { token, name: 'Bo Again', password: 'bo-password' });
      expect(firstError(again)).toMatchObject({ message: expect.stringMatching(/already been used/), extensions: { code: 'BAD_USER_INPUT', field: 'token', reason: 'USED' } });
      expect((await api.graphql(PREVIEW, { token })).data?.invitation.status).toBe('ACCEPTED');
      expect((await api.graphql<{ invites: Array<{ id: string }> }>('{ invites { id } }', {}, admin)).data!.invites.map((item) => item.id)).not.toContain(created.id);
      expect(await sql(api, "SELECT 1 FROM users WHERE email = 'bo@onboard.test'")).toHaveLength(1);
    });

    it('refuses an expired link, a replaced one, a withdrawn one and a made-up one, each with its reason', async () => {
      const expired = await invite('late@onboard.test');
      await sql(api, "UPDATE invites SET expires_at = now() - interval '1 minute' WHERE id = $1", [expired.id]);
      const late = await api.graphql(ACCEPT, { token: tokenOf(expired), name: 'Late', password: 'late-password' });
      expect(firstError(late)).toMatchObject({ message: expect.stringMatching(/This invite expired on/), extensions: { code: 'BAD_USER_INPUT', reason: 'EXPIRED' } });
      expect((await api.graphql(PREVIEW, { token: tokenOf(expired) })).data?.invitation.status).toBe('EXPIRED');

      const first = await invite('twice@onboard.test');
      const second = await invite('twice@onboard.test', 'admin');
      expect(firstError(await api.graphql(ACCEPT, { token: tokenOf(first), name: 'Twice', password: 'twice-password' }))?.extensions?.reason).toBe('REVOKED');
      const withdrawn = await api.graphql<{ revokeInvite: { status: string } }>('mutation($id: ID!) { revokeInvite(id: $id) { status } }', { id: second.id }, admin);
      expect(withdrawn.data?.revokeInvite.status).toBe('REVOKED');
      expect(firstError(await api.graphql(ACCEPT, { token: tokenOf(second), name: 'Twice', password: 'twice-password' }))?.extensions?.reason).toBe('REVOKED');

      for (const token of ['sbi_made-up', 'anything', '']) {
        expect(firstError(await api.graphql(ACCEPT, { token, name: 'Nobody', password: 'nobody-password' }))).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID' } });
        expect((await api.graphql(PREVIEW, { token })).data?.invitation).toBeNull();
      }
      expect(await sql(api, "SELECT 1 FROM users WHERE email IN ('late@onboard.test', 'twice@onboard.test')")).toHaveLength(0);
    });

    it('lets one of two simultaneous acceptances through', async () => {
      const token = tokenOf(await invite('race@onboard.test'));
      const results = await Promise.all([1, 2].map((n) => api.graphql(ACCEPT, { token, name: `Racer ${n}`, password: 'race-password' })));
      expect(results.map((result) => (result.data?.acceptInvite ? 'accepted' : firstError(result)?.extensions?.reason)).sort()).toEqual(['USED', 'accepted']);
      expect(await sql(api, "SELECT 1 FROM users WHERE email = 'race@onboard.test'")).toHaveLength(1);
    });
  });

  describe('deactivation', () => {
    it('stops the user\'s sessions, cookie, API tokens and live connections at once, and their logins', async () => {
      const created = await invite('dee@onboard.test');
      const { token: session, user } = (await api.graphql<{ acceptInvite: Payload }>(ACCEPT, { token: tokenOf(created), name: 'Dee Parted', password: TEST_PASSWORD })).data!.acceptInvite;
      const secondSession = await api.login('dee@onboard.test');
      const apiToken = (await api.graphql<{ createApiToken: string }>('mutation { createApiToken(name: "zapier") }', {}, session)).data!.createApiToken;
      expect((await api.graphql('{ me { email } }', {}, apiToken)).data?.me.email).toBe('dee@onboard.test');

      const client = api.subscribe(apiToken);
      const closed = new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));
      const subscription = collect(client, 'subscription { activityAdded { id } }', {});
      subscription.done.catch(() => undefined);
      await subscription.ready;

      const deactivated = await api.graphql(DEACTIVATE, { id: user.id }, admin);
      expect(deactivated.data?.deactivateUser).toMatchObject({ id: user.id, active: false, deactivatedAt: expect.any(String) });

      for (const credential of [session, secondSession, apiToken]) {
        expect(codeOf(await api.graphql('{ me { id } }', {}, credential))).toBe('UNAUTHENTICATED');
      }
      const viaCookie = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `sb_session=${session}` },
        body: JSON.stringify({ query: '{ me { id } }' }),
      }).then((res) => res.json() as Promise<GraphQLResult>);
      expect(codeOf(viaCookie)).toBe('UNAUTHENTICATED');
      expect(await closed).toBe(4403);

      const login = await api.graphql('mutation { login(email: "dee@onboard.test", password: "test-password") { token } }');
      expect(firstError(login)).toMatchObject({ message: expect.stringMatching(/deactivated/), extensions: { code: 'UNAUTHENTICATED', reason: 'DEACTIVATED' } });
      const wrongPassword = await api.graphql('mutation { login(email: "dee@onboard.test", password: "wrong-password") { token } }');
      expect(firstError(wrongPassword)?.message).toBe('Wrong email or password');

      const listed = (await usersOf(admin)).find((item) => item.id === user.id);
      expect(listed).toMatchObject({ active: false });
      const activeFlags = (await usersOf(admin)).map((item) => item.active);
      expect(activeFlags).toEqual([...activeFlags].sort((a, b) => Number(b) - Number(a)));
      const reInvite = await api.graphql(INVITE, { email: 'dee@onboard.test', role: 'agent' }, admin);
      expect(firstError(reInvite)?.message).toMatch(/is deactivated: reactivate them/);
    });

    it('reactivation lets them sign in again, while the credentials revoked on deactivation stay revoked', async () => {
      const dee = await idOf('dee@onboard.test');
      const apiTokens = await sql<{ revoked_at: Date | null }>(api, 'SELECT revoked_at FROM api_tokens WHERE user_id = $1', [dee]);
      expect(apiTokens.every((row) => row.revoked_at !== null)).toBe(true);
      expect((await api.graphql(REACTIVATE, { id: dee }, admin)).data?.reactivateUser).toEqual({ id: dee, active: true });
      const session = await api.login('dee@onboard.test');
      expect((await api.graphql('{ me { email } }', {}, session)).data?.me.email).toBe('dee@onboard.test');
      expect(await sql(api, 'SELECT 1 FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL', [dee])).toHaveLength(0);
    });
  });
});
