import { Injectable } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import { MetricsRegistry } from '../platform/observability/metrics-registry';
import type { InboxStatus } from './entities/webhook-inbox.entity';
import { WebhookInboxService } from './webhook-inbox.service';

/** What the intake answered a delivery: its `switchboard_webhook_requests_total` label and its span's outcome. */
export type IntakeOutcome = 'stored' | 'duplicate' | 'url_validation' | 'invalid_signature' | 'invalid_json' | 'invalid_event' | 'rejected' | 'error';

/** From a few milliseconds (the normal path) to the sweeper's re-queue after an outage and BullMQ's last retries. */
const LAG_BUCKETS_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900, 3600];

/**
 * The webhook pipeline's metrics: what the intake answered (http), how long events waited to be processed
 * (worker), and at scrape time the inbox's backlog and failures, from one indexed query.
 */
@Injectable()
export class WebhookMetrics {
  private readonly requests: Counter<'outcome'>;
  private readonly lag: Histogram<'outcome'>;

  constructor(metrics: MetricsRegistry, inbox: WebhookInboxService) {
    this.requests = metrics.counter({ name: 'switchboard_webhook_requests_total', help: 'POST /webhooks/zoom deliveries by what the intake answered', labelNames: ['outcome'] });
    this.lag = metrics.histogram({
      name: 'switchboard_webhook_lag_seconds',
      help: 'Seconds from storing a Zoom event in the inbox to finishing with it (outcome: processed, skipped, ignored, processed_with_errors, or failed after the last retry)',
      labelNames: ['outcome'],
      buckets: LAG_BUCKETS_SECONDS,
    });
    const state = metrics.source('webhook_inbox', () => inbox.backlogAndFailures());
    metrics.scrapedGauge(state, { name: 'switchboard_webhook_oldest_pending_seconds', help: 'Age of the inbox row waiting longest to be processed (since stored or last picked up); 0 with none waiting' }, (gauge, reading) =>
      gauge.set(reading.oldestPendingSeconds),
    );
    metrics.scrapedGauge(
      state,
      { name: 'switchboard_webhook_failed_events', help: 'Inbox rows given up on: failed (after the last retry) or rejected (refused at intake, PostgreSQL could not store them)', labelNames: ['status'] },
      (gauge, reading) => {
        gauge.set({ status: 'failed' }, reading.failed);
        gauge.set({ status: 'rejected' }, reading.rejected);
      },
    );
  }

  answered(outcome: IntakeOutcome): void {
    this.requests.inc({ outcome });
  }

  /** An event finished with, observed by the worker that finished it. */
  finished(outcome: InboxStatus, lagSeconds: number): void {
    this.lag.observe({ outcome }, Math.max(0, lagSeconds));
  }
}
