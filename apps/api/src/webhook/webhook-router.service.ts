import { Injectable } from '@nestjs/common';
import { describeRejectedItem, type ZoomRejectedItem } from '@switchboard/zoom';
import type { ZoomEnvelope } from './zoom-envelope';

/**
 * An event processed without some of its records, which Zoom sent malformed and the owner left out: the inbox marks
 * it `processed_with_errors` with each record's problem, and the health page lists it.
 */
export class PartlyProcessed {
  constructor(readonly problems: string[]) {}
}

/** What an owner module did with an event: `skipped` when it concerns no connected Switchboard user. */
export type WebhookOutcome = 'processed' | 'skipped' | 'ignored' | PartlyProcessed;

/** `processed`, or PartlyProcessed naming the records a list event was processed without. */
export const processedWithout = (rejected: ZoomRejectedItem[]): WebhookOutcome => (rejected.length > 0 ? new PartlyProcessed(rejected.map(describeRejectedItem)) : 'processed');
export type WebhookHandler = (envelope: ZoomEnvelope) => Promise<WebhookOutcome>;

/** Hands each Zoom event type to the module that owns it; owners register their handlers at start-up. */
@Injectable()
export class WebhookRouter {
  private readonly handlers = new Map<string, WebhookHandler>();

  register(events: string[], handler: WebhookHandler): void {
    for (const event of events) {
      if (this.handlers.has(event)) throw new Error(`Two handlers for Zoom event ${event}`);
      this.handlers.set(event, handler);
    }
  }

  handledEvents(): string[] {
    return [...this.handlers.keys()].sort();
  }

  async route(envelope: ZoomEnvelope): Promise<WebhookOutcome> {
    const handler = this.handlers.get(envelope.event);
    return handler ? handler(envelope) : 'ignored';
  }
}
