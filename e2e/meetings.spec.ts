import type { ZoomSim } from '../apps/zoom-sim/testing/zoom-sim-process';
import { startSmtpSink, type SmtpSink } from '../apps/api/test/support/smtp-sink';
import { openContactByPhone, signInAndConnectZoom } from './support/browser';
import { type Stack, startStackWithZoom } from './support/stack';

interface SimMeeting {
  id: number;
  topic: string;
  start_time: string;
  timezone: string;
  join_url: string;
}

describe('scheduling a Zoom meeting from a contact in chromium', () => {
  let sim: ZoomSim;
  let smtp: SmtpSink;
  let stack: Stack;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    ({ sim, stack, stop } = await startStackWithZoom({ SMTP_URL: smtp.url }));
  });
  afterAll(async () => {
    await stop?.();
    await smtp?.close();
  });

  it('creates the meeting at Zoom in the chosen timezone, shows it with a Join link, and emails the contact a matching .ics', async () => {
    const page = await stack.browser.newPage();
    await signInAndConnectZoom(page, { sim, stack });

    const name = await openContactByPhone(page, stack.url, '(415) 555-0106');
    const email = (await page.locator('a[href^="mailto:"]').first().textContent())!.trim();

    await page.getByTestId('schedule-meeting').click();
    expect(await page.getByTestId('meeting-topic').inputValue()).toBe(`Meeting with ${name}`);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('meeting-start').fill(`${yesterday}T10:30`);
    await page.getByTestId('meeting-submit').click();
    await page.getByTestId('meeting-error').filter({ hasText: 'in the past' }).waitFor();

    const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('meeting-start').fill(`${day}T10:30`);
    await page.getByTestId('meeting-timezone').fill('chicago');
    await page.locator('[role="option"][data-zone="America/Chicago"]').click();
    await page.getByTestId('meeting-duration').selectOption('45');
    await page.getByTestId('meeting-submit').click();
    await page.getByTestId('meeting-notice').filter({ hasText: `Invite emailed to ${email}` }).waitFor();

    const meeting = page.locator('[data-testid="timeline-item"][data-activity-type="MEETING"]').first();
    await meeting.waitFor();
    const joinUrl = await meeting.getByTestId('meeting-join').getAttribute('href');
    await page.getByTestId('upcoming-meeting').filter({ hasText: `Meeting with ${name}` }).first().waitFor();

    const [atZoom] = await sim.control<SimMeeting[]>('GET', '/_sim/meetings?userEmail=agent@demo.test');
    // 10:30 in Chicago, a week out: 16:30 UTC in winter (CST), 15:30 in summer (CDT).
    const chicagoOffsetHours = new Date(`${day}T12:00:00Z`).toLocaleString('en-US', { timeZone: 'America/Chicago', timeZoneName: 'short' }).endsWith('CDT') ? 5 : 6;
    const expectedStart = `${day}T${String(10 + chicagoOffsetHours)}:30:00Z`;
    expect(atZoom).toMatchObject({ topic: `Meeting with ${name}`, start_time: expectedStart, timezone: 'America/Chicago', join_url: joinUrl });

    const invite = smtp.messages.find((message) => message.subject === `Invitation: Meeting with ${name}`);
    expect(invite?.to).toMatchObject({ value: [{ address: email }] });
    expect(invite!.text).toContain(joinUrl);
    const ics = smtp.calendarOf(invite!);
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain(`DTSTART:${expectedStart.replace(/[-:]/g, '')}`);
    expect(ics).toContain(joinUrl);
    await page.close();
  });
});
