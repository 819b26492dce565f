import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ElementHandle, Locator, Page } from 'playwright-core';
import { snapshotFiles } from '../apps/api/test/support/files';
import { openContactByPhone, signInAndConnectZoom } from './support/browser';
import { DEMO_ADMIN, stackWithZoomForSuite } from './support/stack';

const SCREENSHOTS = path.resolve(__dirname, '../docs/screenshots');
const VIEWPORT = { width: 1280, height: 900 };
/** Zoom's events reach the open page through webhook, worker and subscription: seconds, not minutes. */
const LIVE_MS = 20_000;

interface SimMeeting {
  id: number;
  topic: string;
}

const recordingItems = (page: Page) => page.locator('[data-testid="timeline-item"][data-activity-type="RECORDING"]');

/** Waits until `check` holds for the player (run in the page), failing with what the player last said when it never does. */
async function waitForPlayer(page: Page, media: ElementHandle<HTMLMediaElement>, condition: string, check: (arg: { media: HTMLMediaElement; value: number }) => boolean, value = 0): Promise<void> {
  try {
    await page.waitForFunction(check, { media, value }, { timeout: 15_000 });
  } catch (error) {
    const state = await media.evaluate((element) => ({ currentTime: element.currentTime, readyState: element.readyState, paused: element.paused, duration: element.duration, error: element.error?.message ?? null }));
    throw new Error(`the player never got ${condition}: ${JSON.stringify(state)} (${String(error)})`, { cause: error });
  }
}

/** Waits until the recording shows exactly `count` transcript lines. */
async function waitForLineCount(recording: Locator, count: number): Promise<void> {
  const root = await recording.elementHandle();
  await recording.page().waitForFunction(({ element, expected }) => element!.querySelectorAll('[data-testid="transcript-line"]').length === expected, { element: root, expected: count }, { timeout: 5_000 });
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name) });
}

/** Scrolls `item` to the top of the viewport, below the sticky top bar. */
async function scrollToTop(item: Locator): Promise<void> {
  await item.evaluate((element) => {
    const bar = document.querySelector('.topbar')?.getBoundingClientRect().height ?? 0;
    window.scrollBy(0, element.getBoundingClientRect().top - bar - 12);
  });
}

describe('a Zoom cloud recording on the contact page in chromium', () => {
  const zoom = stackWithZoomForSuite();

  it('arrives live after the meeting, plays and seeks from the transcript, searches it, shows the summary, moves, detaches to Unmatched and links back', async () => {
    const { sim, stack } = zoom;
    const context = await stack.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await signInAndConnectZoom(page, zoom);
    // A Pro plan records to the cloud: no plan banner, and a recordings sync beside the calls sync.
    await page.getByTestId('zoom-sync-recordings').click();
    await page.getByTestId('recording-sync-count').filter({ hasText: 'recordings synced' }).waitFor({ timeout: LIVE_MS });
    expect(await page.getByTestId('recordings-plan-banner').count()).toBe(0);

    const name = await openContactByPhone(page, stack.url, '(415) 555-0106');
    await page.getByTestId('schedule-meeting').click();
    await page.getByTestId('meeting-submit').click();
    await page.getByTestId('meeting-notice').filter({ hasText: 'Meeting scheduled' }).waitFor();
    const topic = `Meeting with ${name}`;
    const meeting = (await sim.control<SimMeeting[]>('GET', '/_sim/meetings?userEmail=agent@demo.test')).find((candidate) => candidate.topic === topic);
    expect(meeting).toBeDefined();
    expect(await recordingItems(page).count()).toBe(0);

    await sim.control('POST', `/_sim/meetings/${meeting!.id}/start`, {});
    await sim.control('POST', `/_sim/meetings/${meeting!.id}/end`, { durationMinutes: 10, withRecording: true, withTranscript: true, withSummary: true });

    // On the open page, without a reload.
    const recording = recordingItems(page).first();
    await recording.filter({ hasText: `Recording: ${topic}` }).waitFor({ timeout: LIVE_MS });
    expect(await recording.textContent()).toContain('10 min');
    const mediaStatuses: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/media/cloud-recordings/')) mediaStatuses.push(response.status());
    });
    await recording.getByTestId('recording-toggle').click();
    const player = recording.getByTestId('recording-player');
    expect(await player.evaluate((media) => [media.tagName, media.getAttribute('preload')])).toEqual(['VIDEO', 'metadata']);
    const lines = recording.getByTestId('transcript-line');
    // The transcript follows the media in its own Zoom event.
    await lines.nth(1).waitFor({ timeout: LIVE_MS });
    const secondStart = Number(await lines.nth(1).getAttribute('data-start'));
    expect(secondStart).toBeGreaterThan(0);
    expect(await lines.nth(1).locator('.cue-time').textContent()).toBe(`${Math.floor(secondStart / 60)}:${String(Math.floor(secondStart % 60)).padStart(2, '0')}`);
    expect(await lines.nth(1).locator('.cue-speaker').count()).toBe(1);

    // Playback streams through the api with Range requests (from the first metadata read on) and writes nothing anywhere.
    const files = snapshotFiles();
    const media = (await player.elementHandle()) as ElementHandle<HTMLMediaElement>;
    await lines.first().click();
    await waitForPlayer(page, media, 'playing', ({ media: element }) => element.readyState >= 2 && element.currentTime > 0);
    await lines.nth(1).click();
    await waitForPlayer(page, media, `to ${secondStart} s`, ({ media: element, value: start }) => !element.seeking && Math.abs(element.currentTime - start) <= 1, secondStart);
    await lines.nth(1).and(page.locator('[aria-current="true"]')).waitFor({ timeout: 5_000 });
    expect(files.added()).toEqual([]);
    expect(mediaStatuses).toContain(206);
    expect(mediaStatuses.filter((status) => status >= 400)).toEqual([]);
    await media.evaluate((element) => element.pause());

    // Search: a word of the third line; the lines that say it (and only they) stay, highlighted, counted.
    const said = await lines.evaluateAll((rows) =>
      rows.map((row) => {
        const speaker = row.querySelector('.cue-speaker')?.textContent ?? '';
        return { speaker, words: (row.querySelector('.cue-words')?.textContent ?? '').slice(speaker.length) };
      }),
    );
    const term = said[2].words.toLowerCase().split(/[^a-z]+/).sort((a, b) => b.length - a.length)[0];
    const expected = said.filter(({ speaker, words }) => `${speaker} ${words}`.toLowerCase().includes(term)).length;
    const search = recording.getByTestId('transcript-search');
    await search.fill(term.toUpperCase());
    await waitForLineCount(recording, expected);
    await recording.getByTestId('transcript-match-count').filter({ hasText: expected === 1 ? '1 match' : `${expected} matches` }).waitFor();
    expect((await recording.locator('[data-testid="transcript-line"] mark').first().textContent())!.toLowerCase()).toBe(term);
    await search.fill('zzqx nothing says this');
    await waitForLineCount(recording, 0);
    await recording.getByTestId('transcript-match-count').filter({ hasText: 'No matches' }).waitFor();
    await search.fill('');
    await waitForLineCount(recording, said.length);

    // The AI Companion summary: the overview and its next steps.
    const summary = recording.locator('[data-testid="recording-summary"][data-status="READY"]');
    await summary.waitFor({ timeout: LIVE_MS });
    expect(await summary.locator('.summary-overview').textContent()).toContain(topic);
    expect(await summary.locator('.next-steps li').count()).toBeGreaterThan(0);
    await recording.getByTestId('recording-file-chat').waitFor();
    expect(await recording.getByTestId('recording-file-transcript').textContent()).toBe('Transcript (VTT)');

    await lines.nth(2).click();
    const thirdStart = Number(await lines.nth(2).getAttribute('data-start'));
    await waitForPlayer(page, media, `to ${thirdStart} s`, ({ media: element, value: start }) => !element.seeking && Math.abs(element.currentTime - start) <= 1, thirdStart);
    await media.evaluate((element) => element.pause());
    await scrollToTop(recording);
    await screenshot(page, 'recording-on-contact.png');

    // Move to a deal of another contact: it leaves this timeline, and is on that contact's, with the deal.
    const contactPath = new URL(page.url()).pathname;
    await recording.getByTestId('move-recording-to-deal').click();
    const dealResult = recording.getByTestId('move-to-deal-result').filter({ hasText: 'Ocean Blvd' });
    await dealResult.click();
    await recording.waitFor({ state: 'detached', timeout: 5_000 });
    const notice = page.getByTestId('timeline-notice');
    await notice.filter({ hasText: 'on the deal' }).waitFor();
    await notice.getByRole('link').click();
    await page.waitForURL((url) => url.pathname !== contactPath && /\/contacts\/[0-9a-f-]{36}$/.test(url.pathname));
    const moved = recordingItems(page).filter({ hasText: `Recording: ${topic}` });
    await moved.filter({ hasText: 'Ocean Blvd' }).waitFor();

    // And back to the first contact with "Move to contact".
    await moved.getByTestId('move-recording').click();
    await moved.getByRole('searchbox', { name: 'Find the contact to move the recording to' }).fill(name);
    await moved.getByTestId('move-to-contact-result').filter({ hasText: name }).click();
    await moved.waitFor({ state: 'detached', timeout: 5_000 });
    await page.getByTestId('timeline-notice').getByRole('link', { name: `Open ${name}` }).click();
    await page.waitForURL((url) => url.pathname === contactPath);
    await recordingItems(page).filter({ hasText: `Recording: ${topic}` }).waitFor();

    // Detach: it leaves the timeline here and, through the subscription, on another page showing the contact.
    const watcher = await context.newPage();
    await watcher.goto(`${stack.url}${contactPath}`);
    const watched = recordingItems(watcher).filter({ hasText: `Recording: ${topic}` });
    await watched.waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await recordingItems(page).first().getByTestId('detach-recording').click();
    await recordingItems(page).first().waitFor({ state: 'detached', timeout: 5_000 });
    await watched.waitFor({ state: 'detached', timeout: 5_000 });

    await page.getByTestId('nav-unmatched').click();
    const unmatched = page.locator('[data-testid="unmatched-item"][data-activity-type="RECORDING"]').filter({ hasText: `Recording: ${topic}` });
    await unmatched.waitFor();
    await unmatched.getByTestId('unmatched-link').click();
    await unmatched.getByRole('searchbox').fill(name);
    await unmatched.getByTestId('link-to-contact-result').filter({ hasText: name }).click();
    await unmatched.waitFor({ state: 'detached', timeout: 5_000 });
    await watcher.reload();
    await watched.waitFor();
    await context.close();
  }, 240_000);

  it('says "Pro+ required for recordings" on a Basic plan, on the Zoom card and on a contact\'s meetings', async () => {
    const { stack } = zoom;
    const context = await stack.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await signInAndConnectZoom(page, zoom, { user: DEMO_ADMIN, zoomUser: 'basic@demo.test' });
    const banner = page.getByTestId('zoom-card').getByTestId('recordings-plan-banner');
    await banner.filter({ hasText: 'Pro+ required for recordings' }).waitFor();
    expect(await banner.textContent()).toContain('no cloud recordings');
    expect(await page.getByTestId('zoom-plan').textContent()).toBe('Basic');
    expect(await page.getByTestId('zoom-sync-recordings').count()).toBe(0);
    await screenshot(page, 'recordings-basic-plan.png');

    await openContactByPhone(page, stack.url, '(415) 555-0106');
    await page.getByTestId('upcoming-meetings').getByTestId('recordings-plan-banner').waitFor();
    await context.close();
  });
});
