import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadSimConfig } from '../src/config';
import { createZoomSimulator, type ZoomSimulator } from '../src/simulator';

const BASIC = `Basic ${Buffer.from('sim-client-id:sim-client-secret').toString('base64')}`;
const REDIRECT = 'http://localhost:3000/oauth/zoom/callback';

async function authorize(sim: ZoomSimulator, email: string, scope?: string) {
  const verifier = randomBytes(32).toString('base64url');
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: 'sim-client-id',
    redirect_uri: REDIRECT,
    state: 's1',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    auto_approve: '1',
    login_hint: email,
    ...(scope ? { scope } : {}),
  });
  const consent = await fetch(`${sim.url}/oauth/authorize?${query}`, { redirect: 'manual' });
  const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
  return { code, verifier };
}

const token = (sim: ZoomSimulator, form: Record<string, string>) =>
  fetch(`${sim.url}/oauth/token`, { method: 'POST', headers: { authorization: BASIC, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });

describe('zoom-sim OAuth', () => {
  let sim: ZoomSimulator;
  beforeAll(async () => {
    sim = await createZoomSimulator({ ...loadSimConfig({}), port: 0 });
  });
  afterAll(() => sim.close());

  it('exchanges a code once, with PKCE, and rotates refresh tokens: the old one gives invalid_grant', async () => {
    const { code, verifier } = await authorize(sim, 'agent@demo.test');
    const wrongVerifier = await token(sim, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: 'x'.repeat(43) });
    expect(wrongVerifier.status).toBe(400);

    const again = await authorize(sim, 'agent@demo.test');
    const exchanged = await token(sim, { grant_type: 'authorization_code', code: again.code, redirect_uri: REDIRECT, code_verifier: again.verifier });
    expect(exchanged.status).toBe(200);
    const tokens = (await exchanged.json()) as Record<string, unknown>;
    expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: 3599 });
    expect(String(tokens.scope).split(' ')).toContain('user:read:user');
    const reused = await token(sim, { grant_type: 'authorization_code', code: again.code, redirect_uri: REDIRECT, code_verifier: again.verifier });
    expect(await reused.json()).toEqual({ reason: 'Invalid authorization code', error: 'invalid_grant' });
    expect(verifier).not.toBe(again.verifier);

    const first = await token(sim, { grant_type: 'refresh_token', refresh_token: String(tokens.refresh_token) });
    expect(first.status).toBe(200);
    const second = await token(sim, { grant_type: 'refresh_token', refresh_token: String(tokens.refresh_token) });
    expect(second.status).toBe(400);
    expect(await second.json()).toEqual({ reason: 'Invalid Token!', error: 'invalid_grant' });
  });

  it('answers REST with Zoom errors: 124 for a bad token, 4711 for a scope the grant lacks', async () => {
    expect(await (await fetch(`${sim.url}/v2/users/me`, { headers: { authorization: 'Bearer nope' } })).json()).toEqual({ code: 124, message: 'Invalid access token.' });

    const limited = await authorize(sim, 'pro-nophone@demo.test', 'user:read:user');
    const access = ((await (await token(sim, { grant_type: 'authorization_code', code: limited.code, redirect_uri: REDIRECT, code_verifier: limited.verifier })).json()) as { access_token: string }).access_token;
    const me = await fetch(`${sim.url}/v2/users/me`, { headers: { authorization: `Bearer ${access}` } });
    expect(((await me.json()) as { email: string }).email).toBe('pro-nophone@demo.test');
    const phone = await fetch(`${sim.url}/v2/phone/users/me`, { headers: { authorization: `Bearer ${access}` } });
    expect(phone.status).toBe(400);
    expect(((await phone.json()) as { code: number }).code).toBe(4711);
  });
});

describe('zoom-sim webhooks', () => {
  let sim: ZoomSimulator;
  let receiver: Server;
  const received: Array<{ headers: Record<string, unknown>; body: string }> = [];
  let answerWith = 200;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const parsed = JSON.parse(body) as { event: string; payload: { plainToken?: string } };
        if (parsed.event === 'endpoint.url_validation') {
          const encryptedToken = createHmac('sha256', 'sim-webhook-secret').update(parsed.payload.plainToken!).digest('hex');
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ plainToken: parsed.payload.plainToken, encryptedToken }));
          return;
        }
        received.push({ headers: request.headers, body });
        response.writeHead(answerWith).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    sim = await createZoomSimulator({ ...loadSimConfig({}), port: 0, retryTimeScale: 0.00001 });
  });
  afterAll(async () => {
    await sim.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('validates the endpoint, signs deliveries like Zoom and retries failures on the schedule', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/zoom`;
    const config = await (await fetch(`${sim.url}/_sim/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ webhookUrl: url }) })).json();
    expect(config).toMatchObject({ webhookValidated: true });

    answerWith = 500;
    await fetch(`${sim.url}/_sim/deauthorize`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userEmail: 'agent@demo.test' }) });
    const deadline = Date.now() + 5000;
    let deliveries: Array<{ status: string; attempts: number }> = [];
    while (Date.now() < deadline && deliveries[0]?.status !== 'failed') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      deliveries = (await (await fetch(`${sim.url}/_sim/deliveries`)).json()) as typeof deliveries;
    }
    expect(deliveries[0]).toMatchObject({ status: 'failed', attempts: 4 });
    expect(received).toHaveLength(4);
    const { headers, body } = received[0];
    const expected = createHmac('sha256', 'sim-webhook-secret').update(`v0:${headers['x-zm-request-timestamp']}:${body}`).digest('hex');
    expect(headers['x-zm-signature']).toBe(`v0=${expected}`);
    expect(JSON.parse(body)).toMatchObject({ event: 'app_deauthorized', payload: { user_id: expect.any(String), account_id: expect.any(String), client_id: 'sim-client-id' } });
  });
});
