import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { SimState } from './state';

/** Zoom retries a failed delivery about 5, 20 and 60 minutes later. */
const RETRY_DELAYS_MS = [5 * 60_000, 20 * 60_000, 60 * 60_000];

export interface Delivery {
  id: string;
  event: string;
  body: Record<string, unknown>;
  status: 'pending' | 'delivered' | 'retrying' | 'failed';
  attempts: number;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
}

export interface WebhookSubscription {
  url: string;
  secret: string;
  validated: boolean | null;
}

/** Signs and sends events the way Zoom does, keeping a log of every delivery and its attempts. */
export class WebhookSender {
  deliveries: Delivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly state: SimState,
    readonly subscription: WebhookSubscription,
  ) {}

  reset(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.deliveries = [];
  }

  private async post(body: string): Promise<number> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', this.subscription.secret).update(`v0:${timestamp}:${body}`).digest('hex');
    const response = await fetch(this.subscription.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Zoom Marketplace/1.0a',
        'x-zm-request-timestamp': timestamp,
        'x-zm-signature': `v0=${signature}`,
        'x-zm-trackingid': `v=2.0&s=${Date.now()}&c=${randomBytes(8).toString('hex')}`,
      },
      body,
      signal: AbortSignal.timeout(this.state.config.deliveryTimeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    return response.status;
  }

  /** Zoom posts a challenge when the subscription URL is set; the endpoint must echo it with an HMAC. */
  async validateEndpoint(): Promise<boolean> {
    const plainToken = randomBytes(16).toString('base64url');
    const expected = createHmac('sha256', this.subscription.secret).update(plainToken).digest('hex');
    const body = JSON.stringify({ payload: { plainToken }, event_ts: Date.now(), event: 'endpoint.url_validation' });
    try {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = createHmac('sha256', this.subscription.secret).update(`v0:${timestamp}:${body}`).digest('hex');
      const response = await fetch(this.subscription.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-zm-request-timestamp': timestamp, 'x-zm-signature': `v0=${signature}` },
        body,
        signal: AbortSignal.timeout(3000),
      });
      const answer = (await response.json()) as { plainToken?: string; encryptedToken?: string };
      this.subscription.validated = response.status === 200 && answer.plainToken === plainToken && answer.encryptedToken === expected;
    } catch {
      this.subscription.validated = false;
    }
    return this.subscription.validated;
  }

  /** Queues an event for delivery and returns its log entry; delivery itself runs in the background. */
  send(event: string, payload: Record<string, unknown>, extra: Record<string, unknown> = {}): Delivery {
    const delivery: Delivery = {
      id: randomUUID(),
      event,
      body: { event, event_ts: Date.now(), payload, ...extra },
      status: 'pending',
      attempts: 0,
      lastAttemptAt: null,
      lastStatusCode: null,
    };
    this.deliveries.push(delivery);
    void this.attempt(delivery);
    return delivery;
  }

  /** Zoom's "resend": the same body, signed again with a new timestamp. */
  redeliver(id: string): Delivery | undefined {
    const delivery = this.deliveries.find((candidate) => candidate.id === id);
    if (delivery) void this.attempt(delivery, true);
    return delivery;
  }

  private async attempt(delivery: Delivery, manual = false): Promise<void> {
    delivery.attempts += 1;
    delivery.lastAttemptAt = new Date().toISOString();
    let status: number | null = null;
    try {
      status = await this.post(JSON.stringify(delivery.body));
    } catch {
      status = null;
    }
    delivery.lastStatusCode = status;
    if (status === 200 || status === 204) {
      delivery.status = 'delivered';
      return;
    }
    const retryIndex = delivery.attempts - 1;
    if (manual || retryIndex >= RETRY_DELAYS_MS.length) {
      delivery.status = 'failed';
      return;
    }
    delivery.status = 'retrying';
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(delivery);
    }, RETRY_DELAYS_MS[retryIndex] * this.state.config.retryTimeScale);
    this.timers.add(timer);
  }
}
