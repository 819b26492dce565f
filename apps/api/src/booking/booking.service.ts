import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ContactStage, isTimeZone, localDay, normalizePhone } from '@switchboard/crm-domain';
import { ZoomError, ZoomRateLimitError } from '@switchboard/zoom';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { ActivityService } from '../activity';
import { AuthService, type Principal, type User } from '../auth';
import { ContactsService } from '../crm';
import { type MeetingChange, MeetingsService, meetingTimeText } from '../meetings';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { appError, badInput, ErrorCode, notFound } from '../platform/graphql/errors';
import { cleanText, normaliseEmail } from '../platform/graphql/validation';
import { LOGGER } from '../platform/logging/logger';
import { MailService } from '../platform/mail/mail.service';
import { LICENSED_PLAN_TYPE, ZoomConnectionService } from '../zoom';
import { BookingAvailability, type SlotOptions } from './booking-availability.service';
import { bookingIdOf, manageToken } from './booking-manage-token';
import { BookingRateLimiter } from './booking-rate-limiter';
import { BookingRepository } from './booking.repository';
import { BookingSettingsService } from './booking-settings.service';
import type { Booking, BookingPage, BookMeetingInput } from './dto/booking.types';
import type { BookingSettingsEntity } from './entities/booking-settings.entity';
import { type BookingEntity, BookingStatus } from './entities/booking.entity';

const MAX_WINDOW_DAYS = 62;
const DAY_MS = 24 * 60 * 60_000;
/** Zoom Basic meetings end at 40 minutes. */
const BASIC_PLAN_MEETING_MINUTES = 40;
const NEXT_SLOTS_OFFERED = 5;

interface Prospect {
  name: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  note: string | null;
  timezone: string;
}

interface Agent {
  principal: Principal;
  user: User;
  settings: BookingSettingsEntity;
}

/** Where a booking sits: its instants, and the agent's local day the daily cap counts it on. */
function slotOf(start: Date, durationMinutes: number, agentTimezone: string): Pick<BookingEntity, 'startTime' | 'endTime' | 'agentDay'> {
  return { startTime: start, endTime: new Date(start.getTime() + durationMinutes * 60_000), agentDay: localDay(start, agentTimezone) };
}

const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('') || '?';

/**
 * Public booking links: a prospect picks a free slot of an agent, and the agent's own Zoom account gets the meeting,
 * the prospect's contact (matched or a new lead) the MEETING activity, the prospect the invite with a private manage
 * link. Nobody is signed in here: every request acts as the link's agent, within their organisation.
 */
@Injectable()
export class BookingService implements OnModuleInit {
  constructor(
    private readonly settings: BookingSettingsService,
    private readonly availability: BookingAvailability,
    private readonly bookings: BookingRepository,
    private readonly limiter: BookingRateLimiter,
    private readonly auth: AuthService,
    private readonly zoom: ZoomConnectionService,
    private readonly contacts: ContactsService,
    private readonly activities: ActivityService,
    private readonly meetings: MeetingsService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * A booked meeting the agent moves or cancels (in the CRM or in Zoom) takes its booking along: the slot follows.
   * Any change to the agent's Zoom calendar drops the page's copy of it.
   */
  onModuleInit(): void {
    this.meetings.onChanged((change) => this.followMeeting(change));
    this.meetings.onCalendarChanged((userId) => this.availability.forgetZoomCalendar(userId));
  }

  async page(slug: string): Promise<BookingPage | null> {
    const agent = await this.agentOf(slug);
    if (!agent) return null;
    const { settings, user } = agent;
    const zoom = await this.zoomState(agent);
    return {
      slug: settings.slug,
      agentName: user.name,
      agentInitials: initialsOf(user.name),
      durations: settings.durations,
      timezone: settings.timezone,
      requirePhone: settings.requirePhone,
      available: zoom.available,
      unavailableReason: zoom.available ? null : `${user.name} can't take bookings online right now. Please get in touch with them directly.`,
      meetingLimitMinutes: zoom.basicPlan ? BASIC_PLAN_MEETING_MINUTES : null,
    };
  }

  async slots(slug: string, durationMinutes: number, from: Date, to: Date, address: string): Promise<Date[]> {
    await this.limiter.take('slots', address, slug);
    const agent = await this.agentOf(slug);
    if (!agent) throw notFound('Booking page');
    this.assertDuration(agent.settings, durationMinutes);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to <= from) throw badInput('to must be after from', 'to');
    if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) throw badInput(`Ask for at most ${MAX_WINDOW_DAYS} days at a time`, 'to');
    if (!(await this.zoomState(agent)).available) return [];
    return this.availability.slots(agent.settings, agent.principal, durationMinutes, from, to);
  }

  async book(input: BookMeetingInput, address: string): Promise<Booking> {
    await this.limiter.take('change', address, input.slug);
    // People never see the field; whatever fills it is a bot, told no more than that the form failed.
    if (input.website) throw badInput('This form could not be sent', 'website');
    const agent = await this.agentOf(input.slug);
    if (!agent) throw notFound('Booking page');
    if (!(await this.zoomState(agent)).available) throw appError(ErrorCode.ZOOM_UNAVAILABLE, `${agent.user.name} can't take bookings online right now`);
    const prospect = this.validProspect(input, agent.settings.requirePhone);
    const start = this.validStart(input.startTime);
    this.assertDuration(agent.settings, input.durationMinutes);
    await this.assertFree(agent, start, input.durationMinutes);

    const token = (id: string) => manageToken(id, this.config.sessionSecret);
    const reservation = await this.bookings.reserve(this.claim(agent, start, input.durationMinutes), (manager) =>
      manager.save(
        this.bookings.create({
          organisationId: agent.principal.organisationId,
          agentUserId: agent.user.id,
          status: BookingStatus.CONFIRMED,
          ...slotOf(start, input.durationMinutes, agent.settings.timezone),
          durationMinutes: input.durationMinutes,
          name: prospect.name,
          email: prospect.email,
          phone: prospect.phone,
          note: prospect.note,
          timezone: prospect.timezone,
        }),
      ),
    );
    if (reservation.outcome !== 'reserved') throw await this.slotTaken(agent, start, input.durationMinutes);
    const booking = reservation.booking;
    try {
      const contactId = await this.contactFor(agent.principal, prospect);
      const activity = await this.meetings.schedule(
        agent.principal,
        { contactId, topic: `${prospect.name} and ${agent.user.name}`, startTime: start, durationMinutes: booking.durationMinutes, timezone: prospect.timezone, agenda: prospect.note },
        { email: prospect.email, footer: this.manageFooter(token(booking.id)) },
      );
      booking.activityId = activity.id;
      await this.bookings.update(booking.id, { activityId: activity.id });
    } catch (error) {
      await this.bookings.release(booking.id);
      throw this.bookingFailed(error, agent);
    }
    this.logger.info({ bookingId: booking.id, agentUserId: agent.user.id }, 'Meeting booked through a public link');
    await this.tellAgent(agent.user, `New booking: ${prospect.name}`, booking, `${prospect.name} (${prospect.email}) booked a meeting with you.`);
    return this.toModel(booking, agent);
  }

  async get(token: string): Promise<Booking | null> {
    const found = await this.byToken(token);
    return found ? this.toModel(found.booking, found.agent) : null;
  }

  async reschedule(token: string, startTime: Date, address: string): Promise<Booking> {
    const { booking, agent } = await this.changeable(token, address);
    const start = this.validStart(startTime);
    const [meeting] = booking.activityId ? await this.meetings.detailsFor(booking.organisationId, [booking.activityId]) : [];
    const moving = { bookingId: booking.id, zoomMeetingId: meeting?.zoomMeetingId ?? null };
    await this.assertFree(agent, start, booking.durationMinutes, moving);
    const before = { startTime: booking.startTime, endTime: booking.endTime, agentDay: booking.agentDay };
    const after = slotOf(start, booking.durationMinutes, agent.settings.timezone);
    const reservation = await this.bookings.reserve(this.claim(agent, start, booking.durationMinutes), (manager) => manager.save(Object.assign(booking, after)), booking.id);
    if (reservation.outcome !== 'reserved') throw await this.slotTaken(agent, start, booking.durationMinutes, moving);
    if (meeting && booking.activityId) {
      const [activity] = await this.activities.findMany(booking.organisationId, [booking.activityId]);
      try {
        await this.meetings.reschedule(agent.principal, booking.activityId, {
          contactId: activity?.contactId ?? '',
          topic: meeting.topic,
          startTime: start,
          durationMinutes: booking.durationMinutes,
          timezone: meeting.timezone,
          agenda: meeting.agenda,
        });
      } catch (error) {
        await this.bookings.update(booking.id, before);
        throw this.bookingFailed(error, agent);
      }
    }
    await this.tellAgent(agent.user, `Booking moved: ${booking.name}`, booking, `${booking.name} moved their meeting with you.`);
    return this.toModel(booking, agent);
  }

  async cancel(token: string, address: string): Promise<Booking> {
    const { booking, agent } = await this.changeable(token, address);
    if (booking.activityId) {
      try {
        await this.meetings.cancel(agent.principal, booking.activityId);
      } catch (error) {
        throw this.bookingFailed(error, agent);
      }
    }
    booking.status = BookingStatus.CANCELLED;
    await this.bookings.update(booking.id, { status: BookingStatus.CANCELLED });
    await this.tellAgent(agent.user, `Booking cancelled: ${booking.name}`, booking, `${booking.name} cancelled their meeting with you.`);
    return this.toModel(booking, agent);
  }

  private async followMeeting(change: MeetingChange): Promise<void> {
    const booking = await this.bookings.findByActivity(change.activityId);
    if (!booking || booking.status !== BookingStatus.CONFIRMED) return;
    if (change.cancelled) return this.bookings.update(booking.id, { status: BookingStatus.CANCELLED });
    const timezone = (await this.settings.ofAgent(booking.agentUserId))?.timezone ?? booking.timezone;
    await this.bookings.update(booking.id, { ...slotOf(change.startTime, change.durationMinutes, timezone), durationMinutes: change.durationMinutes });
  }

  private async agentOf(slug: string): Promise<Agent | null> {
    const settings = await this.settings.enabledBySlug(slug);
    const acting = settings ? await this.auth.publicLinkPrincipal(settings.userId) : null;
    return settings && acting ? { settings, ...acting } : null;
  }

  /** Booking needs the agent's working Zoom grant; a Basic plan changes what the page says about long meetings. */
  private async zoomState(agent: Agent): Promise<{ available: boolean; basicPlan: boolean }> {
    try {
      const connection = await this.zoom.connectedFor(agent.principal);
      return { available: true, basicPlan: connection.planType < LICENSED_PLAN_TYPE };
    } catch {
      return { available: false, basicPlan: false };
    }
  }

  private async byToken(token: string): Promise<{ booking: BookingEntity; agent: Agent } | null> {
    const id = bookingIdOf(token, this.config.sessionSecret);
    const booking = id ? await this.bookings.findById(id) : null;
    const acting = booking ? await this.auth.publicLinkPrincipal(booking.agentUserId) : null;
    const settings = booking ? await this.settings.ofAgent(booking.agentUserId) : null;
    return booking && acting && settings ? { booking, agent: { settings, ...acting } } : null;
  }

  private async changeable(token: string, address: string): Promise<{ booking: BookingEntity; agent: Agent }> {
    const found = await this.byToken(token);
    if (!found) throw notFound('Booking');
    await this.limiter.take('change', address, found.agent.settings.slug);
    if (found.booking.status === BookingStatus.CANCELLED) throw badInput('This booking was cancelled; book a new time instead', 'token');
    return found;
  }

  private claim(agent: Agent, start: Date, durationMinutes: number) {
    return {
      agentUserId: agent.user.id,
      ...slotOf(start, durationMinutes, agent.settings.timezone),
      bufferMinutes: agent.settings.bufferMinutes,
      dailyCap: agent.settings.dailyCap,
    };
  }

  /** The slot must be one the page offers now, against the agent's Zoom calendar as it is this instant. */
  private async assertFree(agent: Agent, start: Date, durationMinutes: number, moving?: SlotOptions['moving']): Promise<void> {
    const free = await this.availability.slots(agent.settings, agent.principal, durationMinutes, start, new Date(start.getTime() + 1), { fresh: true, moving });
    if (free.length === 0 || free[0].getTime() !== start.getTime()) throw await this.slotTaken(agent, start, durationMinutes, moving);
  }

  private async slotTaken(agent: Agent, start: Date, durationMinutes: number, moving?: SlotOptions['moving']): Promise<GraphQLError> {
    const next = await this.availability
      .slots(agent.settings, agent.principal, durationMinutes, start, new Date(start.getTime() + 14 * DAY_MS), { moving })
      .catch(() => []);
    return appError(ErrorCode.SLOT_UNAVAILABLE, 'That time is no longer free; please pick another', {
      nextSlots: next.slice(0, NEXT_SLOTS_OFFERED).map((slot) => slot.toISOString()),
    });
  }

  private bookingFailed(error: unknown, agent: Agent): Error {
    if (error instanceof GraphQLError) return error;
    if (error instanceof ZoomRateLimitError && error.rateLimit.type === 'Daily-limit') {
      return appError(ErrorCode.RATE_LIMITED, `${agent.user.name} can't take more bookings today; please pick another day`, { daily: true });
    }
    if (error instanceof ZoomError) {
      this.logger.warn({ agentUserId: agent.user.id, kind: error.kind }, 'Booking failed at Zoom; the slot was freed');
      return appError(ErrorCode.ZOOM_UNAVAILABLE, 'The booking did not go through and nothing was booked; please try again in a moment');
    }
    return error instanceof Error ? error : new Error(String(error));
  }

  private assertDuration(settings: BookingSettingsEntity, durationMinutes: number): void {
    if (!settings.durations.includes(durationMinutes)) throw badInput(`Pick one of the offered lengths: ${settings.durations.join(', ')} minutes`, 'durationMinutes');
  }

  private validStart(startTime: Date): Date {
    const start = startTime instanceof Date ? startTime : new Date(startTime);
    if (Number.isNaN(start.getTime())) throw badInput('startTime must be an ISO-8601 date and time', 'startTime');
    return start;
  }

  private validProspect(input: BookMeetingInput, requirePhone: boolean): Prospect {
    const name = cleanText(input.name, 'name', { required: true, max: 100 }) as string;
    const email = normaliseEmail(cleanText(input.email, 'email', { required: true, max: 254 }) as string, 'email');
    const phoneText = cleanText(input.phone, 'phone', { required: requirePhone, max: 40 });
    if (phoneText && normalizePhone(phoneText).kind === 'invalid') throw badInput(`"${phoneText}" is not a phone number`, 'phone');
    const timezone = cleanText(input.timezone, 'timezone', { required: true, max: 64 }) as string;
    if (!isTimeZone(timezone)) throw badInput(`"${timezone}" is not a time zone`, 'timezone');
    const [firstName, ...rest] = name.split(/\s+/);
    return { name, firstName, lastName: rest.join(' '), email, phone: phoneText, note: cleanText(input.note, 'note', { max: 2000 }), timezone };
  }

  /** The prospect's contact: by email, else by phone, else a new lead owned by the agent. */
  private async contactFor(agent: Principal, prospect: Prospect): Promise<string> {
    const byEmail = (await this.contacts.findIdsByEmails(agent.organisationId, [prospect.email])).get(prospect.email);
    if (byEmail) return byEmail;
    const byPhone = prospect.phone ? (await this.contacts.findIdsByPhone(agent.organisationId, prospect.phone))[0] : undefined;
    if (byPhone) return byPhone;
    const created = await this.contacts.create(agent, {
      firstName: prospect.firstName,
      lastName: prospect.lastName,
      emails: [prospect.email],
      phones: prospect.phone ? [prospect.phone] : [],
      stage: ContactStage.LEAD,
      notes: 'Booked a meeting through the public booking link',
    });
    return created.id;
  }

  private manageFooter(token: string): string {
    return `Need to change it? Reschedule or cancel here: ${this.manageUrl(token)}`;
  }

  private manageUrl(token: string): string {
    return `${this.config.publicUrl}/book/manage/${token}`;
  }

  /** The agent hears of every booking, move and cancellation by email (kept in the outbox without SMTP_URL). */
  private async tellAgent(agent: User, subject: string, booking: BookingEntity, opening: string): Promise<void> {
    const text = [
      opening,
      '',
      `When: ${meetingTimeText(booking.startTime, booking.timezone)}, ${booking.durationMinutes} minutes`,
      `Email: ${booking.email}`,
      ...(booking.phone ? [`Phone: ${booking.phone}`] : []),
      ...(booking.note ? ['', `Their note: ${booking.note}`] : []),
      '',
    ].join('\n');
    await this.mail
      .send({ from: { name: 'Switchboard', address: agent.email }, to: { name: agent.name, address: agent.email }, subject, text })
      .catch((error: Error) => this.logger.warn({ bookingId: booking.id, err: error.message }, 'The agent could not be told of a booking by email'));
  }

  private async toModel(booking: BookingEntity, { user, settings }: Agent): Promise<Booking> {
    const [meeting] = booking.activityId ? await this.meetings.detailsFor(booking.organisationId, [booking.activityId]) : [];
    const calendarFile = booking.activityId ? await this.meetings.calendarFileFor(booking.organisationId, booking.activityId, { name: booking.name, email: booking.email }) : null;
    const token = manageToken(booking.id, this.config.sessionSecret);
    return {
      id: booking.id,
      status: booking.status,
      startTime: booking.startTime,
      durationMinutes: booking.durationMinutes,
      joinUrl: booking.status === BookingStatus.CONFIRMED ? (meeting?.joinUrl ?? null) : null,
      manageToken: token,
      manageUrl: this.manageUrl(token),
      agentName: user.name,
      slug: settings.slug,
      timezone: booking.timezone,
      calendarFile: calendarFile ?? '',
    };
  }
}
