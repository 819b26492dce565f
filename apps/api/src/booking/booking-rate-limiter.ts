import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { rateLimited } from '../platform/graphql/errors';
import { REDIS } from '../platform/redis/redis';
import { WindowCounter } from '../platform/redis/window-counter';

const WINDOW_SECONDS = 60;

/**
 * Requests a minute, per client address and per link. A person clicking through days asks for slots a few times a
 * minute; each ask reads the agent's Zoom calendar, so a link's budget also bounds what the page costs the agent's
 * Zoom quota. Bookings and changes are a handful per person, so a burst from one address (or aimed at one agent from
 * many) stops long before it fills a calendar or spends Zoom's 100 meeting creates a day.
 */
const LIMITS = {
  slots: { perAddress: 60, perLink: 120 },
  change: { perAddress: 10, perLink: 60 },
} as const;

export type BookingAction = keyof typeof LIMITS;

@Injectable()
export class BookingRateLimiter {
  private readonly requests: WindowCounter;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.requests = new WindowCounter(redis, WINDOW_SECONDS);
  }

  /**
   * Counts this request; RATE_LIMITED once the address or the link is over its budget for the minute. An address
   * over its own budget is not counted against the link, so one noisy client cannot close an agent's page to others.
   */
  async take(action: BookingAction, address: string, link: string): Promise<void> {
    const limits = LIMITS[action];
    const prefix = `${this.config.redisPrefix}:booking-${action}`;
    const [byAddress] = await this.requests.increment([`${prefix}:address:${address}`]);
    if (byAddress.count > limits.perAddress) throw rateLimited(byAddress.ttl);
    const [byLink] = await this.requests.increment([`${prefix}:link:${link}`]);
    if (byLink.count > limits.perLink) throw rateLimited(byLink.ttl);
  }
}
