import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import Redis from 'ioredis';

/**
 * Cross-process events over Redis pub/sub: GraphQL subscriptions and internal signals (e.g. a revoked token)
 * reach every api process, so no process keeps state another one needs.
 */
@Injectable()
export class LiveEventsService implements OnModuleDestroy {
  private readonly pubsub: RedisPubSub;

  private constructor(
    publisher: Redis,
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
    const publisher = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
    const subscriber = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: null });
    await Promise.all([publisher.connect(), subscriber.connect()]);
    return new LiveEventsService(publisher, subscriber, prefix);
  }

  private channel(name: string): string {
    return `${this.prefix}:events:${name}`;
  }

  async publish<T extends object>(name: string, payload: T): Promise<void> {
    await this.pubsub.publish(this.channel(name), payload);
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
