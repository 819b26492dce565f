import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { signIn } from './support/browser';
import { DEMO_ADMIN, type Stack, startStack } from './support/stack';

const SCREENSHOTS = path.resolve(__dirname, '../docs/screenshots');
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
/** A seeded demo contact (apps/api/src/seed/demo-data.ts) and the deal the agent creates for them. */
const CONTACT = 'Liam Okafor';
const DEAL = 'Harbour View 4B, two-bed condo';

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name) });
}

const column = (page: Page, stage: string) => page.locator(`[data-testid="pipeline-column"][data-stage="${stage}"]`);
const cardIn = (page: Page, stage: string, title: string) => column(page, stage).getByTestId('deal-card').filter({ hasText: title });
const countOf = async (page: Page, stage: string) => Number.parseInt((await column(page, stage).getByTestId('stage-count').textContent()) ?? '', 10);
/** The page is exactly as wide as the window: nothing pushes it sideways. */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('deals in chromium: the pipeline board, dragging a deal, the deal page and its timeline, renaming a stage', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  }, 120_000);
  afterAll(() => stack?.stop());

  it('creates a deal, drags it to another stage (it stays there after a reload), and shows what is filed on it on its page', async () => {
    const context = await stack.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await signIn(page, stack.url);
    await page.getByTestId('nav-deals').click();
    await page.waitForURL(`${stack.url}/deals`);
    await column(page, 'prospect').getByTestId('deal-card').first().waitFor();
    const prospects = await countOf(page, 'prospect');
    const actives = await countOf(page, 'active');

    // New deal, every field; a missing title is said in words beside the field first.
    await page.getByTestId('new-deal').click();
    const form = page.getByTestId('deal-form');
    await form.getByTestId('save-deal').click();
    await form.getByText('Give the deal a title, like the property or the buyer.').waitFor();
    await form.locator('input[name="title"]').fill(DEAL);
    await form.getByTestId('deal-choose-contact').click();
    await form.getByRole('searchbox', { name: "Find the deal's contact" }).fill(CONTACT);
    await form.getByTestId('deal-contact-result').filter({ hasText: CONTACT }).click();
    await form.getByTestId('deal-form-contact').filter({ hasText: CONTACT }).waitFor();
    await form.locator('input[name="value"]').fill('$ 725,000');
    await form.locator('input[name="propertyAddress"]').fill('4B Harbour View, 88 Embarcadero, San Francisco, CA');
    await form.getByTestId('save-deal').click();
    await page.getByTestId('pipeline-message').filter({ hasText: `Deal "${DEAL}" created in Prospect.` }).waitFor();
    const card = cardIn(page, 'prospect', DEAL);
    await card.filter({ hasText: CONTACT }).filter({ hasText: '$725,000' }).filter({ hasText: '88 Embarcadero' }).waitFor();
    expect(await countOf(page, 'prospect')).toBe(prospects + 1);

    // A real mouse drag (playwright's dragTo: down, move, up), which chromium turns into HTML5 dragstart / drop.
    await card.dragTo(column(page, 'active'));
    await cardIn(page, 'active', DEAL).waitFor();
    expect(await cardIn(page, 'prospect', DEAL).count()).toBe(0);
    await page.waitForFunction(
      ([stage, expected]) => document.querySelector(`[data-testid="pipeline-column"][data-stage="${stage}"] [data-testid="stage-count"]`)?.textContent?.startsWith(`${expected} `),
      ['active', actives + 1] as const,
    );
    await page.reload();
    await cardIn(page, 'active', DEAL).waitFor();
    expect(await countOf(page, 'active')).toBe(actives + 1);
    expect(await countOf(page, 'prospect')).toBe(prospects);

    // The keyboard and touch way: the card's "Move to" menu.
    await cardIn(page, 'active', DEAL).getByTestId('move-deal').selectOption('under_contract');
    await cardIn(page, 'under_contract', DEAL).waitFor();
    await cardIn(page, 'under_contract', DEAL).getByTestId('move-deal').selectOption('active');
    await cardIn(page, 'active', DEAL).waitFor();
    await screenshot(page, 'pipeline.png');

    // On a phone the columns scroll inside the board; the page itself does not get wider.
    await page.setViewportSize(PHONE);
    await cardIn(page, 'active', DEAL).waitFor();
    expect(await overflow(page)).toBe(0);
    await page.setViewportSize(DESKTOP);

    // A note on the contact's timeline, put on the deal with the deal picker.
    await cardIn(page, 'active', DEAL).getByRole('link', { name: DEAL }).click();
    await page.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
    await page.getByTestId('deal-title').filter({ hasText: DEAL }).waitFor();
    await page.getByTestId('deal-contact').filter({ hasText: CONTACT }).click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
    await page.getByTestId('contact-deals').getByRole('link', { name: DEAL }).waitFor();
    const note = 'Loves the bay view; wants the HOA minutes before making an offer.';
    await page.getByTestId('note-input').fill(note);
    await page.getByTestId('note-submit').click();
    const entry = page.getByTestId('timeline-item').filter({ hasText: note });
    await entry.getByTestId('put-on-deal').click();
    await entry.getByRole('searchbox', { name: 'Find the deal to put this on' }).fill('Harbour');
    await entry.getByTestId('move-to-deal-result').filter({ hasText: DEAL }).click();
    await entry.getByTestId('activity-deal-link').filter({ hasText: DEAL }).click();

    await page.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
    await page.getByTestId('deal-stage-name').filter({ hasText: 'Active' }).waitFor();
    await page.getByTestId('timeline').getByTestId('timeline-item').filter({ hasText: note }).waitFor();
    expect(await page.getByTestId('timeline').getByTestId('timeline-item').count()).toBe(1);
    expect(await page.title()).toBe(`${DEAL} · Switchboard`);
    await screenshot(page, 'deal-page.png');
    await page.setViewportSize(PHONE);
    await page.getByTestId('deal-title').waitFor();
    expect(await overflow(page)).toBe(0);
    await context.close();
  }, 120_000);

  it("shows a move on another user's open board at once, without a reload, with both columns' counts", async () => {
    const watcherContext = await stack.browser.newContext({ viewport: DESKTOP });
    const watcher = await watcherContext.newPage();
    await signIn(watcher, stack.url, DEMO_ADMIN);
    await watcher.goto(`${stack.url}/deals`);
    const title = (await column(watcher, 'prospect').getByTestId('deal-card').first().getByRole('link').textContent()) ?? '';
    const prospects = await countOf(watcher, 'prospect');
    const won = await countOf(watcher, 'closed_won');

    const moverContext = await stack.browser.newContext({ viewport: DESKTOP });
    const mover = await moverContext.newPage();
    await signIn(mover, stack.url);
    await mover.goto(`${stack.url}/deals`);
    await cardIn(mover, 'prospect', title).dragTo(column(mover, 'closed_won'));
    await cardIn(mover, 'closed_won', title).waitFor();

    await cardIn(watcher, 'closed_won', title).waitFor();
    expect(await cardIn(watcher, 'prospect', title).count()).toBe(0);
    await watcher.waitForFunction(
      ([expected]) =>
        ['prospect', 'closed_won'].every((stage, index) => document.querySelector(`[data-testid="pipeline-column"][data-stage="${stage}"] [data-testid="stage-count"]`)?.textContent?.startsWith(`${expected[index]} `)),
      [[prospects - 1, won + 1]] as const,
    );
    await watcherContext.close();
    await moverContext.close();
  }, 60_000);

  it('lets an admin rename a stage inline, for everyone; agents see no rename button', async () => {
    const agentContext = await stack.browser.newContext({ viewport: DESKTOP });
    const agent = await agentContext.newPage();
    await signIn(agent, stack.url);
    await agent.goto(`${stack.url}/deals`);
    await column(agent, 'under_contract').getByTestId('stage-label').filter({ hasText: 'Under contract' }).waitFor();
    expect(await agent.getByTestId('rename-stage').count()).toBe(0);

    const adminContext = await stack.browser.newContext({ viewport: DESKTOP });
    const admin = await adminContext.newPage();
    await signIn(admin, stack.url, DEMO_ADMIN);
    await admin.goto(`${stack.url}/deals`);
    const header = column(admin, 'under_contract');
    await header.getByTestId('rename-stage').click();
    await header.getByTestId('stage-label-input').fill('   ');
    await header.getByTestId('save-stage-label').click();
    await header.getByRole('alert').filter({ hasText: 'Give the stage a name.' }).waitFor();
    await header.getByTestId('stage-label-input').fill('Offer accepted');
    await header.getByTestId('save-stage-label').click();
    await header.getByTestId('stage-label').filter({ hasText: 'Offer accepted' }).waitFor();

    await agent.reload();
    await column(agent, 'under_contract').getByTestId('stage-label').filter({ hasText: 'Offer accepted' }).waitFor();
    await agentContext.close();
    await adminContext.close();
  }, 60_000);
});
