import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { BACKFILL_QUEUE } from '../src/phone/call-backfill.service';
import { RECORDING_SYNC_QUEUE } from '../src/recordings/recording-sync.service';
import { SUMMARY_QUEUE } from '../src/recordings/recordings.service';
import { TRANSCRIPTION_QUEUE } from '../src/transcription/voicemail-transcription.service';
import { WEBHOOK_QUEUE } from '../src/webhook/webhook-inbox.service';
import { onTeardown } from '../../../testing/teardown';
import { type ApiProcess, startApiProcess } from './support/api-process';
import { type ConnectedStack, JORDAN_LEE, startConnectedStack } from './support/connected-stack';
import { eventually } from './support/eventually';
import type { GraphQLResult } from './support/test-api';
import { postWebhook, zoomHeaders } from './support/zoom-webhooks';

const METRICS_TOKEN = randomBytes(24).toString('hex');
const JORDAN_E164 = '+14155550187';
const TRACE_WAIT_MS = 30_000;

// ---------------------------------------------------------------------------------------------------------------
// An OTLP/HTTP receiver: what the exporters of both api processes send their spans to.

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: OtlpAttribute[];
  status?: { code?: number; message?: string };
}
interface OtlpExport {
  resourceSpans?: Array<{ resource?: { attributes?: OtlpAttribute[] }; scopeSpans?: Array<{ spans?: OtlpSpan[] }> }>;
}

/** A received span, flattened: its service and its attributes as plain values. */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  statusCode: number;
  attributes: Record<string, string | number | boolean>;
}

const valueOf = (value: OtlpValue) => value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : (value.boolValue ?? value.doubleValue ?? ''));
const attributesOf = (attributes: OtlpAttribute[] = []) => Object.fromEntries(attributes.map((attribute) => [attribute.key, valueOf(attribute.value)]));

interface OtlpReceiver {
  url: string;
  spans: ReceivedSpan[];
  /** Every request body as received, to check that nothing private went out. */
  payloads: string[];
}

async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const receiver: OtlpReceiver = { url: '', spans: [], payloads: [] };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const text = (request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      if (request.method !== 'POST' || request.url !== '/v1/traces' || !String(request.headers['content-type']).startsWith('application/json')) {
        response.writeHead(415).end();
        return;
      }
      receiver.payloads.push(text);
      for (const resourceSpans of (JSON.parse(text) as OtlpExport).resourceSpans ?? []) {
        const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name']);
        for (const span of (resourceSpans.scopeSpans ?? []).flatMap((scope) => scope.spans ?? [])) {
          receiver.spans.push({
            service,
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId ?? '',
            name: span.name,
            statusCode: span.status?.code ?? 0,
            attributes: attributesOf(span.attributes),
          });
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTeardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  receiver.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return receiver;
}

// ---------------------------------------------------------------------------------------------------------------
// Prometheus's text format, read back

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function samples(exposition: string): Sample[] {
  return exposition
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((label) => [label[1], label[2]]));
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

/** The value of the one sample named so whose labels include `labels`; undefined when there is none. */
function metricValue(exposition: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples(exposition).filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

async function scrape(url: string, authorization: string | null = `Bearer ${METRICS_TOKEN}`, accept = 'text/plain'): Promise<{ status: number; contentType: string; text: string }> {
  const response = await fetch(`${url}/metrics`, { headers: { accept, ...(authorization ? { authorization } : {}) } });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

const metricsOf = async (url: string) => {
  const answer = await scrape(url);
  if (answer.status !== 200) throw new Error(`/metrics answered ${answer.status}: ${answer.text}`);
  return answer.text;
};

/** A port nothing listens on: the simulator's own deliveries fail there, and the test sends what it needs itself. */
async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The operator's view of the webhook pipeline, across the two roles as they run in production (separate OS
 * processes): one trace from the http process's intake through the worker's processing to the live event, and
 * each role's /metrics.
 */
describe('traces and metrics of an http and a worker process', () => {
  let receiver: OtlpReceiver;
  let stack: ConnectedStack;
  let http: ApiProcess;
  let worker: ApiProcess;
  let agent: { id: string; accountId: string };

  const webhookSecret = () => stack.api.config.zoom.webhookSecretToken;
  const signedPost = (body: string) => postWebhook(http.url, body, zoomHeaders(body, webhookSecret()));
  const graphqlOnHttp = async <T>(query: string): Promise<GraphQLResult<T>> =>
    (await fetch(`${http.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.session}` }, body: JSON.stringify({ query }) })).json() as Promise<GraphQLResult<T>>;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    // This process's api only sets the scene (organisation, Zoom connection, contact): the roles under test run apart.
    stack = await startConnectedStack({ env: { API_ROLE: 'http' }, contact: JORDAN_LEE });
    // A short batch delay, so that spans reach the receiver within the test's polls.
    const tracing = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '200', METRICS_TOKEN, LOG_LEVEL: 'info' };
    http = await startApiProcess({ ...stack.api.env, ...tracing, API_ROLE: 'http' });
    worker = await startApiProcess({ ...stack.api.env, ...tracing, API_ROLE: 'worker' });
    const users: Array<{ id: string; email: string; accountId: string }> = await stack.sim.control('GET', '/_sim/users');
    agent = users.find((user) => user.email === 'agent@demo.test')!;
    // Connecting queued the 30-day call and recording syncs, which the worker runs now; they call Zoom too, so they
    // finish before the refresh case below takes the simulator's token endpoint down.
    const settled = (sync: { status: string } | null) => sync !== null && ['DONE', 'FAILED'].includes(sync.status);
    await eventually(
      async () => (await stack.api.graphql<{ callSync: { status: string } | null; recordingSync: { status: string } | null }>('{ callSync { status } recordingSync { status } }', {}, stack.session)).data!,
      (syncs) => settled(syncs.callSync) && settled(syncs.recordingSync),
      60_000,
    );
  }, 180_000);
  afterAll(async () => {
    await worker?.stop();
    await http?.stop();
    await stack?.close();
  });

  it('traces a webhook from the http intake through the worker to the live event, in one trace', async () => {
    // The simulator makes the call's events; its own deliveries go nowhere, and the test sends one of them.
    await stack.sim.control('POST', '/_sim/config', { webhookUrl: `http://127.0.0.1:${await closedPort()}/webhooks/zoom` });
    const call: { deliveryIds: string[] } = await stack.sim.control('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', direction: 'inbound', counterpartNumber: JORDAN_E164, outcome: 'missed' });
    const deliveries: Array<{ id: string; body: { event: string } }> = await stack.sim.control('GET', '/_sim/deliveries');
    const history = deliveries.find((delivery) => call.deliveryIds.includes(delivery.id) && delivery.body.event.endsWith('_call_history_completed'))!;
    const body = JSON.stringify(history.body);

    expect((await signedPost(body)).status).toBe(200);
    const calls = await eventually(
      async () =>
        (await stack.api.graphql<{ activities: { edges: Array<{ node: { id: string } }> } }>('query($c: ID) { activities(contactId: $c, types: [CALL]) { edges { node { id } } } }', { c: stack.contactId }, stack.session)).data!
          .activities.edges,
      (edges) => edges.length === 1,
    );
    expect(calls).toHaveLength(1);

    const [inbox] = await stack.api.app.get(DataSource).query(`SELECT id FROM webhook_inbox WHERE event = $1`, [history.body.event]);
    const receive = await eventually(
      async () => receiver.spans.find((span) => span.name === 'webhook.receive' && span.attributes['switchboard.webhook.inbox_id'] === inbox.id),
      (span) => span !== undefined,
      TRACE_WAIT_MS,
    );
    expect(receive).toMatchObject({
      service: 'switchboard-http',
      parentSpanId: '',
      statusCode: 0,
      attributes: { 'switchboard.webhook.event': history.body.event, 'switchboard.webhook.outcome': 'stored', 'http.response.status_code': 200 },
    });
    const processSpan = await eventually(
      async () => receiver.spans.find((span) => span.name === 'webhook.process' && span.traceId === receive!.traceId),
      (span) => span !== undefined,
      TRACE_WAIT_MS,
    );
    expect(processSpan).toMatchObject({
      service: 'switchboard-worker',
      parentSpanId: receive!.spanId,
      attributes: { 'switchboard.webhook.inbox_id': inbox.id, 'switchboard.webhook.event': history.body.event, 'switchboard.webhook.outcome': 'processed', 'switchboard.webhook.attempt': 1 },
    });
    const publish = await eventually(
      async () => receiver.spans.find((span) => span.name === 'activity.publish' && span.traceId === receive!.traceId && span.attributes['switchboard.live_event'] === 'activity.added'),
      (span) => span !== undefined,
      TRACE_WAIT_MS,
    );
    expect(publish).toMatchObject({ service: 'switchboard-worker', parentSpanId: processSpan!.spanId, statusCode: 0 });

    // Nothing of the event's content or of any secret left the processes: not the caller's number, not the signing secret.
    const exported = receiver.payloads.join('\n');
    expect(exported).not.toContain(JORDAN_E164.slice(1));
    expect(exported).not.toContain(webhookSecret());
    expect(exported).not.toContain(METRICS_TOKEN);
  });

  it('counts the processed event in the worker lag histogram, with each queue depth and the scrape sources up', async () => {
    const metrics = await eventually(() => metricsOf(worker.metricsUrl), (text) => (metricValue(text, 'switchboard_webhook_lag_seconds_count', { outcome: 'processed' }) ?? 0) >= 1);
    expect(metricValue(metrics, 'switchboard_webhook_lag_seconds_bucket', { outcome: 'processed', le: '+Inf' })).toBe(metricValue(metrics, 'switchboard_webhook_lag_seconds_count', { outcome: 'processed' }));
    expect(metrics).toMatch(/^# HELP switchboard_webhook_lag_seconds \S/m);

    const queues = new Set(samples(metrics).filter((sample) => sample.name === 'switchboard_queue_jobs').map((sample) => sample.labels.queue));
    expect([...queues].sort()).toEqual([BACKFILL_QUEUE, RECORDING_SYNC_QUEUE, SUMMARY_QUEUE, TRANSCRIPTION_QUEUE, WEBHOOK_QUEUE].sort());
    for (const state of ['waiting', 'active', 'delayed', 'failed']) expect(metricValue(metrics, 'switchboard_queue_jobs', { queue: WEBHOOK_QUEUE, state })).toEqual(expect.any(Number));
    expect(metricValue(metrics, 'switchboard_webhook_oldest_pending_seconds')).toEqual(expect.any(Number));
    expect(metricValue(metrics, 'switchboard_scrape_source_up', { source: 'webhook_inbox' })).toBe(1);
    expect(metricValue(metrics, 'switchboard_scrape_source_up', { source: 'bullmq' })).toBe(1);
    // prom-client's default process metrics, under their usual names.
    expect(metricValue(metrics, 'process_cpu_user_seconds_total')).toEqual(expect.any(Number));

    // The http process counted what its intake answered.
    expect(metricValue(await metricsOf(http.url), 'switchboard_webhook_requests_total', { outcome: 'stored' })).toBeGreaterThanOrEqual(1);
  });

  it('moves the failed-events gauge when an event PostgreSQL cannot store is refused', async () => {
    const rejected = async () => metricValue(await metricsOf(worker.metricsUrl), 'switchboard_webhook_failed_events', { status: 'rejected' });
    expect(await rejected()).toBe(0);
    const poison = JSON.stringify({
      event: 'phone.callee_missed',
      event_ts: Date.now(),
      payload: { account_id: agent.accountId, object: { call_id: `poison-${Date.now()}`, caller: { phone_number: JORDAN_E164, name: 'Jordan\u0000Lee' }, callee: { user_id: agent.id } } },
    });
    expect((await signedPost(poison)).status).toBe(400);
    await eventually(rejected, (count) => count === 1);
    // Every process reports the same inbox state.
    expect(metricValue(await metricsOf(http.url), 'switchboard_webhook_failed_events', { status: 'rejected' })).toBe(1);
    expect(metricValue(await metricsOf(http.url), 'switchboard_webhook_requests_total', { outcome: 'rejected' })).toBe(1);
  });

  it('counts a Zoom token refresh that Zoom refuses, by reason', async () => {
    const failures = async () => metricValue(await metricsOf(http.url), 'switchboard_zoom_token_refresh_failures_total', { reason: 'invalid_grant' }) ?? 0;
    expect(await failures()).toBe(0);
    await stack.api.app.get(DataSource).query(`UPDATE zoom_tokens SET expires_at = now() - interval '1 minute'`);
    await stack.sim.control('POST', '/_sim/faults', { path: '/oauth/token', method: 'POST', status: 400, body: { reason: 'Invalid Token!', error: 'invalid_grant' } });

    const result = await graphqlOnHttp<{ refreshZoomConnection: { status: string } }>('mutation { refreshZoomConnection { status } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('ZOOM_RECONNECT_REQUIRED');
    expect(await failures()).toBe(1);
  });

  it('serves /metrics only with the bearer token when METRICS_TOKEN is set, on both roles, never as the web app', async () => {
    for (const url of [http.url, worker.metricsUrl]) {
      expect((await scrape(url, null)).status).toBe(401);
      expect((await scrape(url, 'Bearer not-the-metrics-token')).status).toBe(401);
      expect((await scrape(url, METRICS_TOKEN)).status).toBe(401);
    }
    // What a browser would ask for: the api's answer, not the SPA's index.html.
    const asBrowser = await scrape(http.url, `Bearer ${METRICS_TOKEN}`, 'text/html');
    expect(asBrowser).toMatchObject({ status: 200, contentType: expect.stringContaining('text/plain; version=0.0.4') });
    expect((await fetch(`${worker.metricsUrl}/healthz`)).status).toBe(404);
  });
});
