import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadSimConfig, type SimConfig } from '../../src/config';
import { createZoomSimulator, type ZoomSimulator } from '../../src/simulator';
import { onTeardown } from '../../../../testing/teardown';
import { controlClient } from '../../testing/zoom-sim-process';

export const CLIENT_BASIC = `Basic ${Buffer.from('sim-client-id:sim-client-secret').toString('base64')}`;
export const REDIRECT = 'http://localhost:3000/oauth/zoom/callback';

export interface ReceivedEvent {
  headers: Record<string, string | string[] | undefined>;
  raw: string;
  body: { event: string; event_ts: number; payload: any; [extra: string]: unknown };
}

/** An HTTP answer to a delivery: its status and, for a url_validation challenge, the JSON answer. */
export interface WebhookAnswer {
  status: number;
  body?: string;
}

/** A signed-webhook receiver like our api's: answers url_validation, records everything else. */
export class WebhookReceiver {
  readonly events: ReceivedEvent[] = [];
  /** endpoint.url_validation challenges, answered as our api does. */
  readonly validations: ReceivedEvent[] = [];
  answerWith = 200;
  /** Answers every request in place of the above: a test hands them to another receiver (Zoom's own, in zoom-sdk.spec.ts). */
  answer: ((received: ReceivedEvent) => Promise<WebhookAnswer>) | null = null;
  private server!: Server;

  private ourAnswer(received: ReceivedEvent): WebhookAnswer {
    if (received.body.event !== 'endpoint.url_validation') return { status: this.answerWith };
    const { plainToken } = received.body.payload;
    const encryptedToken = createHmac('sha256', 'sim-webhook-secret').update(plainToken).digest('hex');
    return { status: 200, body: JSON.stringify({ plainToken, encryptedToken }) };
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk) => (raw += chunk));
      request.on('end', async () => {
        const received: ReceivedEvent = { headers: request.headers, raw, body: JSON.parse(raw) };
        (received.body.event === 'endpoint.url_validation' ? this.validations : this.events).push(received);
        const { status, body } = this.answer ? await this.answer(received) : this.ourAnswer(received);
        response.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' }).end(body);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks/zoom`;
  }

  named(event: string): ReceivedEvent[] {
    return this.events.filter((received) => received.body.event === event);
  }

  /** Waits until `count` events (all, or of one name) have arrived. */
  async waitFor(count: number, event?: string): Promise<ReceivedEvent[]> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const matching = event ? this.named(event) : this.events;
      if (matching.length >= count) return matching;
      if (Date.now() > deadline) throw new Error(`expected ${count} ${event ?? 'events'}, got ${matching.length}: ${this.events.map((received) => received.body.event).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  clear(): void {
    this.events.length = 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** An in-process simulator wired to a receiver, with helpers that act as a Zoom app would. */
export class SimHarness {
  sim!: ZoomSimulator;
  readonly receiver = new WebhookReceiver();
  /** agent@demo.test's access token, from the latest connectAgent(). */
  agent = '';
  private closeAll: () => Promise<void> = async () => undefined;

  async start(overrides: Partial<SimConfig> = {}): Promise<this> {
    const webhookUrl = await this.receiver.start();
    const closeReceiver = onTeardown(() => this.receiver.close());
    this.sim = await createZoomSimulator({ ...loadSimConfig({}), port: 0, retryTimeScale: 0.00001, webhookUrl, ...overrides });
    const closeSim = onTeardown(() => this.sim.close());
    this.closeAll = async () => {
      await closeSim();
      await closeReceiver();
    };
    return this;
  }

  get url(): string {
    return this.sim.url;
  }

  stop(): Promise<void> {
    return this.closeAll();
  }

  async reset(): Promise<void> {
    await this.control('POST', '/_sim/reset');
    this.receiver.clear();
  }

  control<T = any>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    return controlClient(this.url)<T>(method, path, body);
  }

  /** The consent redirect's code and the PKCE verifier that goes with it. */
  async authorize(email: string, scope?: string): Promise<{ code: string; verifier: string }> {
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
    const consent = await fetch(`${this.url}/oauth/authorize?${query}`, { redirect: 'manual' });
    return { code: new URL(consent.headers.get('location')!).searchParams.get('code')!, verifier };
  }

  token(form: Record<string, string>): Promise<Response> {
    return fetch(`${this.url}/oauth/token`, {
      method: 'POST',
      headers: { authorization: CLIENT_BASIC, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
  }

  /** Authorizes `email` (all the app's scopes unless `scope` narrows them) and returns the token response. */
  async connect(email: string, scope?: string): Promise<{ access_token: string; refresh_token: string }> {
    const { code, verifier } = await this.authorize(email, scope);
    const response = await this.token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier });
    return (await response.json()) as { access_token: string; refresh_token: string };
  }

  /** Connects agent@demo.test with all the app's scopes: `agent` is its token. */
  async connectAgent(): Promise<void> {
    this.agent = (await this.connect('agent@demo.test')).access_token;
  }

  /** A REST call as the token's user. */
  api(accessToken: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(path.startsWith('http') ? path : `${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
}

/**
 * The enclosing describe's harness, started before its tests and stopped after them, with agent@demo.test connected
 * (`harness.agent`): once, or with `resetEach` again before every test on a reset simulator.
 */
export function harnessForSuite({ resetEach }: { resetEach: boolean }): SimHarness {
  const harness = new SimHarness();
  beforeAll(async () => {
    await harness.start();
    if (!resetEach) await harness.connectAgent();
  });
  if (resetEach) {
    beforeEach(async () => {
      await harness.reset();
      await harness.connectAgent();
    });
  }
  afterAll(() => harness.stop());
  return harness;
}

/** A response's JSON body, typed loosely: the tests' assertions are what pin its shape down. */
export async function bodyOf(response: Response | Promise<Response>): Promise<any> {
  return (await response).json();
}
