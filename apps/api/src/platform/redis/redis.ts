import Redis from 'ioredis';
import { redisOutage } from './redis-outage';

export const REDIS = Symbol('REDIS');

/** The command connection (rate limits, locks). Fails requests fast instead of queueing them while Redis is away. */
export function createRedis(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, connectTimeout: 2000 });
  redisOutage.watch(redis, 'commands');
  return redis;
}

/** `reply`, or a rejection once `ms` pass first: ioredis itself waits for a connection that went quiet indefinitely. */
export function answeredWithin<T>(reply: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([reply, timeout]).finally(() => clearTimeout(timer));
}

/**
 * ioredis options from a redis:// URL, for BullMQ (which opens its own connections). They reconnect at least every 2
 * s, as ioredis does by default: BullMQ's own back-off reaches 20 s after a 20 s outage, and queues and workers then
 * stayed away that long after Redis was back.
 */
export function redisConnectionOptions(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    retryStrategy: (attempt: number) => Math.min(attempt * 250, 2000),
  };
}
