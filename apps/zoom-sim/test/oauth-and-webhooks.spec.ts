import { createHmac } from 'node:crypto';
import { REDIRECT, SimHarness } from './support/harness';

describe('zoom-sim OAuth', () => {
  const harness = new SimHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('exchanges a code once, with PKCE, and rotates refresh tokens: the old one gives invalid_grant', async () => {
    const { code } = await harness.authorize('agent@demo.test');
    const wrongVerifier = await harness.token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: 'x'.repeat(43) });
    expect(wrongVerifier.status).toBe(400);

    const again = await harness.authorize('agent@demo.test');
    const exchanged = await harness.token({ grant_type: 'authorization_code', code: again.code, redirect_uri: REDIRECT, code_verifier: again.verifier });
    expect(exchanged.status).toBe(200);
    const tokens = (await exchanged.json()) as Record<string, unknown>;
    expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: 3599 });
    expect(String(tokens.scope).split(' ')).toContain('user:read:user');
    const reused = await harness.token({ grant_type: 'authorization_code', code: again.code, redirect_uri: REDIRECT, code_verifier: again.verifier });
    expect(await reused.json()).toEqual({ reason: 'Invalid authorization code', error: 'invalid_grant' });

    const first = await harness.token({ grant_type: 'refresh_token', refresh_token: String(tokens.refresh_token) });
    expect(first.status).toBe(200);
    const second = await harness.token({ grant_type: 'refresh_token', refresh_token: String(tokens.refresh_token) });
    expect(second.status).toBe(400);
    expect(await second.json()).toEqual({ reason: 'Invalid Token!', error: 'invalid_grant' });
  });

  it('answers REST with Zoom errors: 124 for a bad token, 4711 for a scope the grant lacks', async () => {
    expect(await (await harness.api('nope', 'GET', '/v2/users/me')).json()).toEqual({ code: 124, message: 'Invalid access token.' });

    const { access_token } = await harness.connect('pro-nophone@demo.test', 'user:read:user');
    const me = await harness.api(access_token, 'GET', '/v2/users/me');
    expect(((await me.json()) as { email: string }).email).toBe('pro-nophone@demo.test');
    const phone = await harness.api(access_token, 'GET', '/v2/phone/users/me');
    expect(phone.status).toBe(400);
    expect(await phone.json()).toEqual({ code: 4711, message: 'Invalid access token, does not contain scopes:[phone:read:user, phone:read:user:admin].' });
  });
});

describe('zoom-sim webhooks', () => {
  const harness = new SimHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('validates the endpoint, signs deliveries like Zoom and retries failures on the schedule', async () => {
    const config = await harness.control('POST', '/_sim/config', { webhookUrl: (await harness.control('GET', '/_sim/config')).webhookUrl });
    expect(config).toMatchObject({ webhookValidated: true });

    harness.receiver.answerWith = 500;
    await harness.control('POST', '/_sim/deauthorize', { userEmail: 'agent@demo.test' });
    const deadline = Date.now() + 5000;
    let deliveries: Array<{ status: string; attempts: number }> = [];
    while (Date.now() < deadline && deliveries[0]?.status !== 'failed') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      deliveries = await harness.control('GET', '/_sim/deliveries');
    }
    expect(deliveries[0]).toMatchObject({ status: 'failed', attempts: 4 });
    const received = harness.receiver.named('app_deauthorized');
    expect(received).toHaveLength(4);
    const { headers, raw } = received[0];
    const expected = createHmac('sha256', 'sim-webhook-secret').update(`v0:${headers['x-zm-request-timestamp']}:${raw}`).digest('hex');
    expect(headers['x-zm-signature']).toBe(`v0=${expected}`);
    expect(JSON.parse(raw)).toMatchObject({ event: 'app_deauthorized', payload: { user_id: expect.any(String), account_id: expect.any(String), client_id: 'sim-client-id' } });
  });
});

describe('zoom-sim webhook retry timestamps', () => {
  const harness = new SimHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());
  beforeEach(() => harness.reset());
  afterEach(() => harness.control('POST', '/_sim/config', { retryTimestamp: 'original' }));

  /** Sends an event the receiver refuses until Zoom gives up, and returns the four attempts as they arrived. */
  async function refusedAttempts(): Promise<Array<{ timestamp: number; receivedAt: number; signatureMatches: boolean }>> {
    const arrivals: number[] = [];
    const previousAnswer = harness.receiver.answer;
    harness.receiver.answer = async () => {
      arrivals.push(Math.floor(Date.now() / 1000));
      return { status: 500 };
    };
    try {
      await harness.control('POST', '/_sim/webhooks/send', { event: 'user.updated', payload: { account_id: 'acc1', object: { id: 'u1' } } });
      const received = await harness.receiver.waitFor(4, 'user.updated');
      return received.map(({ headers, raw }, index) => {
        const timestamp = Number(headers['x-zm-request-timestamp']);
        const expected = createHmac('sha256', 'sim-webhook-secret').update(`v0:${timestamp}:${raw}`).digest('hex');
        return { timestamp, receivedAt: arrivals[index], signatureMatches: headers['x-zm-signature'] === `v0=${expected}` };
      });
    } finally {
      harness.receiver.answer = previousAnswer;
    }
  }

  it('by default signs each retry with the first attempt\'s timestamp, as old as Zoom\'s real schedule makes it', async () => {
    expect(await harness.control('GET', '/_sim/config')).toMatchObject({ retryTimestamp: 'original' });
    const attempts = await refusedAttempts();
    expect(attempts.every((attempt) => attempt.signatureMatches)).toBe(true);
    // The schedule is scaled down to milliseconds, the timestamps' age is not: 0, 5, 25 and 85 minutes at arrival.
    const ageMinutes = attempts.map((attempt) => Math.round((attempt.receivedAt - attempt.timestamp) / 60));
    expect(ageMinutes).toEqual([0, 5, 25, 85]);
    const [delivery] = await harness.control('GET', '/_sim/deliveries');
    expect(delivery).toMatchObject({ status: 'failed', attempts: 4, signedTimestamps: attempts.map((attempt) => attempt.timestamp) });
  });

  it('signs each retry with its own time when told to (retryTimestamp: attempt)', async () => {
    expect(await harness.control('POST', '/_sim/config', { retryTimestamp: 'attempt' })).toMatchObject({ retryTimestamp: 'attempt' });
    const attempts = await refusedAttempts();
    expect(attempts.every((attempt) => attempt.signatureMatches)).toBe(true);
    expect(attempts.map((attempt) => attempt.receivedAt - attempt.timestamp <= 1)).toEqual([true, true, true, true]);
  });

  it('refuses a retryTimestamp it does not know', async () => {
    await expect(harness.control('POST', '/_sim/config', { retryTimestamp: 'sometimes' })).rejects.toThrow(/retryTimestamp must be one of original, attempt/);
  });
});
