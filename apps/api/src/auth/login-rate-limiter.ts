import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { rateLimited } from '../platform/graphql/errors';
import { REDIS } from '../platform/redis/redis';

const WINDOW_SECONDS = 60;
/** One address may try several accounts (an office NAT), so it gets a wider budget than one email. */
const ADDRESS_MULTIPLIER = 5;

/** Counts failed logins per email and per client address in Redis, so the limit holds across api processes. */
@Injectable()
export class LoginRateLimiter {
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
    for (const [key, limit] of this.keys(email, address)) {
      const failures = Number(await this.redis.get(key)) || 0;
      if (failures >= limit) {
        const ttl = await this.redis.ttl(key);
        throw rateLimited(ttl > 0 ? ttl : WINDOW_SECONDS);
      }
    }
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const transaction = this.redis.multi();
    for (const [key] of this.keys(email, address)) {
      transaction.incr(key).expire(key, WINDOW_SECONDS, 'NX');
    }
    await transaction.exec();
  }
}
