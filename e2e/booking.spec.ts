import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ZoomSim } from '../apps/zoom-sim/testing/zoom-sim-process';
import { signInAndConnectZoom } from './support/browser';
import { DEMO_ADMIN, stackWithZoomForSuite } from './support/stack';

const SCREENSHOTS = path.resolve(__dirname, '../docs/screenshots');
const AGENT_ZONE = 'America/Los_Angeles';
const PROSPECT_ZONE = 'Europe/Berlin';
const PHONE = { width: 375, height: 812 };

interface SimMeeting {
  id: number;
  topic: string;
  start_time: string;
  join_url: string;
}

interface Prospect {
  name: string;
  email: string;
  phone?: string;
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // A full-page shot of a scrolled page would paint the sticky top bar where the scroll left it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
}

/** A prospect on a phone, somewhere else than the agent: the public page needs no sign-in. */
async function prospectPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, timezoneId: PROSPECT_ZONE, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** Picks the first day with free times, and resolves to the start instants that day offers. */
async function openFirstFreeDay(page: Page): Promise<string[]> {
  await page.getByTestId('booking-day').first().click();
  const slots = page.getByTestId('booking-slot');
  await slots.first().waitFor();
  return slots.evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-start') ?? ''));
}

async function fillDetails(page: Page, prospect: Prospect): Promise<void> {
  await page.getByTestId('booking-name').fill(prospect.name);
  await page.getByTestId('booking-email').fill(prospect.email);
  if (prospect.phone) await page.getByTestId('booking-phone').fill(prospect.phone);
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? document.activeElement?.getAttribute('data-testid') ?? '');
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');
/** How chromium and node print the same time can differ only in which space stands before "AM". */
const spaced = (text: string) => text.replace(/\s/g, ' ');

/** The simulator's Zoom meetings of the demo agent that start at `instant`. */
async function simMeetingsAt(sim: ZoomSim, instant: string): Promise<SimMeeting[]> {
  const meetings = await sim.control<SimMeeting[]>('GET', '/_sim/meetings?userEmail=agent@demo.test');
  return meetings.filter((meeting) => Date.parse(meeting.start_time) === Date.parse(instant));
}

describe('public booking links in chromium', () => {
  const zoom = stackWithZoomForSuite();
  let bookingUrl: string;
  let agentPage: Page;

  afterAll(() => agentPage?.context().close());

  it('turns on in one click; a prospect elsewhere books a free slot in their time zone, becomes a lead with the meeting at Zoom, then reschedules and cancels', async () => {
    const { sim, stack } = zoom;
    const agentContext = await stack.browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: AGENT_ZONE, locale: 'en-US' });
    agentPage = await agentContext.newPage();
    const page = agentPage;
    await signInAndConnectZoom(page, zoom);

    // Settings > Booking: one click turns it on with the defaults.
    await page.getByTestId('nav-booking').click();
    const card = page.getByTestId('booking-link-card');
    await card.and(page.locator('[data-enabled="false"]')).waitFor();
    await page.getByRole('switch', { name: 'Public booking link' }).click();
    await card.and(page.locator('[data-enabled="true"]')).waitFor();
    bookingUrl = (await page.getByTestId('booking-url').textContent())!.trim();
    expect(bookingUrl).toMatch(new RegExp(`^${stack.url}/book/[a-z0-9-]+$`));
    expect(await page.getByTestId('booking-open-page').getAttribute('href')).toBe(bookingUrl);
    // The hours are the agent's own: their device's time zone, one more click and a save.
    await page.getByTestId('booking-use-device-zone').click();
    await page.getByTestId('booking-save').click();
    await page.getByTestId('booking-rules').getByText('Saved').waitFor();
    expect(await page.getByTestId('booking-settings-timezone').inputValue()).toBe(AGENT_ZONE);
    await screenshot(page, 'booking-settings.png');

    const prospect = await prospectPage(stack.browser, bookingUrl);
    const agentName = (await prospect.getByTestId('booking-agent-name').textContent())!.trim();
    expect(agentName.length).toBeGreaterThan(0);
    expect(await prospect.getByTestId('booking-timezone').inputValue()).toBe(PROSPECT_ZONE);
    const slots = await openFirstFreeDay(prospect);
    expect(await focusedId(prospect)).toBe('day-slots-title');
    // Shown in Berlin; inside the agent's weekday 9 to 5 in Los Angeles.
    const start = slots[0];
    const firstSlot = prospect.getByTestId('booking-slot').first();
    expect(spaced((await firstSlot.textContent())!)).toBe(spaced(new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: PROSPECT_ZONE }).format(new Date(start))));
    const agentClock = new Intl.DateTimeFormat('en-US', { timeZone: AGENT_ZONE, weekday: 'short', hour: 'numeric', hourCycle: 'h23' }).formatToParts(new Date(start));
    expect(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']).toContain(agentClock.find((part) => part.type === 'weekday')!.value);
    const agentHour = Number(agentClock.find((part) => part.type === 'hour')!.value);
    expect(agentHour >= 9 && agentHour < 17).toBe(true);
    await screenshot(prospect, 'booking-page.png');

    await firstSlot.click();
    await prospect.getByTestId('booking-form').waitFor();
    expect(await focusedText(prospect)).toBe('Your details');
    const lead = { name: 'Greta Hoffmann', email: 'greta.hoffmann@example.de', phone: '+49 30 23125000' };
    await fillDetails(prospect, lead);
    await prospect.getByTestId('booking-note').fill('Looking at two-bedroom flats near the park.');
    await prospect.getByTestId('booking-submit').click();
    const title = prospect.getByTestId('booking-summary-title');
    await title.filter({ hasText: "You're booked" }).waitFor();
    expect(await focusedText(prospect)).toBe("You're booked");
    expect(Date.parse((await prospect.getByTestId('booking-when').getAttribute('data-start'))!)).toBe(Date.parse(start));
    const joinUrl = await prospect.getByTestId('booking-join').getAttribute('href');
    expect(joinUrl).toBeTruthy();
    const [download] = await Promise.all([prospect.waitForEvent('download'), prospect.getByTestId('booking-add-to-calendar').click()]);
    expect(download.suggestedFilename()).toBe('meeting.ics');
    const calendarHref = (await prospect.getByTestId('booking-add-to-calendar').getAttribute('href'))!;
    const ics = await prospect.evaluate(async (href) => (await fetch(href)).text(), calendarHref);
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain(`DTSTART:${new Date(start).toISOString().replace(/[-:]|\.\d{3}/g, '')}`);
    expect(ics).toContain(joinUrl);
    await screenshot(prospect, 'booking-confirmation.png');

    // At Zoom: the meeting on the agent's own account, at that instant, with the join link the prospect got.
    const [atZoom] = await simMeetingsAt(sim, start);
    expect(atZoom).toMatchObject({ join_url: joinUrl });

    // In the CRM: a new lead, with the MEETING on their timeline at that instant.
    await page.goto(`${stack.url}/contacts`);
    await page.getByTestId('contact-search').fill(lead.email);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="contact-row"]').length === 1);
    const row = page.getByTestId('contact-row').first();
    expect(await row.textContent()).toContain(lead.name);
    expect(await row.locator('.badge.stage-lead').count()).toBe(1);
    await row.getByRole('link').first().click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
    const meeting = page.locator('[data-testid="timeline-item"][data-activity-type="MEETING"]').first();
    await meeting.waitFor();
    expect(Date.parse((await meeting.locator('time').getAttribute('datetime'))!)).toBe(Date.parse(start));
    expect(await meeting.getByTestId('meeting-join').getAttribute('href')).toBe(joinUrl);

    // The private manage link: reschedule to another free time of the same calendar.
    await prospect.getByTestId('booking-manage-link').click();
    await prospect.waitForURL(/\/book\/manage\/[^/]+$/);
    const manageUrl = prospect.url();
    await prospect.getByTestId('booking-summary').and(prospect.locator('[data-status="CONFIRMED"]')).waitFor();
    await prospect.getByTestId('booking-reschedule').click();
    const otherSlots = (await openFirstFreeDay(prospect)).filter((slot) => Date.parse(slot) !== Date.parse(start));
    const newStart = otherSlots[0];
    await prospect.locator(`[data-testid="booking-slot"][data-start="${newStart}"]`).click();
    await prospect.getByTestId('booking-reschedule-confirm').click();
    await prospect.getByTestId('booking-manage-notice').filter({ hasText: 'Moved to' }).waitFor();
    expect(Date.parse((await prospect.getByTestId('booking-when').getAttribute('data-start'))!)).toBe(Date.parse(newStart));
    const [moved] = await simMeetingsAt(sim, newStart);
    expect(moved?.id).toBe(atZoom.id);

    // And cancel: confirmed on the page, gone at Zoom; the page says so on a reload too.
    await prospect.getByTestId('booking-cancel').click();
    await prospect.getByTestId('booking-cancel-confirm').click();
    await prospect.getByTestId('booking-summary').and(prospect.locator('[data-status="CANCELLED"]')).waitFor();
    expect((await title.textContent())!.trim()).toBe('This meeting is cancelled');
    expect(await prospect.getByTestId('booking-join').count()).toBe(0);
    expect(await simMeetingsAt(sim, newStart)).toEqual([]);
    await prospect.goto(manageUrl);
    await prospect.getByTestId('booking-summary').and(prospect.locator('[data-status="CANCELLED"]')).waitFor();
    await prospect.goto(`${manageUrl}x`);
    await prospect.getByTestId('booking-unavailable').filter({ hasText: 'Booking not found' }).waitFor();
    await prospect.context().close();
  }, 240_000);

  // Uses the link the first test turned on.
  it('tells the second of two prospects on the same time that it was just taken, and books them on one of the next free times', async () => {
    const { stack } = zoom;
    const first = await prospectPage(stack.browser, bookingUrl);
    const second = await prospectPage(stack.browser, bookingUrl);
    const [start] = await openFirstFreeDay(first);
    const [same] = await openFirstFreeDay(second);
    expect(same).toBe(start);
    for (const [page, prospect] of [
      [first, { name: 'Ada Brandt', email: 'ada.brandt@example.de' }],
      [second, { name: 'Jonas Weber', email: 'jonas.weber@example.de' }],
    ] as const) {
      await page.getByTestId('booking-slot').first().click();
      await fillDetails(page, prospect);
    }
    await first.getByTestId('booking-submit').click();
    await first.getByTestId('booking-summary-title').filter({ hasText: "You're booked" }).waitFor();

    await second.getByTestId('booking-submit').click();
    const taken = second.getByTestId('booking-slot-taken');
    await taken.filter({ hasText: 'That time was just taken' }).waitFor();
    const next = taken.getByTestId('booking-next-slot').first();
    const nextStart = (await next.getAttribute('data-start'))!;
    expect(Date.parse(nextStart)).toBeGreaterThan(Date.parse(start));
    await next.click();
    // What they typed is still there.
    expect(await second.getByTestId('booking-name').inputValue()).toBe('Jonas Weber');
    await second.getByTestId('booking-submit').click();
    await second.getByTestId('booking-summary-title').filter({ hasText: "You're booked" }).waitFor();
    expect(Date.parse((await second.getByTestId('booking-when').getAttribute('data-start'))!)).toBe(Date.parse(nextStart));
    await first.context().close();
    await second.context().close();
  }, 120_000);

  // Uses the agent signed in by the first test.
  it('says booking is unavailable, before anyone fills the form, while the agent has no working Zoom connection', async () => {
    const page = agentPage;
    await page.goto(`${zoom.stack.url}/settings/integrations`);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('zoom-disconnect').click();
    await page.getByTestId('zoom-connect').waitFor();
    await page.getByTestId('nav-booking').click();
    await page.getByTestId('booking-zoom-warning').filter({ hasText: 'Zoom is not connected' }).waitFor();

    const prospect = await prospectPage(zoom.stack.browser, bookingUrl);
    await prospect.getByTestId('booking-unavailable').filter({ hasText: 'Booking is unavailable right now' }).waitFor();
    expect(await prospect.getByTestId('booking-calendar').count()).toBe(0);
    expect(await prospect.getByTestId('booking-form').count()).toBe(0);
    await prospect.context().close();
  }, 60_000);

  it("notes, in settings and on the page, that a Basic Zoom plan's meetings end at 40 minutes", async () => {
    const { stack } = zoom;
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    await signInAndConnectZoom(page, zoom, { user: DEMO_ADMIN, zoomUser: 'basic@demo.test' });
    await page.getByTestId('nav-booking').click();
    await page.getByRole('switch', { name: 'Public booking link' }).click();
    await page.getByTestId('booking-link-card').and(page.locator('[data-enabled="true"]')).waitFor();
    await page.getByTestId('booking-length-60').click();
    await page.getByTestId('booking-settings-plan-note').filter({ hasText: 'end after 40 minutes' }).waitFor();
    await page.getByTestId('booking-save').click();
    await page.getByTestId('booking-rules').getByText('Saved').waitFor();

    const prospect = await prospectPage(stack.browser, (await page.getByTestId('booking-url').textContent())!.trim());
    await prospect.getByTestId('booking-plan-note').filter({ hasText: 'end after 40 minutes' }).waitFor();
    expect(await prospect.getByTestId('booking-duration-60').getAttribute('aria-describedby')).toBe('meeting-limit-note');
    expect(await prospect.getByTestId('booking-duration-30').getAttribute('aria-describedby')).toBeNull();
    await prospect.context().close();
    await context.close();
  }, 120_000);
});
