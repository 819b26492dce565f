import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isTimeZone, weeklyHoursProblems, type WeeklyHoursRange } from '@switchboard/crm-domain';
import { Repository } from 'typeorm';
import { AuthService, type Principal } from '../auth';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { badInput } from '../platform/graphql/errors';
import type { BookingSettings, BookingSettingsInput } from './dto/booking-settings.types';
import { BookingSettingsEntity } from './entities/booking-settings.entity';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/;
const MAX_DURATIONS = 6;
const MAX_RANGES = 50;
const UNIQUE_VIOLATION = '23505';

/** What turning booking on with one click offers: weekdays 9 to 5, half an hour, four hours' notice, a month ahead. */
const DEFAULTS = {
  timezone: 'America/New_York',
  durations: [30],
  bufferMinutes: 10,
  minNoticeMinutes: 240,
  maxDaysAhead: 30,
  dailyCap: null,
  requirePhone: false,
  weeklyHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
} satisfies Omit<BookingSettings, 'enabled' | 'slug' | 'url'>;

function wholeNumber(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(`${field} must be a whole number from ${min} to ${max}`, field);
  return value;
}

/** "Dana Reyes" -> "dana-reyes": letters and digits of the name, accents dropped. */
function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/, '');
  return slug.length >= 3 ? slug : `agent-${slug || 'link'}`;
}

/** An agent's booking link and availability rules: defaults until they first save, validated on every change. */
@Injectable()
export class BookingSettingsService {
  constructor(
    @InjectRepository(BookingSettingsEntity) private readonly settings: Repository<BookingSettingsEntity>,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async forAgent(principal: Principal): Promise<BookingSettings> {
    return this.toModel((await this.settings.findOneBy({ userId: principal.userId })) ?? (await this.defaultsFor(principal)));
  }

  /** An enabled link by its slug, or null: a disabled or unknown link looks the same from outside. */
  enabledBySlug(slug: string): Promise<BookingSettingsEntity | null> {
    return SLUG.test(slug) ? this.settings.findOneBy({ slug, enabled: true }) : Promise.resolve(null);
  }

  /** An agent's saved settings, enabled or not: a booking made earlier stays manageable after the link is turned off. */
  ofAgent(userId: string): Promise<BookingSettingsEntity | null> {
    return this.settings.findOneBy({ userId });
  }

  async update(principal: Principal, input: BookingSettingsInput): Promise<BookingSettings> {
    const current = (await this.settings.findOneBy({ userId: principal.userId })) ?? (await this.defaultsFor(principal));
    const next = this.settings.merge(current, this.validChanges(input));
    if (next.enabled && next.weeklyHours.length === 0) throw badInput('Add working hours before turning booking on', 'weeklyHours');
    try {
      return this.toModel(await this.settings.save(next));
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw badInput('That link is taken; try another', 'slug');
      throw error;
    }
  }

  toModel(row: BookingSettingsEntity): BookingSettings {
    return {
      enabled: row.enabled,
      slug: row.slug,
      url: `${this.config.publicUrl}/book/${row.slug}`,
      timezone: row.timezone,
      durations: row.durations,
      bufferMinutes: row.bufferMinutes,
      minNoticeMinutes: row.minNoticeMinutes,
      maxDaysAhead: row.maxDaysAhead,
      dailyCap: row.dailyCap,
      requirePhone: row.requirePhone,
      weeklyHours: row.weeklyHours,
    };
  }

  /** Unsaved defaults, with a slug from the agent's name that no one has yet. */
  private async defaultsFor(principal: Principal): Promise<BookingSettingsEntity> {
    const user = await this.auth.userOf(principal);
    const base = slugOf(user.name);
    let slug = base;
    for (let suffix = 2; await this.settings.existsBy({ slug }); suffix += 1) slug = `${base}-${suffix}`;
    return this.settings.create({ userId: principal.userId, organisationId: principal.organisationId, enabled: false, slug, ...DEFAULTS });
  }

  private validChanges(input: BookingSettingsInput): Partial<BookingSettingsEntity> {
    const changes: Partial<BookingSettingsEntity> = {};
    if (input.enabled != null) changes.enabled = input.enabled;
    if (input.slug != null) {
      const slug = input.slug.trim().toLowerCase();
      if (!SLUG.test(slug)) throw badInput('The link name takes 3 to 40 lowercase letters, digits or dashes, and starts and ends with a letter or digit', 'slug');
      changes.slug = slug;
    }
    if (input.timezone != null) {
      if (!isTimeZone(input.timezone)) throw badInput(`"${input.timezone.slice(0, 64)}" is not a time zone; use an IANA name such as America/Los_Angeles`, 'timezone');
      changes.timezone = input.timezone;
    }
    if (input.durations != null) changes.durations = this.validDurations(input.durations);
    if (input.bufferMinutes != null) changes.bufferMinutes = wholeNumber(input.bufferMinutes, 'bufferMinutes', 0, 240);
    if (input.minNoticeMinutes != null) changes.minNoticeMinutes = wholeNumber(input.minNoticeMinutes, 'minNoticeMinutes', 0, 30 * 24 * 60);
    if (input.maxDaysAhead != null) changes.maxDaysAhead = wholeNumber(input.maxDaysAhead, 'maxDaysAhead', 1, 365);
    // null is a value here: no cap. Left out (undefined) changes nothing.
    if (input.dailyCap !== undefined) changes.dailyCap = input.dailyCap === null ? null : wholeNumber(input.dailyCap, 'dailyCap', 1, 100);
    if (input.requirePhone != null) changes.requirePhone = input.requirePhone;
    if (input.weeklyHours != null) changes.weeklyHours = this.validWeeklyHours(input.weeklyHours);
    return changes;
  }

  private validDurations(durations: number[]): number[] {
    if (durations.length === 0 || durations.length > MAX_DURATIONS) throw badInput(`Offer from 1 to ${MAX_DURATIONS} meeting lengths`, 'durations');
    for (const minutes of durations) wholeNumber(minutes, 'durations', 5, 480);
    return [...new Set(durations)].sort((a, b) => a - b);
  }

  private validWeeklyHours(ranges: WeeklyHoursRange[]): WeeklyHoursRange[] {
    if (ranges.length > MAX_RANGES) throw badInput(`At most ${MAX_RANGES} ranges of working hours`, 'weeklyHours');
    const plain = ranges.map(({ weekday, start, end }) => ({ weekday, start, end }));
    const problems = weeklyHoursProblems(plain);
    if (problems.length > 0) throw badInput(`Working hours: ${problems.join('; ')}`, 'weeklyHours');
    return plain.sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
  }
}
