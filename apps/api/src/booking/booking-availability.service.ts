import { Inject, Injectable } from '@nestjs/common';
import { type AvailabilityRules, type BusyInterval, freeSlots, localDay } from '@switchboard/crm-domain';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import type { Principal } from '../auth';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { appError, ErrorCode } from '../platform/graphql/errors';
import { LOGGER } from '../platform/logging/logger';
import { REDIS } from '../platform/redis/redis';
import { ZoomConnectionService } from '../zoom';
import { BookingRepository } from './booking.repository';
import type { BookingSettingsEntity } from './entities/booking-settings.entity';

/**
 * How long the booking page trusts its copy of an agent's Zoom meetings. The copy is dropped the moment a meeting of
 * theirs is created, moved or deleted (here, or in Zoom: meeting.* webhooks), so this only bounds how stale it can
 * get when a webhook is lost; a booking itself always reads Zoom afresh.
 */
const ZOOM_CALENDAR_CACHE_SECONDS = 120;
const DAY_MS = 24 * 60 * 60_000;

interface ZoomBusy extends BusyInterval {
  zoomMeetingId: string;
}

export interface SlotOptions {
  /** Read the agent's Zoom meetings from Zoom now, not from the copy (before a booking is written). */
  fresh?: boolean;
  /** The booking being moved: its own slot and Zoom meeting do not count as busy. */
  moving?: { bookingId: string; zoomMeetingId: string | null };
}

export function availabilityRules(settings: BookingSettingsEntity): AvailabilityRules {
  return {
    timezone: settings.timezone,
    weeklyHours: settings.weeklyHours,
    bufferMinutes: settings.bufferMinutes,
    minNoticeMinutes: settings.minNoticeMinutes,
    maxDaysAhead: settings.maxDaysAhead,
    dailyCap: settings.dailyCap,
  };
}

/** Free slots of an agent: their weekly hours minus their Zoom meetings (any, not only ours) and their bookings. */
@Injectable()
export class BookingAvailability {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly zoom: ZoomConnectionService,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async slots(settings: BookingSettingsEntity, agent: Principal, durationMinutes: number, from: Date, to: Date, options: SlotOptions = {}): Promise<Date[]> {
    const rules = availabilityRules(settings);
    const [zoomBusy, booked, bookingsPerDay] = await Promise.all([
      this.zoomMeetings(agent, options.fresh ?? false),
      // A day either side: a meeting before `from` can still reach into the window through the buffer.
      this.bookings.confirmedBetween(settings.userId, new Date(from.getTime() - DAY_MS), new Date(to.getTime() + DAY_MS), options.moving?.bookingId),
      this.bookings.countsPerDay(settings.userId, localDay(from, rules.timezone), localDay(new Date(to.getTime() + DAY_MS), rules.timezone), options.moving?.bookingId),
    ]);
    const busy = [...zoomBusy.filter((meeting) => meeting.zoomMeetingId !== options.moving?.zoomMeetingId), ...booked];
    return freeSlots(rules, { durationMinutes, from, to, now: new Date(), busy, bookingsPerDay });
  }

  /**
   * The agent's calendar changed: the next slot query reads it from Zoom. Copies are kept per generation, and this
   * starts the next one, so a read of Zoom that was under way during the change cannot store its stale answer as
   * current.
   */
  async forgetZoomCalendar(userId: string): Promise<void> {
    await this.redis.incr(this.generationKey(userId)).catch((error: Error) => this.logger.warn({ userId, err: error.message }, 'Booking: a stale Zoom calendar copy could not be dropped'));
  }

  private generationKey(userId: string): string {
    return `${this.config.redisPrefix}:booking:zoom-calendar-generation:${userId}`;
  }

  /**
   * The agent's upcoming Zoom meetings (those booked in Zoom directly too, `meeting:read:list_meetings`). Without
   * them no slot is offered: a page that cannot see the calendar must not offer a time that may be taken.
   */
  private async zoomMeetings(agent: Principal, fresh: boolean): Promise<ZoomBusy[]> {
    // Redis away: straight to Zoom, rather than wait on a cache that cannot answer.
    const cacheUp = this.redis.status === 'ready';
    const generation = cacheUp ? await this.redis.get(this.generationKey(agent.userId)).catch(() => null) : null;
    const copyKey = `${this.config.redisPrefix}:booking:zoom-calendar:${agent.userId}:${generation ?? 0}`;
    if (cacheUp && !fresh) {
      const copy = await this.redis.get(copyKey).catch(() => null);
      if (copy) return (JSON.parse(copy) as Array<[number, number, string]>).map(([start, end, zoomMeetingId]) => ({ start: new Date(start), end: new Date(end), zoomMeetingId }));
    }
    const busy: ZoomBusy[] = [];
    try {
      const api = await this.zoom.apiFor(agent);
      for await (const page of api.listMeetings({ type: 'upcoming' })) {
        for (const meeting of page.items) {
          const start = meeting.start_time ? Date.parse(meeting.start_time) : Number.NaN;
          if (Number.isNaN(start)) continue;
          busy.push({ start: new Date(start), end: new Date(start + (meeting.duration ?? 0) * 60_000), zoomMeetingId: String(meeting.id) });
        }
      }
    } catch (error) {
      this.logger.warn({ userId: agent.userId, err: (error as Error).message }, "Booking slots: the agent's Zoom meetings could not be read");
      throw appError(ErrorCode.ZOOM_UNAVAILABLE, 'This calendar cannot be read right now; try again in a few minutes');
    }
    const copy = JSON.stringify(busy.map(({ start, end, zoomMeetingId }) => [start.getTime(), end.getTime(), zoomMeetingId]));
    if (cacheUp) await this.redis.set(copyKey, copy, 'EX', ZOOM_CALENDAR_CACHE_SECONDS).catch(() => undefined);
    return busy;
  }
}
