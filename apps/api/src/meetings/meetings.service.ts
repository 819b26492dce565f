import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ActivityType, contactDisplayName, meetingActivityKey } from '@switchboard/crm-domain';
import { describeRejectedItem, type ZoomApiClient, type ZoomMeetingInput, ZoomNotFoundError } from '@switchboard/zoom';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { In, IsNull, Repository } from 'typeorm';
import { type Activity, ActivityService } from '../activity';
import { AuthService, type Principal } from '../auth';
import { ContactsService, DealsService } from '../crm';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { badInput, forbidden, notFound } from '../platform/graphql/errors';
import { cleanText } from '../platform/graphql/validation';
import { LOGGER } from '../platform/logging/logger';
import { REDIS } from '../platform/redis/redis';
import { ZoomConnectionService } from '../zoom';
import type { ScheduleMeetingInput } from './dto/schedule-meeting.input';
import { InviteDelivery, ScheduledMeeting } from './entities/scheduled-meeting.entity';
import { calendarFile, MeetingInvites } from './meeting-invites.service';

export const MeetingStatus = { SCHEDULED: 'Scheduled', STARTED: 'Started', ENDED: 'Ended', CANCELLED: 'Cancelled' } as const;
const MAX_DURATION_MINUTES = 24 * 60;
/** A start a minute ago is still "now" (the form was filled in); earlier is in the past. */
const PAST_TOLERANCE_MS = 60_000;
/** The agent's Zoom meetings list is read at most this often when upcoming meetings are shown. */
const ZOOM_LIST_EVERY_SECONDS = 60;

/** The MEETING activity's key; the recordings module finds a meeting's contact by it (libs/crm-domain). */
export const meetingZoomRef = meetingActivityKey;

/** A meeting's time as it is now, or that it is cancelled, after a change made here or in Zoom. */
export interface MeetingChange {
  activityId: string;
  cancelled: boolean;
  startTime: Date;
  durationMinutes: number;
}

export interface MeetingInviteOptions {
  email?: string;
  footer?: string;
}

interface MeetingPlan {
  topic: string;
  agenda: string | null;
  start: Date;
  durationMinutes: number;
  timezone: string;
}

function isTimezone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Zoom wants `yyyy-MM-ddTHH:mm:ssZ` for a UTC start; the timezone travels beside it for display. */
const zoomStartTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Zoom meetings scheduled, changed and cancelled from the CRM, each a MEETING activity on the contact. */
@Injectable()
export class MeetingsService {
  private readonly changeListeners: Array<(change: MeetingChange) => Promise<void>> = [];
  private readonly calendarListeners: Array<(userId: string) => Promise<void>> = [];

  constructor(
    @InjectRepository(ScheduledMeeting) private readonly meetings: Repository<ScheduledMeeting>,
    private readonly activities: ActivityService,
    private readonly contacts: ContactsService,
    private readonly deals: DealsService,
    private readonly auth: AuthService,
    private readonly zoom: ZoomConnectionService,
    private readonly invites: MeetingInvites,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Announced once, when the schedule and the invite are saved too, so subscribers get the meeting complete.
   * `invite.email` sends the invites to that address instead of the contact's first (a booking's prospect gave it);
   * `invite.footer` ends each of them.
   */
  schedule(principal: Principal, input: ScheduleMeetingInput, invite: MeetingInviteOptions = {}): Promise<Activity> {
    return this.activities.announceOnce(async () => {
      const plan = this.plan(input);
      const contact = await this.contacts.getOrThrow(principal, input.contactId);
      const deal = input.dealId ? await this.deals.getOrThrow(principal, input.dealId) : null;
      const api = await this.zoom.apiFor(principal);
      const created = await api.createMeeting({ ...this.zoomFields(plan), type: 2, settings: { join_before_host: false, waiting_room: true } });
      const zoomMeetingId = String(created.id);
      // The same row Zoom's meeting.* events will find, whichever arrives first.
      const { activity } = await this.activities.upsertByZoomRef(
        {
          organisationId: principal.organisationId,
          ownerId: principal.userId,
          type: ActivityType.MEETING,
          contactId: contact.id,
          dealId: deal?.id ?? null,
          status: MeetingStatus.SCHEDULED,
          zoom: { meetingId: zoomMeetingId, meetingUuid: created.uuid },
          zoomRef: meetingZoomRef(zoomMeetingId),
          ...this.activityFields(plan, created.join_url),
        },
        ['contactId', 'dealId', 'status', 'zoom', 'occurredAt', 'durationSeconds', 'body', 'attachments'],
      );
      const meeting = await this.meetings.save(
        this.meetings.create({
          activityId: activity.id,
          organisationId: principal.organisationId,
          hostUserId: principal.userId,
          zoomMeetingId,
          joinUrl: created.join_url,
          inviteeEmail: invite.email ?? contact.emails[0] ?? null,
          inviteFooter: invite.footer ?? null,
          inviteSequence: 0,
          ...this.meetingFields(plan),
        }),
      );
      await this.invite(meeting, 'REQUEST');
      await this.calendarChanged(principal.userId);
      this.logger.info({ activityId: activity.id, zoomMeetingId }, 'Zoom meeting scheduled');
      return activity;
    });
  }

  reschedule(principal: Principal, activityId: string, input: ScheduleMeetingInput): Promise<Activity> {
    return this.activities.announceOnce(async () => {
      const meeting = await this.hostedMeeting(principal, activityId);
      const plan = this.plan(input);
      // The meeting keeps its contact and deal; naming another organisation's is refused, as scheduling refuses it.
      if (input.contactId) await this.contacts.getOrThrow(principal, input.contactId);
      if (input.dealId) await this.deals.getOrThrow(principal, input.dealId);
      const api = await this.zoom.apiFor(principal);
      await api.updateMeeting(meeting.zoomMeetingId, this.zoomFields(plan));
      Object.assign(meeting, this.meetingFields(plan), { inviteSequence: meeting.inviteSequence + 1 });
      await this.meetings.save(meeting);
      const activity = await this.activities.updateByZoomRef(principal.organisationId, meetingZoomRef(meeting.zoomMeetingId), this.activityFields(plan, meeting.joinUrl));
      await this.invite(meeting, 'REQUEST');
      await this.announceChange(meeting, { cancelled: false });
      await this.calendarChanged(principal.userId);
      return activity ?? this.activityOrThrow(principal, activityId);
    });
  }

  cancel(principal: Principal, activityId: string): Promise<Activity> {
    return this.activities.announceOnce(async () => {
      const meeting = await this.hostedMeeting(principal, activityId);
      const api = await this.zoom.apiFor(principal);
      // Already deleted in Zoom (by hand, or a retry of this call): cancelling here is still what the agent wants.
      await api.deleteMeeting(meeting.zoomMeetingId).catch((error: unknown) => {
        if (!(error instanceof ZoomNotFoundError)) throw error;
      });
      meeting.inviteSequence += 1;
      await this.meetings.save(meeting);
      await this.activities.updateByZoomRef(principal.organisationId, meetingZoomRef(meeting.zoomMeetingId), { status: MeetingStatus.CANCELLED });
      await this.invite(meeting, 'CANCEL');
      await this.announceChange(meeting, { cancelled: true });
      await this.calendarChanged(principal.userId);
      return this.activityOrThrow(principal, activityId);
    });
  }

  /**
   * Lets a module that keeps its own copy of a meeting's time (a booking's slot) follow it, however it changed:
   * rescheduled or cancelled here, moved or deleted in Zoom. A listener's failure fails the change's request or
   * webhook (retried), so no copy is left behind.
   */
  onChanged(listener: (change: MeetingChange) => Promise<void>): void {
    this.changeListeners.push(listener);
  }

  /**
   * Zoom says a meeting scheduled here moved or was deleted there (meeting.updated, meeting.deleted). The event's
   * handler tells the calendar listeners itself, as it does for every meeting of a connected host.
   */
  async recordZoomChange(meeting: ScheduledMeeting, change: { cancelled?: boolean; startTime?: Date | null; durationMinutes?: number | null }): Promise<void> {
    const moved = { ...(change.startTime ? { startTime: change.startTime } : {}), ...(change.durationMinutes ? { durationMinutes: change.durationMinutes } : {}) };
    if (Object.keys(moved).length > 0) await this.meetings.update({ activityId: meeting.activityId }, moved);
    await this.announceChange(Object.assign(meeting, moved), { cancelled: change.cancelled ?? false });
  }

  /**
   * Lets a module that keeps a copy of an agent's Zoom calendar (the booking page's busy times) drop it the moment
   * a meeting of theirs is created, moved or deleted, here or in Zoom.
   */
  onCalendarChanged(listener: (userId: string) => Promise<void>): void {
    this.calendarListeners.push(listener);
  }

  async calendarChanged(userId: string): Promise<void> {
    for (const listener of this.calendarListeners) await listener(userId);
  }

  /** Tells the change listeners the meeting's time as it now is, or that it is cancelled. */
  private async announceChange(meeting: ScheduledMeeting, { cancelled }: { cancelled: boolean }): Promise<void> {
    const change = { activityId: meeting.activityId, cancelled, startTime: meeting.startTime, durationMinutes: meeting.durationMinutes };
    for (const listener of this.changeListeners) await listener(change);
  }

  /** The host's start link, fetched fresh from Zoom each time: it embeds a host token and is never stored or logged. */
  async startUrl(principal: Principal, activityId: string): Promise<string> {
    const meeting = await this.hostedMeeting(principal, activityId);
    const api = await this.zoom.apiFor(principal);
    const { start_url: startUrl } = await api.getMeeting(meeting.zoomMeetingId);
    if (!startUrl) throw notFound('Start link');
    return startUrl;
  }

  async upcoming(principal: Principal, first?: number | null, contactId?: string | null): Promise<Activity[]> {
    if (contactId) await this.contacts.assertExists(principal, contactId);
    else await this.importZoomUpcoming(principal);
    return this.activities.upcomingMeetings(principal, first, contactId);
  }

  /** The .ics of a meeting for `attendee`, as its latest invite carried it (a cancellation once cancelled). */
  async calendarFileFor(organisationId: string, activityId: string, attendee: { name: string; email: string }): Promise<string | null> {
    const meeting = await this.meetings.findOneBy({ organisationId, activityId });
    const activity = (await this.activities.findMany(organisationId, [activityId]))[0];
    const host = meeting ? (await this.auth.usersByIds(organisationId, [meeting.hostUserId]))[0] : undefined;
    if (!meeting || !activity || !host) return null;
    return calendarFile(meeting, activity.status === MeetingStatus.CANCELLED ? 'CANCEL' : 'REQUEST', host, attendee);
  }

  /** The schedules behind these MEETING activities of the organisation, in one query (Activity.meeting of a page). */
  detailsFor(organisationId: string, activityIds: string[]): Promise<ScheduledMeeting[]> {
    return activityIds.length ? this.meetings.findBy({ organisationId, activityId: In(activityIds) }) : Promise.resolve([]);
  }

  findByZoomId(organisationId: string, zoomMeetingId: string): Promise<ScheduledMeeting | null> {
    return this.meetings.findOneBy({ organisationId, zoomMeetingId });
  }

  /** meeting.started: ignored once the end is known, since meeting.ended carries the real start too. */
  async recordStart(meeting: ScheduledMeeting, startedAt: Date): Promise<void> {
    await this.meetings.update({ activityId: meeting.activityId, endedAt: IsNull() }, { startedAt });
  }

  async recordEnd(meeting: ScheduledMeeting, startedAt: Date | null, endedAt: Date): Promise<void> {
    await this.meetings.update({ activityId: meeting.activityId }, { endedAt, ...(startedAt ? { startedAt } : {}) });
  }

  /**
   * Meetings the agent booked in Zoom itself join the dashboard's upcoming list as MEETING activities without a
   * contact (insert only: a meeting scheduled here keeps its contact). Best effort: Zoom being away hides nothing else.
   */
  private async importZoomUpcoming(principal: Principal): Promise<void> {
    const throttle = `${this.config.redisPrefix}:meetings:zoom-list:${principal.userId}`;
    if ((await this.redis.set(throttle, '1', 'EX', ZOOM_LIST_EVERY_SECONDS, 'NX')) !== 'OK') return;
    let api: ZoomApiClient;
    try {
      api = await this.zoom.apiFor(principal);
    } catch {
      return;
    }
    try {
      for await (const page of api.listMeetings({ type: 'upcoming' })) {
        if (page.rejected.length > 0) {
          this.logger.warn({ userId: principal.userId, rejected: page.rejected.map(describeRejectedItem) }, 'Zoom meetings left out of the upcoming list: malformed');
        }
        for (const item of page.items) {
          const start = item.start_time ? new Date(item.start_time) : null;
          if (!start || Number.isNaN(start.getTime())) continue;
          await this.activities.upsertByZoomRef(
            {
              organisationId: principal.organisationId,
              ownerId: principal.userId,
              type: ActivityType.MEETING,
              occurredAt: start,
              durationSeconds: (item.duration ?? 0) * 60,
              status: MeetingStatus.SCHEDULED,
              body: item.topic,
              attachments: item.join_url ? [{ kind: 'join', url: item.join_url, title: 'Join Zoom meeting' }] : [],
              zoom: { meetingId: String(item.id), meetingUuid: item.uuid },
              zoomRef: meetingZoomRef(item.id),
            },
            [],
          );
        }
      }
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'Could not read the Zoom meetings list');
    }
  }

  private plan(input: ScheduleMeetingInput): MeetingPlan {
    const topic = cleanText(input.topic, 'topic', { required: true, max: 200 }) as string;
    const agenda = cleanText(input.agenda, 'agenda', { max: 2000 });
    const timezone = cleanText(input.timezone, 'timezone', { required: true, max: 64 }) as string;
    if (!isTimezone(timezone)) throw badInput(`"${timezone}" is not a timezone; use an IANA name such as America/Los_Angeles`, 'timezone');
    const start = input.startTime instanceof Date ? input.startTime : new Date(input.startTime);
    if (Number.isNaN(start.getTime())) throw badInput('startTime must be an ISO-8601 date and time with Z or an offset', 'startTime');
    if (start.getTime() < Date.now() - PAST_TOLERANCE_MS) throw badInput('The start time is in the past; pick a time from now on', 'startTime');
    const durationMinutes = input.durationMinutes;
    if (!Number.isInteger(durationMinutes) || durationMinutes < 1 || durationMinutes > MAX_DURATION_MINUTES) {
      throw badInput(`durationMinutes must be a whole number from 1 to ${MAX_DURATION_MINUTES}`, 'durationMinutes');
    }
    return { topic, agenda, start, durationMinutes, timezone };
  }

  private zoomFields(plan: MeetingPlan): ZoomMeetingInput {
    return { topic: plan.topic, start_time: zoomStartTime(plan.start), duration: plan.durationMinutes, timezone: plan.timezone, agenda: plan.agenda ?? '' };
  }

  private meetingFields(plan: MeetingPlan): Partial<ScheduledMeeting> {
    return { topic: plan.topic, agenda: plan.agenda, startTime: plan.start, durationMinutes: plan.durationMinutes, timezone: plan.timezone };
  }

  private activityFields(plan: MeetingPlan, joinUrl: string): Pick<Activity, 'occurredAt' | 'durationSeconds' | 'body' | 'attachments'> {
    return {
      occurredAt: plan.start,
      durationSeconds: plan.durationMinutes * 60,
      body: plan.topic,
      attachments: [{ kind: 'join', url: joinUrl, title: 'Join Zoom meeting' }],
    };
  }

  /** Only the host's Zoom account can change or start its meeting; a cancelled one cannot be changed. */
  private async hostedMeeting(principal: Principal, activityId: string): Promise<ScheduledMeeting> {
    const activity = await this.activityOrThrow(principal, activityId);
    const meeting = activity.type === ActivityType.MEETING ? await this.meetings.findOneBy({ activityId: activity.id }) : null;
    if (!meeting) throw badInput('That activity is not a Zoom meeting scheduled from Switchboard', 'activityId');
    if (meeting.hostUserId !== principal.userId) throw forbidden('Only the host can change or start this meeting');
    if (activity.status === MeetingStatus.CANCELLED) throw badInput('This meeting was cancelled', 'activityId');
    return meeting;
  }

  private async activityOrThrow(principal: Principal, activityId: string): Promise<Activity> {
    const activity = await this.activities.get(principal, activityId);
    if (!activity) throw notFound('Activity');
    return activity;
  }

  /** Sends (or keeps) the invite, update or cancellation, and says how it went on the meeting. */
  private async invite(meeting: ScheduledMeeting, method: 'REQUEST' | 'CANCEL'): Promise<void> {
    const activity = (await this.activities.findMany(meeting.organisationId, [meeting.activityId]))[0];
    const contact = activity?.contactId ? (await this.contacts.findMany(meeting.organisationId, [activity.contactId]))[0] : null;
    const host = (await this.auth.usersByIds(meeting.organisationId, [meeting.hostUserId]))[0];
    if (!activity || !contact || !host) return;
    // An invite goes on to the address the first one went to: that calendar holds the event.
    const email = meeting.inviteeEmail ?? contact.emails[0];
    const invitee = { id: contact.id, name: contactDisplayName(contact.firstName, contact.lastName), email };
    // The meeting exists at Zoom by now: a mail server saying no must not turn that into an error (and a retry into a second meeting).
    const delivery = email
      ? await this.invites.send({ meeting, method, host, contact: invitee, dealId: activity.dealId }).catch((error: Error) => {
          this.logger.warn({ activityId: meeting.activityId, err: error.message }, 'Meeting invite could not be sent');
          return InviteDelivery.FAILED;
        })
      : InviteDelivery.SKIPPED_NO_EMAIL;
    await this.meetings.update({ activityId: meeting.activityId }, { inviteDelivery: delivery, inviteeEmail: email ?? null });
    meeting.inviteDelivery = delivery;
  }
}
