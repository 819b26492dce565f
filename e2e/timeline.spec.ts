import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { openContactByPhone, signIn, signInAndConnectZoom } from './support/browser';
import { DEMO_ADMIN, stackWithZoomForSuite } from './support/stack';

const SCREENSHOTS = path.resolve(__dirname, '../docs/screenshots');
const DEVICE_ZONE = 'America/New_York';
const DAY_MS = 86_400_000;

/** "2026-11-30T10:00", `daysAgo` days before today at 10:00 on the browser's clock (datetime-local, as the form takes it). */
const localMorning = (page: Page, daysAgo: number) =>
  page.evaluate((days) => {
    const day = new Date();
    day.setDate(day.getDate() - days);
    const pad = (value: number) => String(value).padStart(2, '0');
    return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}T10:00`;
  }, daysAgo);

async function logCall(page: Page, daysAgo: number, minutes: string): Promise<void> {
  await page.getByTestId('log-call').click();
  await page.getByTestId('log-call-when').fill(await localMorning(page, daysAgo));
  await page.getByTestId('log-call-minutes').fill(minutes);
  await page.getByTestId('log-call-submit').click();
  await page.getByTestId('meeting-notice').filter({ hasText: 'Call logged' }).waitFor();
}

async function addNote(page: Page, body: string): Promise<Locator> {
  await page.getByTestId('note-input').fill(body);
  await page.getByTestId('note-submit').click();
  const item = page.getByTestId('timeline').getByTestId('timeline-item').filter({ hasText: body });
  await item.waitFor();
  // By id from here on: while it is being edited its text is in a text box, not on the page.
  return page.locator(`[data-activity-id="${await item.getAttribute('data-activity-id')}"]`);
}

const historyTypes = (page: Page) => page.getByTestId('timeline').getByTestId('timeline-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-activity-type')));
const dayHeadings = (page: Page) => page.getByTestId('timeline').locator('.timeline-day').allTextContents();

describe('the timeline in chromium: days, kinds, notes, meetings to come', () => {
  const suite = stackWithZoomForSuite();

  it('groups by day, filters by kind, edits and deletes a note live in a second tab, keeps meetings to come apart, and picks a time zone by typing', async () => {
    const { sim, stack } = suite;
    const context = await stack.browser.newContext({ viewport: { width: 1440, height: 1000 }, timezoneId: DEVICE_ZONE, locale: 'en-US' });
    const page = await context.newPage();
    await signInAndConnectZoom(page, { sim, stack });
    const name = await openContactByPhone(page, stack.url, '(415) 555-0106');
    const contactUrl = page.url();

    // Another agent (the admin) watches the same timeline in another browser.
    const watcherContext = await stack.browser.newContext({ timezoneId: DEVICE_ZONE, locale: 'en-US' });
    const watcher = await watcherContext.newPage();
    await signIn(watcher, stack.url, DEMO_ADMIN);
    await watcher.goto(contactUrl);
    await watcher.getByTestId('timeline').waitFor({ state: 'attached' });

    // Days: a call logged yesterday and one three days ago sit under their own headings, summarised per kind.
    await logCall(page, 1, '4');
    await logCall(page, 3, '45');
    const stamp = Date.now();
    const kept = await addNote(page, `Asked for the HOA documents ${stamp}`);
    const doomed = await addNote(page, `Wrong contact, sorry ${stamp}`);
    const threeDaysAgo = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: DEVICE_ZONE }).format(new Date(Date.now() - 3 * DAY_MS));
    await page.waitForFunction((expected) => expected.every((heading) => Array.from(document.querySelectorAll('[data-testid="timeline"] .timeline-day')).some((node) => node.textContent === heading)), ['Today', 'Yesterday', threeDaysAgo]);
    const headings = await dayHeadings(page);
    expect(headings.slice(0, 2)).toEqual(['Today', 'Yesterday']);
    expect(headings).toContain(threeDaysAgo);
    expect(threeDaysAgo).toMatch(/^[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}$/);
    const yesterday = page.getByTestId('timeline-day').filter({ has: page.locator('.timeline-day', { hasText: /^Yesterday$/ }) });
    expect(await yesterday.getByTestId('timeline-summary').allTextContents()).toContain('Outbound call · 4:00');
    const older = page.getByTestId('timeline-day').filter({ has: page.locator('.timeline-day', { hasText: threeDaysAgo }) });
    expect(await older.getByTestId('timeline-summary').allTextContents()).toContain('Outbound call · 45:00');

    // Notes: the author edits one in place and deletes another after confirming; the other tab follows without a reload.
    await watcher.getByTestId('timeline-item').filter({ hasText: `Wrong contact, sorry ${stamp}` }).waitFor();
    expect(await watcher.getByTestId('timeline-item').filter({ hasText: `Asked for the HOA documents ${stamp}` }).getByTestId('note-edit').count()).toBe(0);
    await kept.getByTestId('note-edit').click();
    await kept.getByTestId('note-edit-input').fill('   ');
    await kept.getByTestId('note-save').click();
    await kept.getByRole('alert').filter({ hasText: 'Write something in the note first.' }).waitFor();
    await kept.getByTestId('note-edit-input').fill(`Asked for the HOA documents and the last two budgets ${stamp}`);
    await kept.getByTestId('note-save').click();
    await page.getByTestId('timeline-item').filter({ hasText: `and the last two budgets ${stamp}` }).locator('.timeline-text').waitFor();
    await watcher.getByTestId('timeline-item').filter({ hasText: `and the last two budgets ${stamp}` }).waitFor();

    await doomed.getByTestId('note-delete').click();
    await doomed.getByText('Delete this note for everyone?').waitFor();
    await doomed.getByTestId('note-delete-confirm').click();
    await doomed.waitFor({ state: 'detached' });
    await watcher.getByTestId('timeline-item').filter({ hasText: `Wrong contact, sorry ${stamp}` }).waitFor({ state: 'detached' });

    // A meeting three days out, in India's time: found by typing, by city and by offset, and picked with the keyboard.
    await page.getByTestId('schedule-meeting').click();
    const zone = page.getByTestId('meeting-timezone');
    expect(await zone.inputValue()).toBe(DEVICE_ZONE);
    await zone.click();
    await zone.fill('+5:30');
    await page.getByRole('option').filter({ hasText: 'Asia/Kolkata' }).waitFor();
    await zone.fill('new york');
    expect(await page.getByRole('option').first().getAttribute('data-zone')).toBe('America/New_York');
    await zone.fill('kolkata');
    const kolkata = page.getByRole('option').filter({ hasText: 'Asia/Kolkata' });
    expect(await kolkata.textContent()).toContain('UTC+05:30');
    await zone.press('ArrowDown');
    await zone.press('ArrowUp');
    await zone.press('Enter');
    expect(await zone.inputValue()).toBe('Asia/Kolkata');
    await page.getByTestId('meeting-form').getByText('Kolkata · UTC+05:30').waitFor();

    // Every problem at once, each beside its field, in words.
    await page.getByTestId('meeting-topic').fill('x'.repeat(201));
    await page.getByTestId('meeting-start').fill('');
    await page.getByTestId('meeting-submit').click();
    await page.locator('[data-testid="meeting-error"][data-field="topic"]').filter({ hasText: 'Keep the topic under 200 characters' }).waitFor();
    await page.locator('[data-testid="meeting-error"][data-field="startTime"]').filter({ hasText: 'Pick a date and time.' }).waitFor();
    await page.getByTestId('meeting-topic').fill(`Offer review with ${name}`);
    const inThreeDays = new Date(Date.now() + 3 * DAY_MS).toLocaleDateString('en-CA', { timeZone: 'Asia/Kolkata' });
    await page.getByTestId('meeting-start').fill(`${inThreeDays}T18:30`);
    await page.getByTestId('meeting-submit').click();
    // No mail server in this stack: the confirmation says so in an agent's words.
    const notice = page.getByTestId('meeting-notice');
    await notice.filter({ hasText: "The invite is waiting in the outbox (email isn't set up yet)" }).waitFor();
    expect(await notice.textContent()).not.toMatch(/SMTP|sent the/i);

    // Meetings to come sit above the history, never in it.
    const upcoming = page.getByTestId('timeline-upcoming').getByTestId('timeline-item').filter({ hasText: `Offer review with ${name}` });
    await upcoming.waitFor();
    expect(await upcoming.getByTestId('timeline-summary').textContent()).toBe('Meeting · 30 min');
    expect(await upcoming.getByTestId('meeting-state').textContent()).toMatch(/^Scheduled · in [34] days$/);
    await page.getByTestId('timeline').getByTestId('timeline-item').filter({ hasText: 'Invitation: ' }).waitFor();
    expect(await historyTypes(page)).not.toContain('MEETING');
    const invite = page.getByTestId('timeline').getByTestId('timeline-item').filter({ hasText: 'Invitation: ' });
    expect(await invite.textContent()).not.toContain('SMTP');

    // The type filter asks for one kind; a note added meanwhile still lands under Notes.
    const filter = page.getByTestId('timeline-filter');
    expect(await filter.getByRole('button').allTextContents()).toEqual(['All', 'Calls', 'Voicemails', 'Meetings', 'Recordings', 'SMS', 'Notes', 'Emails']);
    await filter.getByRole('button', { name: 'Notes', exact: true }).click();
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="timeline"] [data-testid="timeline-item"]')).every((item) => item.getAttribute('data-activity-type') === 'NOTE'));
    expect(await page.getByTestId('timeline-upcoming').count()).toBe(0);
    await addNote(page, `Sent the budgets over ${stamp}`);
    expect(new Set(await historyTypes(page))).toEqual(new Set(['NOTE']));
    await filter.getByRole('button', { name: 'Calls', exact: true }).click();
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="timeline"] [data-testid="timeline-item"]')).every((item) => item.getAttribute('data-activity-type') === 'CALL'));
    expect(await page.getByTestId('timeline').getByTestId('timeline-summary').allTextContents()).toEqual(expect.arrayContaining(['Outbound call · 4:00', 'Outbound call · 45:00']));
    await filter.getByRole('button', { name: 'Recordings', exact: true }).click();
    await page.getByText(`No recordings with ${name} yet.`).waitFor();
    await filter.getByRole('button', { name: 'All', exact: true }).click();
    await page.getByTestId('timeline-upcoming').waitFor();
    expect(await historyTypes(page)).toEqual(expect.arrayContaining(['NOTE', 'CALL', 'EMAIL']));

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'timeline.png'), fullPage: true });
    await watcherContext.close();
    await context.close();
  });
});
