import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { rateLimited } from '../platform/graphql/errors';
import { REDIS } from '../platform/redis/redis';
import { WindowCounter } from '../platform/redis/window-counter';

const WINDOW_SECONDS = 60;
/** One address may try several accounts (an office NAT), so it gets a wider budget than one email. */
const ADDRESS_MULTIPLIER = 5;

/**
 * Counts failed logins per email and per client address in Redis, so the limit holds across api processes.
 *
 * Signing in never depends on Redis: while it is unreachable the failures are counted in this process's memory
 * instead (WindowCounter). We chose that over failing open, which would hand a password guesser an unlimited budget
 * for as long as an outage lasts, and over counting in PostgreSQL, which would cost a write per failed attempt and a
 * table to clean, all for the minutes of an outage, where a per-process limit is nearly as good.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly failures: WindowCounter;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.failures = new WindowCounter(redis, WINDOW_SECONDS);
  }

  private keys(email: string, address: string): Array<[string, number]> {
    const perEmail = this.config.loginAttemptsPerMinute;
    return [
      [`${this.config.redisPrefix}:login-failures:email:${email}`, perEmail],
      [`${this.config.redisPrefix}:login-failures:address:${address}`, perEmail * ADDRESS_MULTIPLIER],
    ];
  }

  async assertAllowed(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address);
    const counts = await this.failures.read(keys.map(([key]) => key));
    keys.forEach(([, limit], index) => {
      const { count, ttl } = counts[index];
      if (count >= limit) throw rateLimited(ttl > 0 ? ttl : WINDOW_SECONDS);
    });
  }

  async recordFailure(email: string, address: string): Promise<void> {
    await this.failures.increment(this.keys(email, address).map(([key]) => key));
  }
}
