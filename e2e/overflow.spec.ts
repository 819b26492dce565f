import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { DEMO_ADMIN, startStack, type Stack } from './support/stack';

/**
 * The overflow guard: with text that has no place to break (a 60-letter first name, a 150-character URL in a note, a
 * long deal title), no signed-in page is wider than a phone or a laptop screen, and the contact page's own buttons
 * stay on screen. Routes that another part of the app adds later (/today, /deals, /deals/:id, /contacts/import)
 * are visited when the build has them and skipped when the router's catch-all sends them to /contacts.
 */
const SCREENSHOTS = path.resolve(__dirname, '../docs/screenshots');
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1440, height: 900 },
];
const LONG_FIRST_NAME = 'Maximilianaugustinbartholomewcornelius'.padEnd(60, 'x');
const LONG_URL = `https://listings.example.com/${'property-details-'.repeat(8)}`.padEnd(150, 'z');
const LONG_DEAL_TITLE = `Oceanfront${'penthouse'.repeat(7)}`;

interface Seeded {
  contactId: string;
  dealId: string | null;
}

/** Signs in and waits to leave the login page, wherever the app lands (the guard checks the pages, not the landing). */
async function signIn(page: Page, url: string, user: { email: string; password: string }): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByTestId('login-email').fill(user.email);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((address) => address.pathname !== '/login');
}

async function graphql<T>(page: Page, query: string, variables: Record<string, unknown>): Promise<{ data?: T; errors?: Array<{ message: string }> }> {
  const response = await page.request.post(new URL('/graphql', page.url()).toString(), { data: { query, variables } });
  return (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
}

/** The long-text contact, its note and (where the schema has deals) a deal, made through GraphQL as the admin. */
async function seed(page: Page): Promise<Seeded> {
  const contact = await graphql<{ createContact: { id: string } }>(page, 'mutation($input: ContactInput!) { createContact(input: $input) { id } }', {
    input: { firstName: LONG_FIRST_NAME, lastName: 'Featherstonehaugh', company: `${'Realty'.repeat(12)} Holdings`, emails: [`${'averylongmailbox'.repeat(3)}@example.com`], phones: ['+1 415 555 0199'] },
  });
  if (!contact.data) throw new Error(`createContact: ${JSON.stringify(contact.errors)}`);
  const contactId = contact.data.createContact.id;
  const note = await graphql(page, 'mutation($contactId: ID!, $body: String!) { addNote(contactId: $contactId, body: $body) { id } }', {
    contactId,
    body: `Sent the listing: ${LONG_URL}`,
  });
  if (note.errors) throw new Error(`addNote: ${JSON.stringify(note.errors)}`);
  const deal = await graphql<{ createDeal: { id: string } }>(page, 'mutation($input: DealInput!) { createDeal(input: $input) { id } }', {
    input: { contactId, title: LONG_DEAL_TITLE, propertyAddress: LONG_URL },
  });
  return { contactId, dealId: deal.data?.createDeal.id ?? null };
}

function routesFor({ contactId, dealId }: Seeded): Array<{ name: string; path: string }> {
  return [
    { name: 'Today', path: '/today' },
    { name: 'Contacts', path: '/contacts' },
    { name: 'Contact', path: `/contacts/${contactId}` },
    { name: 'Edit contact', path: `/contacts/${contactId}/edit` },
    { name: 'New contact', path: '/contacts/new' },
    { name: 'Contact import', path: '/contacts/import' },
    { name: 'Pipeline', path: '/deals' },
    ...(dealId ? [{ name: 'Deal', path: `/deals/${dealId}` }] : []),
    { name: 'Live calls', path: '/calls/live' },
    { name: 'Unmatched', path: '/calls/unmatched' },
    { name: 'Integrations', path: '/settings/integrations' },
    { name: 'Calling', path: '/settings/calling' },
    { name: 'Booking', path: '/settings/booking' },
    { name: 'API tokens', path: '/settings/tokens' },
    { name: 'People', path: '/settings/people' },
    { name: 'Integration health', path: '/settings/health' },
  ];
}

/** Opens `route` and waits until its page has loaded its data; false when the app has no such page (yet). */
async function visit(page: Page, url: string, route: string): Promise<boolean> {
  await page.goto(`${url}${route}`);
  await page.waitForLoadState('networkidle');
  if (new URL(page.url()).pathname !== route) return false;
  await page
    .locator('main h1')
    .first()
    .waitFor()
    .catch((error: unknown) => {
      throw new Error(`${route} shows no page heading: ${String(error)}`);
    });
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
  return true;
}

const horizontalExtent = (page: Page) => page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));

/** The innermost elements that reach past the right edge (none of their children does), for the failure message. */
const sticksOut = (page: Page) =>
  page.evaluate(() => {
    const past = (element: Element) => element.getBoundingClientRect().right > window.innerWidth + 0.5;
    const scrolledAway = (element: Element) => element.closest('.table-wrap, [data-scrolls]') !== null;
    return Array.from(document.body.querySelectorAll('*'))
      .filter((element) => past(element) && !scrolledAway(element) && !Array.from(element.children).some(past))
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string' ? `.${element.className.trim().split(/\s+/).join('.')}` : ''}`);
  });

/** Both edges of `locator`'s box within the viewport: not pushed off the right edge, not cut at the left. */
async function withinViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const { innerWidth } = await horizontalExtent(page);
  return box !== null && box.x >= 0 && box.x + box.width <= innerWidth;
}

describe('no page is wider than the screen, whatever the text', () => {
  let stack: Stack;
  let seeded: Seeded;
  beforeAll(async () => {
    stack = await startStack();
    const page = await stack.browser.newPage();
    await signIn(page, stack.url, DEMO_ADMIN);
    seeded = await seed(page);
    await page.close();
  });
  afterAll(() => stack?.stop());

  for (const viewport of VIEWPORTS) {
    it(`at ${viewport.width} x ${viewport.height} (${viewport.name})`, async () => {
      const context = await stack.browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
      const page = await context.newPage();
      await signIn(page, stack.url, DEMO_ADMIN);
      const visited: string[] = [];
      for (const route of routesFor(seeded)) {
        if (!(await visit(page, stack.url, route.path))) continue;
        visited.push(route.name);
        const { scrollWidth, innerWidth } = await horizontalExtent(page);
        const overflow = { page: route.name, width: viewport.width, scrollWidth, sticksOut: scrollWidth === innerWidth ? [] : await sticksOut(page) };
        expect(overflow).toEqual({ page: route.name, width: viewport.width, scrollWidth: innerWidth, sticksOut: [] });
      }
      expect(visited).toEqual(expect.arrayContaining(['Contacts', 'Contact', 'Live calls', 'Unmatched', 'Integrations', 'Calling', 'Booking', 'API tokens', 'People', 'Integration health']));

      await visit(page, stack.url, `/contacts/${seeded.contactId}`);
      await page.getByTestId('timeline-item').filter({ hasText: LONG_URL }).waitFor();
      const header = page.locator('.contact-page .page-header');
      const buttons: Array<[string, Locator]> = [
        ['Schedule Zoom meeting', header.getByRole('button', { name: 'Schedule Zoom meeting', exact: true })],
        ['Edit', header.getByRole('link', { name: 'Edit', exact: true })],
        ['Add note', page.getByRole('button', { name: 'Add note', exact: true })],
      ];
      for (const [button, locator] of buttons) expect({ button, withinViewport: await withinViewport(page, locator) }).toEqual({ button, withinViewport: true });
      if (viewport.name === 'phone') {
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: path.join(SCREENSHOTS, 'contact-390.png'), fullPage: true });
        await visit(page, stack.url, '/settings/calling');
        await page.screenshot({ path: path.join(SCREENSHOTS, 'calling-settings-390.png'), fullPage: true });
      }
      await context.close();
    }, 180_000);
  }
});
