// iCalendar (RFC 5545) invitations for meetings scheduled from the CRM: one VEVENT per meeting, the same UID for
// its whole life, SEQUENCE raised on every change, METHOD:REQUEST to invite or update and METHOD:CANCEL to cancel.

export interface CalendarInvite {
  method: 'REQUEST' | 'CANCEL';
  /** Stable for the meeting's whole life, so calendars update the event instead of adding another. */
  uid: string;
  sequence: number;
  start: Date;
  durationMinutes: number;
  summary: string;
  description?: string | null;
  location?: string | null;
  url?: string | null;
  organizer: { name: string; email: string };
  attendee?: { name: string; email: string } | null;
  /** DTSTAMP: when this version of the invite was made. */
  stamp?: Date;
}

/** `20261201T170000Z` */
export function icsUtc(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** Text values escape backslash, semicolon, comma and newlines (RFC 5545 3.3.11). */
function icsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Parameter values with `:;,` must be quoted, and may not contain a double quote. */
function icsParam(value: string): string {
  const clean = value.replace(/"/g, "'");
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** Lines longer than 75 octets are folded with CRLF + space (RFC 5545 3.1), without splitting a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let currentBytes = 0;
  for (const character of line) {
    const bytes = new TextEncoder().encode(character).length;
    if (currentBytes + bytes > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      currentBytes = 0;
    }
    current += character;
    currentBytes += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function buildCalendarInvite(invite: CalendarInvite): string {
  const end = new Date(invite.start.getTime() + invite.durationMinutes * 60_000);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Switchboard//CRM meetings//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${invite.method}`,
    'BEGIN:VEVENT',
    `UID:${invite.uid}`,
    `SEQUENCE:${invite.sequence}`,
    `DTSTAMP:${icsUtc(invite.stamp ?? new Date())}`,
    `DTSTART:${icsUtc(invite.start)}`,
    `DTEND:${icsUtc(end)}`,
    `SUMMARY:${icsText(invite.summary)}`,
    ...(invite.description ? [`DESCRIPTION:${icsText(invite.description)}`] : []),
    ...(invite.location ? [`LOCATION:${icsText(invite.location)}`] : []),
    ...(invite.url ? [`URL:${invite.url}`] : []),
    `ORGANIZER;CN=${icsParam(invite.organizer.name)}:mailto:${invite.organizer.email}`,
    ...(invite.attendee
      ? [`ATTENDEE;CN=${icsParam(invite.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${invite.attendee.email}`]
      : []),
    `STATUS:${invite.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
