import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { openContactByPhone, signIn, signInAndConnectZoom } from './support/browser';
import { stackWithZoomForSuite } from './support/stack';

const SCREENSHOTS = path.resolve(__dirname, '../docs/screenshots');
const AGENT = 'agent@demo.test';
const LONG_TITLE = `Send the inspection report and https://listings.example.com/${'very-long-listing-path-'.repeat(4)}to the buyer's lawyer`;

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // A full-page shot of a scrolled page would paint the sticky top bar where the scroll left it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
}

/** The nav badge's number (overdue + due today); 0 when the badge is not shown. */
async function navCount(page: Page): Promise<number> {
  const badge = page.getByTestId('nav-today-count');
  return (await badge.count()) === 0 ? 0 : Number(await badge.textContent());
}

async function waitForNavCount(page: Page, count: number): Promise<void> {
  await page.waitForFunction((expected) => Number(document.querySelector('[data-testid="nav-today-count"]')?.textContent ?? 0) === expected, count, { timeout: 10_000 });
}

/** The open task with this title, on the page or in one of its sections. */
function taskRow(scope: Page | Locator, title: string): Locator {
  return scope.getByTestId('task-row').filter({ hasText: title });
}

describe('the Today view: an agent running their day', () => {
  const zoom = stackWithZoomForSuite();
  // Connected once for the file: every test then only signs in.
  beforeAll(async () => {
    const page = await zoom.stack.browser.newPage();
    await signInAndConnectZoom(page, zoom);
    await page.close();
  });

  it('shows a missed call as "Call back" live, closes it when the agent calls back and connects, and adds, snoozes and completes tasks', async () => {
    const { sim, stack } = zoom;
    const context = await stack.browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'America/Los_Angeles', locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, stack.url);

    // Call-back tasks are on unless the agent turns them off.
    await page.goto(`${stack.url}/settings/calling`);
    expect(await page.getByTestId('call-back-tasks').isChecked()).toBe(true);

    const voicemailName = await openContactByPhone(page, stack.url, '415.555.0107');
    const name = await openContactByPhone(page, stack.url, '(415) 555-0106');

    // Home is the Today view; the brand link and the catch-all lead there too.
    await page.goto(`${stack.url}/`);
    await page.waitForURL(`${stack.url}/today`);
    await page.getByTestId('tasks-empty').waitFor();
    expect(await page.title()).toBe('Today · Switchboard');
    const before = await navCount(page);

    // A missed call from the contact: "Call back <name>" appears on the open page and in the badge, no reload.
    await sim.control('POST', '/_sim/phone/calls', { userEmail: AGENT, direction: 'inbound', counterpartNumber: '4155550106', outcome: 'missed' });
    const callBack = taskRow(page, `Call back ${name}`);
    await callBack.waitFor({ timeout: 15_000 });
    expect(await callBack.getByTestId('task-source').textContent()).toBe('Missed call');
    expect(await callBack.getByTestId('task-contact').textContent()).toBe(name);
    await waitForNavCount(page, before + 1);

    // The agent calls back and they talk: the task closes by itself, and leaves the open list. (The simulator dates
    // a call back from its end, so a short one: a long one would have started before the missed call rang.)
    await sim.control('POST', '/_sim/phone/calls', { userEmail: AGENT, direction: 'outbound', counterpartNumber: '4155550106', outcome: 'answered', durationSeconds: 15 });
    await callBack.waitFor({ state: 'detached', timeout: 15_000 });
    await waitForNavCount(page, before);

    // Quick add: tomorrow morning, and one for today with a contact picked by search.
    await page.getByTestId('quick-add-title').fill('Send the disclosure packet');
    await page.getByTestId('due-pick').filter({ hasText: 'Tomorrow 9:00' }).click();
    await page.getByTestId('quick-add-submit').click();
    const packet = taskRow(page.getByTestId('tasks-upcoming'), 'Send the disclosure packet');
    await packet.waitFor();
    expect(await packet.getByTestId('task-due').textContent()).toBe('Tomorrow 9:00 AM');

    await page.getByTestId('quick-add-submit').click();
    await page.getByText('Say what needs doing').waitFor();
    await page.getByTestId('quick-add-title').fill('Confirm the viewing time');
    await page.getByTestId('due-pick').filter({ hasText: /^Today$/ }).click();
    await page.getByTestId('quick-add-pick-contact').click();
    await page.getByLabel('Find a contact for this task').fill(name.split(' ')[0]);
    await page.getByTestId('quick-add-contact-result').filter({ hasText: name }).first().click();
    await page.getByTestId('quick-add-submit').click();
    const viewing = taskRow(page.getByTestId('tasks-today'), 'Confirm the viewing time');
    await viewing.waitFor();
    expect(await viewing.getByTestId('task-contact').textContent()).toBe(name);
    await waitForNavCount(page, before + 1);

    // Snooze to tomorrow: it moves from Today to Upcoming, and the badge no longer counts it.
    await viewing.getByTestId('task-snooze').click();
    await viewing.getByTestId('snooze-pick').filter({ hasText: 'Tomorrow 9:00' }).click();
    const snoozed = taskRow(page.getByTestId('tasks-upcoming'), 'Confirm the viewing time');
    await snoozed.waitFor();
    expect(await snoozed.getByTestId('task-due').textContent()).toBe('Tomorrow 9:00 AM');
    await page.getByTestId('task-toast').filter({ hasText: 'Snoozed: Confirm the viewing time' }).waitFor();
    await waitForNavCount(page, before);

    // Complete, undo, complete again: the list follows each step.
    await packet.getByTestId('task-complete').click();
    await packet.waitFor({ state: 'detached' });
    await page.getByTestId('task-toast').filter({ hasText: 'Done: Send the disclosure packet' }).waitFor();
    await page.getByTestId('task-undo').click();
    await packet.waitFor();
    await packet.getByTestId('task-complete').click();
    await packet.waitFor({ state: 'detached' });

    // A voicemail and a long title, for the screenshot and the phone-width check.
    await sim.control('POST', '/_sim/phone/calls', { userEmail: AGENT, direction: 'inbound', counterpartNumber: '4155550107', outcome: 'voicemail', voicemailTranscript: 'Hi, it is about the offer on Maple Ave. Call me back?' });
    const voicemail = taskRow(page, `Call back ${voicemailName}`);
    await voicemail.waitFor({ timeout: 15_000 });
    expect(await voicemail.getByTestId('task-source').textContent()).toBe('Voicemail');
    await page.getByTestId('quick-add-title').fill(LONG_TITLE);
    await page.getByTestId('due-pick').filter({ hasText: 'Next week' }).click();
    await page.getByTestId('quick-add-submit').click();
    await taskRow(page, LONG_TITLE).waitFor();

    await page.getByTestId('task-toast').getByRole('button', { name: 'Dismiss' }).click();
    await screenshot(page, 'today.png');

    // On a phone nothing runs off the right edge, the snooze choices open included.
    await page.setViewportSize({ width: 390, height: 844 });
    await taskRow(page, LONG_TITLE).getByTestId('task-snooze').click();
    await taskRow(page, LONG_TITLE).getByTestId('snooze-at').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
    await screenshot(page, 'today-phone.png');

    // The contact's page lists what is open with them, and adds to it.
    await page.setViewportSize({ width: 1440, height: 900 });
    await taskRow(page, `Call back ${voicemailName}`).getByTestId('task-contact').click();
    const panel = page.getByTestId('contact-tasks');
    await taskRow(panel, `Call back ${voicemailName}`).waitFor();
    await panel.getByTestId('contact-add-task').click();
    await panel.getByTestId('quick-add-title').fill('Send the offer summary');
    await panel.getByTestId('quick-add-submit').click();
    await taskRow(panel, 'Send the offer summary').waitFor();
    await page.getByTestId('nav-today').click();
    expect(await taskRow(page.getByTestId('tasks-today'), 'Send the offer summary').getByTestId('task-contact').textContent()).toBe(voicemailName);
    await context.close();
  });

  it("turns an AI summary's next step into a task in one tap, on the meeting's contact", async () => {
    const { sim, stack } = zoom;
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'America/Los_Angeles', locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, stack.url);
    const name = await openContactByPhone(page, stack.url, '(415) 555-0112');
    await page.getByTestId('schedule-meeting').click();
    await page.getByTestId('meeting-submit').click();
    await page.getByTestId('meeting-notice').filter({ hasText: 'Meeting scheduled' }).waitFor();
    const meetings = await sim.control<Array<{ id: number; topic: string }>>('GET', `/_sim/meetings?userEmail=${AGENT}`);
    const meeting = meetings.find((candidate) => candidate.topic === `Meeting with ${name}`);
    expect(meeting).toBeDefined();
    await sim.control('POST', `/_sim/meetings/${meeting!.id}/start`, {});
    await sim.control('POST', `/_sim/meetings/${meeting!.id}/end`, { durationMinutes: 10, withRecording: true, withTranscript: true, withSummary: true });

    const summary = page.locator('[data-testid="recording-summary"][data-status="READY"]');
    await summary.waitFor({ timeout: 20_000 });
    const step = (await summary.locator('.next-step-text').first().textContent())!.trim();
    await summary.getByTestId('step-create-task').first().click();
    await summary.getByTestId('step-task-added').filter({ hasText: 'Task added' }).waitFor();
    // The contact's Tasks panel, on the same page, has it at once.
    const fromSummary = taskRow(page.getByTestId('contact-tasks'), step);
    await fromSummary.waitFor();
    expect(await fromSummary.getByTestId('task-source').textContent()).toBe('From AI summary');
    await page.setViewportSize({ width: 390, height: 844 });

    await summary.getByRole('link', { name: 'Open Today' }).click();
    await page.waitForURL(`${stack.url}/today`);
    const onToday = taskRow(page, step);
    await onToday.waitFor();
    expect(await onToday.getByTestId('task-contact').textContent()).toBe(name);
    await context.close();
  });
});
