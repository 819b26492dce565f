import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { missingEventScope } from './event-scopes';
import type { SimState } from './state';

/** Zoom retries a failed delivery about 5, 20 and 60 minutes later, each counted from the attempt before. */
const RETRY_DELAYS_MS = [5 * 60_000, 20 * 60_000, 60 * 60_000];

/** When, on Zoom's real schedule, the attempt after `attemptsMade` attempts comes, counted from the first one. */
const unscaledOffsetMs = (attemptsMade: number) => RETRY_DELAYS_MS.slice(0, attemptsMade).reduce((total, delay) => total + delay, 0);

const nowSeconds = () => Math.floor(Date.now() / 1000);

export interface Delivery {
  id: string;
  event: string;
  body: Record<string, unknown>;
  /** `withheld`: never sent, because the user's grant lacks the event's scope (`missingScope`). */
  status: 'pending' | 'delivered' | 'retrying' | 'failed' | 'withheld';
  attempts: number;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  /** The `x-zm-request-timestamp` (epoch seconds) each attempt was signed with, in order. */
  signedTimestamps: number[];
  missingScope?: string;
}

/** An event as Zoom would send it: name, payload, and any fields Zoom puts beside the payload. */
export interface OutgoingEvent {
  event: string;
  payload: Record<string, unknown>;
  extra?: Record<string, unknown>;
}

/** How a scenario's events reach the app: Zoom neither orders nor de-duplicates its deliveries. */
export interface DeliveryPlan {
  order: 'in_order' | 'reverse' | 'shuffled';
  /** Extra copies of every event, each delivered separately. */
  duplicates: number;
  /** Pause between first attempts, so live views see each step. */
  paceMs: number;
}

export const IN_ORDER: DeliveryPlan = { order: 'in_order', duplicates: 0, paceMs: 0 };

export interface WebhookSubscription {
  url: string;
  secret: string;
  validated: boolean | null;
}

const bodyOf = (outgoing: OutgoingEvent, eventTs: number) => ({ event: outgoing.event, event_ts: eventTs, payload: outgoing.payload, ...outgoing.extra });

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

  /** POSTs a body to the subscription URL signed as Zoom signs: HMAC-SHA256 of "v0:<timestamp>:<body>". */
  private signedPost(body: string, timeoutMs: number, timestampSeconds = nowSeconds()): Promise<Response> {
    const timestamp = String(timestampSeconds);
    const signature = createHmac('sha256', this.subscription.secret).update(`v0:${timestamp}:${body}`).digest('hex');
    return fetch(this.subscription.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Zoom Marketplace/1.0a',
        'x-zm-request-timestamp': timestamp,
        'x-zm-signature': `v0=${signature}`,
        'x-zm-trackingid': `v=2.0&s=${Date.now()}&c=${randomBytes(8).toString('hex')}`,
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  }

  private async post(body: string, timestampSeconds: number): Promise<number> {
    const response = await this.signedPost(body, this.state.config.deliveryTimeoutMs, timestampSeconds);
    await response.arrayBuffer().catch(() => undefined);
    return response.status;
  }

  /** Zoom posts a challenge when the subscription URL is set; the endpoint must echo it with an HMAC. */
  async validateEndpoint(): Promise<boolean> {
    const plainToken = randomBytes(16).toString('base64url');
    const expected = createHmac('sha256', this.subscription.secret).update(plainToken).digest('hex');
    const body = JSON.stringify({ payload: { plainToken }, event_ts: Date.now(), event: 'endpoint.url_validation' });
    try {
      // Zoom wants the answer to its challenge within 3 seconds.
      const response = await this.signedPost(body, 3000);
      const answer = (await response.json()) as { plainToken?: string; encryptedToken?: string };
      this.subscription.validated = response.status === 200 && answer.plainToken === plainToken && answer.encryptedToken === expected;
    } catch {
      this.subscription.validated = false;
    }
    return this.subscription.validated;
  }

  /** Logs an event as Zoom's Marketplace would, withholding it when the user's grant lacks its scope. */
  private logged(body: Delivery['body']): Delivery {
    const event = String(body.event);
    const missingScope = missingEventScope(this.state, event, body.payload);
    const delivery: Delivery = {
      id: randomUUID(),
      event,
      body,
      status: missingScope ? 'withheld' : 'pending',
      attempts: 0,
      lastAttemptAt: null,
      lastStatusCode: null,
      signedTimestamps: [],
      ...(missingScope ? { missingScope } : {}),
    };
    this.deliveries.push(delivery);
    return delivery;
  }

  /** Queues an event for delivery and returns its log entry; delivery itself runs in the background. */
  send(outgoing: OutgoingEvent): Delivery {
    const delivery = this.logged(bodyOf(outgoing, Date.now()));
    if (delivery.status !== 'withheld') void this.attempt(delivery);
    return delivery;
  }

  /**
   * Delivers a scenario's events as the plan says; in order means each first attempt finishes before the next
   * starts. Returns every delivery (copies included) at once; the attempts run in the background.
   */
  sendAll(events: OutgoingEvent[], plan: DeliveryPlan = IN_ORDER): Delivery[] {
    const start = Date.now();
    const originals = events.map((outgoing, index) => this.logged(bodyOf(outgoing, start + index)));
    const copies = originals.flatMap((original) => Array.from({ length: plan.duplicates }, () => this.logged(original.body)));
    const queue = [...originals, ...copies];
    if (plan.order === 'reverse') queue.reverse();
    if (plan.order === 'shuffled') queue.sort(() => Math.random() - 0.5);
    const sent = queue.filter((delivery) => delivery.status !== 'withheld');
    void (async () => {
      for (const [index, delivery] of sent.entries()) {
        if (index > 0 && plan.paceMs > 0) await new Promise<void>((resolve) => this.schedule(plan.paceMs, resolve));
        if (!this.deliveries.includes(delivery)) return;
        await this.attempt(delivery);
      }
    })();
    return queue;
  }

  /** sendAll, `delayMs` from now: for events Zoom sends a while after the scenario (reset and shutdown cancel them). */
  sendAllLater(delayMs: number, events: OutgoingEvent[], plan: DeliveryPlan = IN_ORDER): void {
    this.schedule(delayMs, () => void this.sendAll(events, plan));
  }

  /** Runs `task` after `delayMs` unless reset() comes first, so no timer outlives a reset or the simulator. */
  private schedule(delayMs: number, task: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      task();
    }, delayMs);
    this.timers.add(timer);
  }

  /** Zoom's "resend": the same body, signed again with a new timestamp (a withheld event was never sent, so it stays unsent). */
  redeliver(id: string): Delivery | undefined {
    const delivery = this.deliveries.find((candidate) => candidate.id === id);
    if (delivery && delivery.status !== 'withheld') void this.attempt(delivery, true);
    return delivery;
  }

  /**
   * The timestamp an attempt is signed with (config `retryTimestamp`). An `original` retry carries the first
   * attempt's timestamp, moved back by the time a scaled schedule skipped, so that a receiver finds it exactly as old
   * as Zoom's real schedule would make it (at scale 1 it is the first attempt's timestamp unchanged). A manual
   * redelivery is a new request, signed when it is made.
   */
  private timestampFor(delivery: Delivery, manual: boolean): number {
    const [first] = delivery.signedTimestamps;
    if (first === undefined || manual || this.state.config.retryTimestamp === 'attempt') return nowSeconds();
    const skippedMs = unscaledOffsetMs(delivery.signedTimestamps.length) * (1 - this.state.config.retryTimeScale);
    return first - Math.round(skippedMs / 1000);
  }

  private async attempt(delivery: Delivery, manual = false): Promise<void> {
    const timestamp = this.timestampFor(delivery, manual);
    delivery.attempts += 1;
    delivery.lastAttemptAt = new Date().toISOString();
    delivery.signedTimestamps.push(timestamp);
    let status: number | null = null;
    try {
      status = await this.post(JSON.stringify(delivery.body), timestamp);
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
    this.schedule(RETRY_DELAYS_MS[retryIndex] * this.state.config.retryTimeScale, () => void this.attempt(delivery));
  }
}
