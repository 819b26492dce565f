import { collect, type GraphQLResult, startTestApi, type TestApi } from './support/test-api';

describe('auth (real api, PostgreSQL, Redis)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ LOGIN_ATTEMPTS_PER_MINUTE: '20' });
    await api.createOrganisation('Auth Realty', [{ email: 'ann@auth.test' }, { email: 'rate@auth.test' }]);
  });
  afterAll(() => api.close());

  it('logs in, sets an HttpOnly session cookie, and the token works as Bearer', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(email: "Ann@Auth.test", password: "test-password") { token user { email role } } }' }),
    });
    const body = (await response.json()) as GraphQLResult<{ login: { token: string; user: { email: string; role: string } } }>;
    expect(body.data!.login.user).toEqual({ email: 'ann@auth.test', role: 'agent' });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/sb_session=sbs_/);
    expect(cookie).toMatch(/HttpOnly/i);

    const viaCookie = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookie.split(';')[0] },
      body: JSON.stringify({ query: '{ me { email organisation { name } } }' }),
    }).then((res) => res.json() as Promise<GraphQLResult>);
    expect(viaCookie.data!.me).toEqual({ email: 'ann@auth.test', organisation: { name: 'Auth Realty' } });

    const viaBearer = await api.graphql('{ me { email } }', {}, body.data!.login.token);
    expect(viaBearer.data?.me.email).toBe('ann@auth.test');
  });

  it('keeps each user\'s choice of what phone numbers open', async () => {
    const token = await api.login('ann@auth.test');
    expect((await api.graphql('{ me { callLinks } }', {}, token)).data?.me.callLinks).toBe('ZOOM_PHONE');
    const changed = await api.graphql('mutation { setCallLinks(callLinks: TEL) { callLinks } }', {}, token);
    expect(changed.errors).toBeUndefined();
    expect(changed.data?.setCallLinks.callLinks).toBe('TEL');
    expect((await api.graphql('{ me { callLinks } }', {}, token)).data?.me.callLinks).toBe('TEL');
    expect((await api.graphql('{ me { callLinks } }', {}, await api.login('rate@auth.test'))).data?.me.callLinks).toBe('ZOOM_PHONE');
  });

  it('refuses anonymous calls and wrong passwords with clear codes', async () => {
    const anonymous = await api.graphql('{ me { id } }');
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await api.graphql('mutation { login(email: "ann@auth.test", password: "nope") { token } }');
    expect(wrong.errors?.[0]).toMatchObject({ message: 'Wrong email or password', extensions: { code: 'UNAUTHENTICATED' } });
    const invalidEmail = await api.graphql('mutation { login(email: "not-an-email", password: "x") { token } }');
    expect(invalidEmail.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
  });

  it('rate-limits failed logins per email, but allows 20 a minute', async () => {
    const attempt = () => api.graphql('mutation { login(email: "rate@auth.test", password: "wrong") { token } }');
    for (let i = 0; i < 20; i += 1) {
      expect((await attempt()).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect((await attempt()).errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    const rightPassword = await api.graphql('mutation { login(email: "rate@auth.test", password: "test-password") { token } }');
    expect(rightPassword.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
  });

  it('an API token works over HTTP and graphql-ws, and stops working the moment it is revoked', async () => {
    const session = await api.login('ann@auth.test');
    const created = await api.graphql<{ createApiToken: string }>('mutation { createApiToken(name: "zapier") }', {}, session);
    const apiToken = created.data!.createApiToken;
    expect(apiToken).toMatch(/^sbt_/);
    expect((await api.graphql('{ me { email } }', {}, apiToken)).data?.me.email).toBe('ann@auth.test');

    const tokens = await api.graphql<{ apiTokens: Array<{ id: string; name: string }> }>('{ apiTokens { id name } }', {}, session);
    const tokenId = tokens.data!.apiTokens.find((token) => token.name === 'zapier')!.id;

    const client = api.subscribe(apiToken);
    const closed = new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));
    const subscription = collect(client, 'subscription { activityAdded { id } }', {});
    const ended = subscription.done.then(() => 'completed', () => 'closed by the server');
    await subscription.ready;

    await api.graphql('mutation($id: ID!) { revokeApiToken(id: $id) }', { id: tokenId }, session);
    expect((await api.graphql('{ me { email } }', {}, apiToken)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await closed).toBe(4403);
    expect(await ended).toBe('closed by the server');
  });

  it('refuses a graphql-ws connection without a valid credential', async () => {
    const client = api.subscribe('sbt_not-a-real-token');
    const closed = new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));
    collect(client, 'subscription { activityAdded { id } }', {}).done.catch(() => undefined);
    expect(await closed).toBe(4403);
  });

  it('logout ends the session', async () => {
    const token = await api.login('ann@auth.test');
    expect((await api.graphql('mutation { logout }', {}, token)).data?.logout).toBe(true);
    expect((await api.graphql('{ me { id } }', {}, token)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('never writes a password or token to the log', async () => {
    const token = await api.login('ann@auth.test');
    const logs = api.logLines.join('\n');
    expect(logs).not.toContain('test-password');
    expect(logs).not.toContain(token);
  });
});

describe('graphql-ws with the session cookie (as browsers connect)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    await api.createOrganisation('Cookie Realty', [{ email: 'cookie@cookie.test' }]);
  });
  afterAll(() => api.close());

  it('authenticates a connection_init without payload by the cookie sent with the upgrade', async () => {
    const token = await api.login('cookie@cookie.test');
    const { createClient } = await import('graphql-ws');
    const WebSocket = (await import('ws')).default;
    class CookieWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { cookie: `sb_session=${token}` } });
      }
    }
    const client = createClient({ url: `${api.url.replace('http', 'ws')}/graphql`, webSocketImpl: CookieWebSocket, retryAttempts: 0 });
    const contact = await api.graphql('mutation { createContact(input: { firstName: "Cookie" }) { id } }', {}, token);
    const contactId = contact.data?.createContact.id;
    const subscription = collect<{ activityAdded: { body: string } }>(client, 'subscription($c: ID) { activityAdded(contactId: $c) { body } }', { c: contactId });
    await subscription.ready;
    await api.graphql('mutation($c: ID!) { addNote(contactId: $c, body: "via cookie") { id } }', { c: contactId }, token);
    expect((await subscription.done)[0].activityAdded.body).toBe('via cookie');
    await client.dispose();
  });
});
