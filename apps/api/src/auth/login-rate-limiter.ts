import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { rateLimited } from '../platform/graphql/errors';
import { answeredWithin, REDIS } from '../platform/redis/redis';

const WINDOW_SECONDS = 60;
/** One address may try several accounts (an office NAT), so it gets a wider budget than one email. */
const ADDRESS_MULTIPLIER = 5;
/** Longer than a healthy Redis ever takes; past it, the login goes on with this process's own counts. */
const REDIS_TIMEOUT_MS = 300;
/** Counters kept in memory while Redis is away, at most: a spray of made-up emails cannot grow the process without bound. */
const MAX_LOCAL_COUNTERS = 10_000;

interface Counter {
  failures: number;
  expiresAt: number;
}

/**
 * Failed logins per key in this process's memory, the same fixed window as in Redis. Used only while Redis is
 * unreachable, so that the limit still holds (per process: N http processes let N times the attempts through).
 */
class LocalFailureCounts {
  private readonly counters = new Map<string, Counter>();

  /** Failures in the current window and the seconds left of it. */
  read(key: string, now = Date.now()): { failures: number; ttl: number } {
    const counter = this.counters.get(key);
    if (!counter || counter.expiresAt <= now) return { failures: 0, ttl: 0 };
    return { failures: counter.failures, ttl: Math.ceil((counter.expiresAt - now) / 1000) };
  }

  increment(key: string, now = Date.now()): void {
    const counter = this.counters.get(key);
    if (counter && counter.expiresAt > now) {
      counter.failures += 1;
      return;
    }
    if (this.counters.size >= MAX_LOCAL_COUNTERS) this.evict(now);
    this.counters.set(key, { failures: 1, expiresAt: now + WINDOW_SECONDS * 1000 });
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
 * Counts failed logins per email and per client address in Redis, so the limit holds across api processes.
 *
 * Signing in never depends on Redis: while it is unreachable (not connected, or not answering within
 * REDIS_TIMEOUT_MS) the failures are counted in this process's memory instead. We chose that over failing open,
 * which would hand a password guesser an unlimited budget for as long as an outage lasts, and over counting in
 * PostgreSQL, which would cost a write per failed attempt and a table to clean, all for the minutes of an outage,
 * where a per-process limit is nearly as good. Counts do not move between the two: a window that straddles the
 * outage's start or end may allow up to twice the attempts once.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly local = new LocalFailureCounts();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(email: string, address: string): Array<[string, number]> {
    const perEmail = this.config.loginAttemptsPerMinute;
    return [
      [`${this.config.redisPrefix}:login-failures:email:${email}`, perEmail],
      [`${this.config.redisPrefix}:login-failures:address:${address}`, perEmail * ADDRESS_MULTIPLIER],
    ];
  }

  async assertAllowed(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address);
    const counts = (await this.readRedis(keys.map(([key]) => key))) ?? keys.map(([key]) => this.local.read(key));
    keys.forEach(([, limit], index) => {
      const { failures, ttl } = counts[index];
      if (failures >= limit) throw rateLimited(ttl > 0 ? ttl : WINDOW_SECONDS);
    });
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address).map(([key]) => key);
    if (await this.incrementRedis(keys)) return;
    for (const key of keys) this.local.increment(key);
  }

  /** Each key's failures and window left from Redis, or null when Redis cannot say now. */
  private async readRedis(keys: string[]): Promise<Array<{ failures: number; ttl: number }> | null> {
    if (this.redis.status !== 'ready') return null;
    const transaction = this.redis.multi();
    for (const key of keys) transaction.get(key).ttl(key);
    const replies = await answeredWithin(transaction.exec(), REDIS_TIMEOUT_MS).catch(() => null);
    if (!replies || replies.some(([error]) => error)) return null;
    return keys.map((_, index) => ({ failures: Number(replies[index * 2][1]) || 0, ttl: Number(replies[index * 2 + 1][1]) }));
  }

  private async incrementRedis(keys: string[]): Promise<boolean> {
    if (this.redis.status !== 'ready') return false;
    const transaction = this.redis.multi();
    for (const key of keys) transaction.incr(key).expire(key, WINDOW_SECONDS, 'NX');
    const replies = await answeredWithin(transaction.exec(), REDIS_TIMEOUT_MS).catch(() => null);
    return replies !== null && !replies.some(([error]) => error);
  }
}
