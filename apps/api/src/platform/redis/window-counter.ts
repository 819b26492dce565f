import type Redis from 'ioredis';
import { answeredWithin } from './redis';

/** Longer than a healthy Redis ever takes; past it, the caller goes on with this process's own counts. */
const REDIS_TIMEOUT_MS = 300;
/** Counters kept in memory while Redis is away, at most: a spray of made-up keys cannot grow the process without bound. */
const MAX_LOCAL_COUNTERS = 10_000;

export interface WindowCount {
  count: number;
  /** Seconds left of the window; 0 when nothing was counted in it. */
  ttl: number;
}

interface LocalCounter {
  count: number;
  expiresAt: number;
}

/** The same fixed windows in this process's memory, for while Redis is unreachable. */
class LocalWindowCounts {
  private readonly counters = new Map<string, LocalCounter>();

  read(key: string, now = Date.now()): WindowCount {
    const counter = this.counters.get(key);
    if (!counter || counter.expiresAt <= now) return { count: 0, ttl: 0 };
    return { count: counter.count, ttl: Math.ceil((counter.expiresAt - now) / 1000) };
  }

  increment(key: string, windowSeconds: number, now = Date.now()): WindowCount {
    const counter = this.counters.get(key);
    if (counter && counter.expiresAt > now) {
      counter.count += 1;
      return this.read(key, now);
    }
    if (this.counters.size >= MAX_LOCAL_COUNTERS) this.evict(now);
    this.counters.set(key, { count: 1, expiresAt: now + windowSeconds * 1000 });
    return { count: 1, ttl: windowSeconds };
  }

  /** Drops the expired counters, and the oldest ones when that is not enough (a Map iterates in insertion order). */
  private evict(now: number): void {
    for (const [key, counter] of this.counters) if (counter.expiresAt <= now) this.counters.delete(key);
    for (const key of this.counters.keys()) {
      if (this.counters.size < MAX_LOCAL_COUNTERS) break;
      this.counters.delete(key);
    }
  }
}

/**
 * Fixed-window counters in Redis, so that a limit holds across api processes; while Redis is unreachable (not
 * connected, or not answering within REDIS_TIMEOUT_MS) each process counts in its own memory instead, so that a
 * limited request never depends on Redis and the limit still holds per process. Counts do not move between the two:
 * a window that straddles an outage's start or end may let up to twice the requests through once.
 */
export class WindowCounter {
  private readonly local = new LocalWindowCounts();

  constructor(
    private readonly redis: Redis,
    private readonly windowSeconds: number,
  ) {}

  async read(keys: string[]): Promise<WindowCount[]> {
    return (await this.readRedis(keys)) ?? keys.map((key) => this.local.read(key));
  }

  /** Counts one more in each key's window; answers the counts including this one. */
  async increment(keys: string[]): Promise<WindowCount[]> {
    return (await this.incrementRedis(keys)) ?? keys.map((key) => this.local.increment(key, this.windowSeconds));
  }

  private async readRedis(keys: string[]): Promise<WindowCount[] | null> {
    if (this.redis.status !== 'ready') return null;
    const transaction = this.redis.multi();
    for (const key of keys) transaction.get(key).ttl(key);
    return this.countsOf(await answeredWithin(transaction.exec(), REDIS_TIMEOUT_MS).catch(() => null), keys.length);
  }

  private async incrementRedis(keys: string[]): Promise<WindowCount[] | null> {
    if (this.redis.status !== 'ready') return null;
    const transaction = this.redis.multi();
    for (const key of keys) transaction.incr(key).expire(key, this.windowSeconds, 'NX').ttl(key);
    return this.countsOf(await answeredWithin(transaction.exec(), REDIS_TIMEOUT_MS).catch(() => null), keys.length, 3);
  }

  /** Each key's count and TTL from a MULTI's replies, `stride` replies per key (the count first, the TTL last). */
  private countsOf(replies: Array<[Error | null, unknown]> | null, keyCount: number, stride = 2): WindowCount[] | null {
    if (!replies || replies.some(([error]) => error)) return null;
    return Array.from({ length: keyCount }, (_, index) => ({ count: Number(replies[index * stride][1]) || 0, ttl: Number(replies[index * stride + stride - 1][1]) }));
  }
}
