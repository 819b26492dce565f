import { buildCalendarInvite, icsUtc } from './calendar-invite';

const invite = {
  method: 'REQUEST' as const,
  uid: 'meeting-85746065432@switchboard',
  sequence: 0,
  start: new Date('2026-12-01T17:00:00Z'),
  durationMinutes: 45,
  summary: 'Viewing: 12 Oak St, Berkeley',
  description: 'Join Zoom: https://zoom.us/j/85746065432?pwd=abc\nBring the disclosures; thanks',
  url: 'https://zoom.us/j/85746065432?pwd=abc',
  organizer: { name: 'Dana Reyes', email: 'agent@demo.test' },
  attendee: { name: 'Jordan Lee', email: 'jordan@example.com' },
  stamp: new Date('2026-11-25T08:00:00Z'),
};

describe('calendar invites', () => {
  it('writes one event with UTC times, the end from the duration, and CRLF line ends', () => {
    const ics = buildCalendarInvite(invite);
    expect(ics).toContain('METHOD:REQUEST\r\n');
    expect(ics).toContain('DTSTART:20261201T170000Z\r\n');
    expect(ics).toContain('DTEND:20261201T174500Z\r\n');
    expect(ics).toContain('UID:meeting-85746065432@switchboard\r\nSEQUENCE:0\r\n');
    expect(ics).toContain('STATUS:CONFIRMED');
    expect(ics.split('\r\n').filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('escapes text, quotes parameters, and folds long lines at 75 octets', () => {
    const ics = buildCalendarInvite({ ...invite, organizer: { name: 'Reyes, Dana', email: 'agent@demo.test' } });
    expect(ics).toContain('SUMMARY:Viewing: 12 Oak St\\, Berkeley');
    expect(ics).toContain('ORGANIZER;CN="Reyes, Dana":mailto:agent@demo.test');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('DESCRIPTION:Join Zoom: https://zoom.us/j/85746065432?pwd=abc\\nBring the disclosures\\; thanks');
  });

  it('cancels with the same UID and a higher sequence', () => {
    const ics = buildCalendarInvite({ ...invite, method: 'CANCEL', sequence: 2 });
    expect(ics).toContain('METHOD:CANCEL');
    expect(ics).toContain('SEQUENCE:2');
    expect(ics).toContain('STATUS:CANCELLED');
  });

  it('formats UTC stamps', () => {
    expect(icsUtc(new Date('2026-01-02T03:04:05.678Z'))).toBe('20260102T030405Z');
  });
});
