import { Injectable, OnModuleInit } from '@nestjs/common';
import { meetingEventSchema, meetingUpdatedEventSchema } from '@switchboard/zoom';
import { type Activity, ActivityService } from '../activity';
import { WebhookRouter, type WebhookOutcome } from '../webhook';
import { ZoomConnectionService } from '../zoom';
import { MeetingsService, MeetingStatus, meetingZoomRef } from './meetings.service';

const validDate = (value: string | null | undefined) => {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
};

/**
 * Zoom-side changes to a meeting reach its activity. Statuses only move forward (Scheduled, Started, Ended;
 * Cancelled from any but Ended), so duplicates and any order of delivery leave one right answer.
 */
@Injectable()
export class MeetingEventsHandler implements OnModuleInit {
  constructor(
    private readonly router: WebhookRouter,
    private readonly connections: ZoomConnectionService,
    private readonly activities: ActivityService,
    private readonly meetings: MeetingsService,
  ) {}

  onModuleInit(): void {
    // A meeting made in Zoom itself changes nothing on a timeline, but it fills a slot of the agent's booking page.
    this.router.register(['meeting.created'], async (envelope) => {
      const meeting = meetingEventSchema.parse(envelope).payload.object;
      const connection = meeting.host_id ? await this.connections.connectedZoomUser(meeting.host_id) : null;
      if (!connection) return 'skipped';
      await this.meetings.calendarChanged(connection.userId);
      return 'processed';
    });
    this.router.register(['meeting.started', 'meeting.ended', 'meeting.deleted'], async (envelope) => {
      const event = meetingEventSchema.parse(envelope);
      const meeting = event.payload.object;
      return this.apply(meeting.host_id, String(meeting.id), async (organisationId, zoomRef) => {
        const scheduled = await this.meetings.findByZoomId(organisationId, String(meeting.id));
        if (event.event === 'meeting.started') {
          const startedAt = validDate(meeting.start_time) ?? new Date(event.event_ts);
          if (scheduled) await this.meetings.recordStart(scheduled, startedAt);
          return this.activities.updateByZoomRef(organisationId, zoomRef, { status: MeetingStatus.STARTED }, [MeetingStatus.SCHEDULED, null]);
        }
        if (event.event === 'meeting.ended') {
          const startedAt = validDate(meeting.start_time) ?? scheduled?.startedAt ?? null;
          const endedAt = validDate(meeting.end_time) ?? new Date(event.event_ts);
          if (scheduled) await this.meetings.recordEnd(scheduled, startedAt, endedAt);
          const durationSeconds = startedAt ? Math.max(0, Math.round((endedAt.getTime() - startedAt.getTime()) / 1000)) : undefined;
          return this.activities.updateByZoomRef(organisationId, zoomRef, { status: MeetingStatus.ENDED, durationSeconds }, [MeetingStatus.SCHEDULED, MeetingStatus.STARTED, null]);
        }
        if (scheduled) await this.meetings.recordZoomChange(scheduled, { cancelled: true });
        return this.activities.updateByZoomRef(organisationId, zoomRef, { status: MeetingStatus.CANCELLED }, [MeetingStatus.SCHEDULED, MeetingStatus.STARTED, null]);
      });
    });
    this.router.register(['meeting.updated'], async (envelope) => {
      const event = meetingUpdatedEventSchema.parse(envelope);
      const changed = event.payload.object;
      const hostId = changed.host_id ?? event.payload.operator_id ?? null;
      return this.apply(typeof hostId === 'string' ? hostId : null, String(changed.id), async (organisationId, zoomRef) => {
        const changes: Partial<Activity> = {};
        const start = validDate(changed.start_time);
        if (start) changes.occurredAt = start;
        if (typeof changed.duration === 'number') changes.durationSeconds = changed.duration * 60;
        if (typeof changed.topic === 'string' && changed.topic) changes.body = changed.topic;
        const scheduled = await this.meetings.findByZoomId(organisationId, String(changed.id));
        if (scheduled && (start || typeof changed.duration === 'number')) {
          await this.meetings.recordZoomChange(scheduled, { startTime: start, durationMinutes: typeof changed.duration === 'number' ? changed.duration : null });
        }
        return Object.keys(changes).length ? this.activities.updateByZoomRef(organisationId, zoomRef, changes) : null;
      });
    });
  }

  /**
   * The host must be connected here, and the meeting known to the CRM; anything else is none of ours. The
   * activity is announced once, when the event's changes are all made.
   */
  private apply(
    hostZoomUserId: string | null | undefined,
    zoomMeetingId: string,
    change: (organisationId: string, zoomRef: string) => Promise<Activity | null>,
  ): Promise<WebhookOutcome> {
    return this.activities.announceOnce(async () => {
      const connection = hostZoomUserId ? await this.connections.connectedZoomUser(hostZoomUserId) : null;
      if (!connection) return 'skipped';
      await change(connection.organisationId, meetingZoomRef(zoomMeetingId));
      await this.meetings.calendarChanged(connection.userId);
      return 'processed';
    });
  }
}
