import { Injectable } from '@nestjs/common';
import { ActivityType, buildCalendarInvite } from '@switchboard/crm-domain';
import { ActivityService } from '../activity';
import type { User } from '../auth';
import { MailService } from '../platform/mail/mail.service';
import { InviteDelivery, type ScheduledMeeting } from './entities/scheduled-meeting.entity';

export interface InviteRequest {
  meeting: ScheduledMeeting;
  method: 'REQUEST' | 'CANCEL';
  host: Pick<User, 'id' | 'name' | 'email'>;
  contact: { id: string; name: string; email: string };
  dealId: string | null;
}

/** "Tuesday, December 1, 2026 at 9:00 AM PST", in the meeting's timezone. */
export function meetingTimeText(start: Date, timezone: string): string {
  const format = { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: timezone, timeZoneName: 'short' } as const;
  return new Intl.DateTimeFormat('en-US', format).format(start);
}

/** The calendar identity of a meeting: the same for every update and the cancellation. */
export const inviteUid = (meeting: ScheduledMeeting) => `zoom-meeting-${meeting.zoomMeetingId}@switchboard`;

/** The meeting's .ics as its invites carry it: the same UID and SEQUENCE, so a calendar keeps one event. */
export function calendarFile(meeting: ScheduledMeeting, method: 'REQUEST' | 'CANCEL', host: Pick<User, 'name' | 'email'>, attendee: { name: string; email: string }): string {
  return buildCalendarInvite({
    method,
    uid: inviteUid(meeting),
    sequence: meeting.inviteSequence,
    start: meeting.startTime,
    durationMinutes: meeting.durationMinutes,
    summary: meeting.topic,
    description: `Join Zoom meeting: ${meeting.joinUrl}${meeting.agenda ? `\n\n${meeting.agenda}` : ''}`,
    location: meeting.joinUrl,
    url: meeting.joinUrl,
    organizer: { name: host.name, email: host.email },
    attendee: { name: attendee.name, email: attendee.email },
  });
}

/**
 * Meeting invitations: an email with the join link, the time in the meeting's timezone and an .ics whose UID stays
 * and whose SEQUENCE rises with every change. Each one is an EMAIL activity on the contact, sent or kept in the
 * outbox when SMTP_URL is not set.
 */
@Injectable()
export class MeetingInvites {
  constructor(
    private readonly mail: MailService,
    private readonly activities: ActivityService,
  ) {}

  async send({ meeting, method, host, contact, dealId }: InviteRequest): Promise<InviteDelivery> {
    const cancelled = method === 'CANCEL';
    const when = meetingTimeText(meeting.startTime, meeting.timezone);
    const subject = cancelled ? `Cancelled: ${meeting.topic}` : meeting.inviteSequence > 0 ? `Updated invitation: ${meeting.topic}` : `Invitation: ${meeting.topic}`;
    const text = cancelled
      ? `Hi ${contact.name},\n\n${host.name} cancelled "${meeting.topic}", which was planned for ${when}.\n`
      : [
          `Hi ${contact.name},`,
          '',
          `${host.name} ${meeting.inviteSequence > 0 ? 'moved' : 'invited you to'} a Zoom meeting: ${meeting.topic}`,
          `When: ${when} (${meeting.timezone}), ${meeting.durationMinutes} minutes`,
          `Join: ${meeting.joinUrl}`,
          ...(meeting.agenda ? ['', meeting.agenda] : []),
          '',
        ].join('\n');
    const delivery = await this.mail.send({
      from: { name: host.name, address: host.email },
      to: { name: contact.name, address: contact.email },
      subject,
      text: meeting.inviteFooter ? `${text}\n${meeting.inviteFooter}\n` : text,
      calendar: { method, content: calendarFile(meeting, method, host, contact) },
    });
    await this.activities.record({
      organisationId: meeting.organisationId,
      type: ActivityType.EMAIL,
      occurredAt: new Date(),
      contactId: contact.id,
      dealId,
      ownerId: host.id,
      body: subject,
      attachments: [
        {
          kind: delivery === 'sent' ? 'email' : 'outbox',
          url: `mailto:${contact.email}`,
          title: delivery === 'sent' ? `Sent to ${contact.email}` : `Waiting in the outbox for ${contact.email} (email isn't set up yet)`,
        },
      ],
    });
    return delivery === 'sent' ? InviteDelivery.SENT : InviteDelivery.OUTBOX;
  }
}
