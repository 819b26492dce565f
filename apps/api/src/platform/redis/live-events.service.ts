import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import Redis from 'ioredis';
import { inSpan, markFailed, SpanAttribute, SpanKind } from '../observability/tracing';
import { redisOutage } from './redis-outage';

/** A publish that takes longer has a connection that is not coming back soon: the event is dropped, not awaited. */
const PUBLISH_TIMEOUT_MS = 1000;
const PUBLISHER = 'live events publisher';

/**
 * Cross-process events over Redis pub/sub: GraphQL subscriptions and internal signals (e.g. a revoked token)
 * reach every api process, so no process keeps state another one needs.
 */
@Injectable()
export class LiveEventsService implements OnModuleDestroy {
  private readonly pubsub: RedisPubSub;

  private constructor(
    private readonly publisher: Redis,
    subscriber: Redis,
    private readonly prefix: string,
  ) {
    this.pubsub = new RedisPubSub({ publisher, subscriber });
  }

  /**
   * Both connections are ready before anything subscribes: a SUBSCRIBE queued while ioredis is still running its
   * INFO ready check puts the connection in subscriber mode too early, and under load it then never recovers.
   */
  static async connect(redisUrl: string, prefix: string): Promise<LiveEventsService> {
    // No offline queue for the publisher: an event nobody can hear now is dropped rather than delivered late.
    const publisher = new Redis(redisUrl, { lazyConnect: true, enableOfflineQueue: false, commandTimeout: PUBLISH_TIMEOUT_MS });
    // The subscriber queues its SUBSCRIBEs while Redis is away and renews them all when it is back.
    const subscriber = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: null });
    redisOutage.watch(publisher, PUBLISHER);
    redisOutage.watch(subscriber, 'live events subscriber');
    await Promise.all([publisher.connect(), subscriber.connect()]);
    return new LiveEventsService(publisher, subscriber, prefix);
  }

  private channel(name: string): string {
    return `${this.prefix}:events:${name}`;
  }

  /**
   * Best effort, and never an error: what an event announces is already committed, and a write must not fail (and
   * be retried, and done twice) because nobody could be told live. While Redis is away events are dropped at once;
   * the outage's log lines say how many. Traced as `activity.publish` (the live feed of the timeline and the call
   * board, mostly), a child of whatever span is active; a dropped event ends it with status error.
   */
  publish<T extends object>(name: string, payload: T): Promise<void> {
    return inSpan('activity.publish', { kind: SpanKind.PRODUCER, attributes: { [SpanAttribute.LIVE_EVENT]: name } }, async (span) => {
      if (this.publisher.status !== 'ready') {
        redisOutage.failed(this.publisher, PUBLISHER, `connection ${this.publisher.status}`);
        markFailed(span, new Error(`Dropped: the Redis connection is ${this.publisher.status}`));
        return redisOutage.dropped(name);
      }
      try {
        await this.pubsub.publish(this.channel(name), payload);
        // Also ends an outage of a connection that never dropped but stopped answering for a while.
        redisOutage.recovered(this.publisher);
      } catch (error) {
        markFailed(span, error as Error);
        redisOutage.heard(this.publisher, PUBLISHER, error as Error, () => undefined);
        redisOutage.dropped(name, error as Error);
      }
    });
  }

  iterator<T>(names: string[]): AsyncIterableIterator<T> {
    return this.pubsub.asyncIterableIterator<T>(names.map((name) => this.channel(name)));
  }

  async listen<T>(name: string, handler: (payload: T) => void): Promise<() => void> {
    const id = await this.pubsub.subscribe(this.channel(name), handler);
    return () => this.pubsub.unsubscribe(id);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pubsub.close();
  }
}
