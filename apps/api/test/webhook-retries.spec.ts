import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { startZoomSim, zoomEnvFor, type ZoomSim } from '../../zoom-sim/testing/zoom-sim-process';
import { onTeardown } from '../../../testing/teardown';
import { eventually } from './support/eventually';
import { startTestApi, type TestApi } from './support/test-api';

const ZOOM_FORWARDED_HEADERS = ['content-type', 'x-zm-request-timestamp', 'x-zm-signature', 'x-zm-trackingid'];

/**
 * Stands between the simulator and the api: refuses the first `refusals` attempts of each event with a 500 (an api
 * that was down), then passes requests on unchanged, so the api meets exactly what Zoom's last retry carries.
 */
class RefusingProxy {
  readonly attempts: Array<{ event: string; timestampSeconds: number; arrivedAtSeconds: number; answeredWith: number }> = [];
  private server!: Server;
  close: () => Promise<void> = async () => undefined;

  constructor(
    private readonly targetUrl: string,
    private readonly refusals: number,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        void this.answer(request.headers, Buffer.concat(chunks)).then(({ status, body }) => response.writeHead(status, { 'content-type': 'application/json' }).end(body));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.close = onTeardown(() => new Promise<void>((resolve) => this.server.close(() => resolve())));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks/zoom`;
  }

  private async answer(headers: IncomingHttpHeaders, raw: Buffer): Promise<{ status: number; body: string }> {
    const event = String((JSON.parse(raw.toString('utf8')) as { event: unknown }).event);
    const earlier = this.attempts.filter((attempt) => attempt.event === event).length;
    const refused = event !== 'endpoint.url_validation' && earlier < this.refusals;
    const answered = refused ? { status: 500, body: '{"error":"down"}' } : await this.forward(headers, raw);
    this.attempts.push({
      event,
      timestampSeconds: Number(headers['x-zm-request-timestamp']),
      arrivedAtSeconds: Math.floor(Date.now() / 1000),
      answeredWith: answered.status,
    });
    return answered;
  }

  private async forward(headers: IncomingHttpHeaders, raw: Buffer): Promise<{ status: number; body: string }> {
    const forwarded = Object.fromEntries(ZOOM_FORWARDED_HEADERS.flatMap((name) => (headers[name] === undefined ? [] : [[name, String(headers[name])]])));
    const response = await fetch(this.targetUrl, { method: 'POST', headers: forwarded, body: raw });
    return { status: response.status, body: await response.text() };
  }
}

describe("Zoom's retries of a delivery the api could not take", () => {
  let sim: ZoomSim;
  let api: TestApi;
  let proxy: RefusingProxy;

  beforeAll(async () => {
    sim = await startZoomSim();
    api = await startTestApi(zoomEnvFor(sim));
    // Zoom's whole schedule (5, 20, 60 minutes) in about half a second.
    await sim.control('POST', '/_sim/config', { retryTimeScale: 0.0001 });
  });
  afterAll(async () => {
    await api.close();
    await sim.stop();
  });
  beforeEach(async () => {
    await api.app.get(DataSource).query('DELETE FROM webhook_inbox');
    await sim.control('POST', '/_sim/reset');
    // A new proxy per test: its count of refused attempts starts again.
    proxy = new RefusingProxy(`${api.url}/webhooks/zoom`, 3);
    await sim.control('POST', '/_sim/config', { webhookUrl: await proxy.start() });
  });
  afterEach(() => proxy.close());

  it.each([
    ['the first attempt\'s timestamp (the simulator\'s default)', 'original', 85],
    ['a timestamp of its own', 'attempt', 0],
  ])('stores once the last retry, 85 minutes after the first attempt, signed with %s', async (_label, retryTimestamp, lastAgeMinutes) => {
    await sim.control('POST', '/_sim/config', { retryTimestamp });
    const { deliveryId } = await sim.control<{ deliveryId: string }>('POST', '/_sim/webhooks/send', {
      event: 'phone.something_new',
      payload: { account_id: 'acc-retries', object: { id: 'retried-1' } },
    });

    const deliveries = await eventually(
      () => sim.control<Array<{ id: string; status: string; attempts: number }>>('GET', '/_sim/deliveries'),
      (found) => found.some((delivery) => delivery.id === deliveryId && delivery.status !== 'retrying' && delivery.status !== 'pending'),
    );
    expect(deliveries.find((delivery) => delivery.id === deliveryId)).toMatchObject({ status: 'delivered', attempts: 4 });

    const attempts = proxy.attempts.filter((attempt) => attempt.event === 'phone.something_new');
    expect(attempts.map((attempt) => attempt.answeredWith)).toEqual([500, 500, 500, 200]);
    const last = attempts[attempts.length - 1];
    expect(Math.round((last.arrivedAtSeconds - last.timestampSeconds) / 60)).toBe(lastAgeMinutes);

    const rows = await api.app.get(DataSource).query(`SELECT event FROM webhook_inbox WHERE account_id = 'acc-retries'`);
    expect(rows).toEqual([{ event: 'phone.something_new' }]);
  });
});
