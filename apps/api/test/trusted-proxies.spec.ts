import { startTestApi, TEST_PASSWORD, type TestApi } from './support/test-api';

/** LOGIN_ATTEMPTS_PER_MINUTE 20: one address may fail 5 x 20 times a minute, one email 20 times. */
const ATTEMPTS_PER_ADDRESS = 100;

/** A login as a proxy in front of the api would send it: from 127.0.0.1, with the headers it adds. */
async function loginThroughProxy(api: TestApi, email: string, password: string, headers: Record<string, string>): Promise<{ code?: string; cookie: string }> {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }', variables: { email, password } }),
  });
  const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
  return { code: body.errors?.[0]?.extensions?.code, cookie: response.headers.get('set-cookie') ?? '' };
}

/** Fails as many logins as one address may, each for another unknown email so that no per-email limit is reached first. */
async function failEveryAttemptOfAnAddress(api: TestApi, forwardedFor: (attempt: number) => string): Promise<void> {
  for (let attempt = 0; attempt < ATTEMPTS_PER_ADDRESS; attempt += 1) {
    const { code } = await loginThroughProxy(api, `nobody${attempt}@proxy.test`, 'wrong', { 'x-forwarded-for': forwardedFor(attempt) });
    expect(code).toBe('UNAUTHENTICATED');
  }
}

const isSecure = (cookie: string) => /;\s*Secure/i.test(cookie);

describe('TRUSTED_PROXIES names the proxy in front (here 127.0.0.1, where the test connects from)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ TRUSTED_PROXIES: '127.0.0.1', LOGIN_ATTEMPTS_PER_MINUTE: '20' });
    await api.createOrganisation('Proxy Realty', [{ email: 'pat@proxy.test' }]);
  });
  afterAll(() => api.close());

  it('limits logins per client address the proxy forwarded, not per proxy, whatever the client put before it', async () => {
    // The proxy appends the address it saw to what the client sent: only that last entry is believed.
    await failEveryAttemptOfAnAddress(api, (attempt) => `10.9.${attempt}.1, 198.51.100.7`);
    expect((await loginThroughProxy(api, 'pat@proxy.test', TEST_PASSWORD, { 'x-forwarded-for': '203.0.113.1, 198.51.100.7' })).code).toBe('RATE_LIMITED');
    // Everyone else behind the same proxy still signs in.
    expect((await loginThroughProxy(api, 'pat@proxy.test', TEST_PASSWORD, { 'x-forwarded-for': '198.51.100.8' })).code).toBeUndefined();
  });

  it('marks the session cookie Secure when the proxy says the request came over https', async () => {
    const overHttps = await loginThroughProxy(api, 'pat@proxy.test', TEST_PASSWORD, { 'x-forwarded-for': '198.51.100.9', 'x-forwarded-proto': 'https' });
    expect(overHttps.cookie).toMatch(/sb_session=sbs_/);
    expect(isSecure(overHttps.cookie)).toBe(true);
    const overHttp = await loginThroughProxy(api, 'pat@proxy.test', TEST_PASSWORD, { 'x-forwarded-for': '198.51.100.9', 'x-forwarded-proto': 'http' });
    expect(overHttp.cookie).toMatch(/sb_session=sbs_/);
    expect(isSecure(overHttp.cookie)).toBe(false);
  });
});

describe('a proxy TRUSTED_PROXIES does not name (10.0.0.0/8; the test connects from 127.0.0.1)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ TRUSTED_PROXIES: '10.0.0.0/8', LOGIN_ATTEMPTS_PER_MINUTE: '20' });
    await api.createOrganisation('Direct Realty', [{ email: 'dee@direct.test' }]);
  });
  afterAll(() => api.close());

  it('is not believed about https: the session cookie is not Secure', async () => {
    const claimed = await loginThroughProxy(api, 'dee@direct.test', TEST_PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(claimed.cookie).toMatch(/sb_session=sbs_/);
    expect(isSecure(claimed.cookie)).toBe(false);
  });

  // Last: it uses up the limit of 127.0.0.1 on this api.
  it('is not believed about the client address: a new X-Forwarded-For per attempt does not get past the limit', async () => {
    await failEveryAttemptOfAnAddress(api, (attempt) => `198.51.100.${attempt}`);
    expect((await loginThroughProxy(api, 'dee@direct.test', TEST_PASSWORD, { 'x-forwarded-for': '203.0.113.200' })).code).toBe('RATE_LIMITED');
  });
});
