import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_ADMIN, DEMO_AGENT, startStack, type Stack } from './support/stack';

const SCREENSHOTS = path.resolve(__dirname, '../docs/screenshots');
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
}

/** The api as the signed-in page calls it (its session cookie). */
async function graphql<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await page.request.post(new URL('/graphql', page.url()).toString(), { data: { query, variables } });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Waits for the tab's title (set once the page's code has loaded). */
const titled = (page: Page, title: string) => page.waitForFunction((expected) => document.title === expected, title);

const overflowsHorizontally = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

/** Contacts in chromium: filters and sort, the duplicate prompt, every field's message, delete with confirm, CSV import (issue 19). */
describe('contacts in chromium', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  /** A page of the agent's (or `user`'s), signed in through the api (the session cookie), on the contacts list. */
  const signedIn = async (viewport = DESKTOP, user = DEMO_AGENT) => {
    const context = await stack.browser.newContext({ viewport, locale: 'en-US' });
    const page = await context.newPage();
    const login = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';
    await page.request.post(`${stack.url}/graphql`, { data: { query: login, variables: user } });
    await page.goto(`${stack.url}/contacts`);
    await page.getByTestId('contact-row').first().waitFor();
    return page;
  };

  it('filters by stage and sorts by last contacted, "Last contacted" in words; as cards within a phone', async () => {
    const page = await signedIn();
    await page.goto(`${stack.url}/contacts`);
    await page.getByTestId('contact-row').first().waitFor();
    await titled(page, 'Contacts · Switchboard');

    await page.getByTestId('filter-stage').selectOption('client');
    await page.waitForURL(/stage=client/);
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="contact-row"] .badge')).every((badge) => badge.textContent === 'Client'));
    const clients = await page.getByTestId('contact-row').count();
    expect(clients).toBeGreaterThan(0);
    expect(clients).toBeLessThan(50);

    // A call logged with the last client on the list makes them the most recently contacted.
    const { contacts } = await graphql<{ contacts: { edges: Array<{ node: { id: string; name: string } }> } }>(page, '{ contacts(stage: client, first: 100) { edges { node { id name } } } }');
    const called = contacts.edges.at(-1)!.node;
    await graphql(page, 'mutation($input: LogCallInput!) { logCall(input: $input) { id } }', {
      input: { contactId: called.id, direction: 'OUTBOUND', durationSeconds: 120, occurredAt: new Date(Date.now() - 5 * 60_000).toISOString() },
    });
    await page.getByTestId('sort-contacts').selectOption('LAST_CONTACTED');
    await page.waitForURL(/sort=LAST_CONTACTED/);
    const firstRow = page.getByTestId('contact-row').first();
    await firstRow.filter({ hasText: called.name }).waitFor();
    expect(await firstRow.getByTestId('last-contacted').textContent()).toBe('5 minutes ago');
    expect(await page.getByTestId('contact-row').nth(1).getByTestId('last-contacted').textContent()).toBe('Never');
    await screenshot(page, 'contacts.png');

    await page.setViewportSize(PHONE);
    await page.getByTestId('contact-row').first().waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.context().close();
  });

  it('shows every field\'s problem beside it at once, checks a phone when it is left, and offers the contact that has that phone', async () => {
    const page = await signedIn();
    const { contacts } = await graphql<{ contacts: { edges: Array<{ node: { id: string; name: string } }> } }>(page, '{ contacts(search: "(415) 555-0100") { edges { node { id name } } } }');
    const existing = contacts.edges[0].node;
    await page.goto(`${stack.url}/contacts/new`);
    await titled(page, 'New contact · Switchboard');

    await page.getByLabel('Phones 1', { exact: true }).fill('123');
    await page.getByLabel('Phones 1', { exact: true }).blur();
    await page.getByTestId('message-phones.0').waitFor();
    expect(await page.getByTestId('message-phones.0').textContent()).toBe("“123” doesn't look like a phone number for the United States: include the area code, or start with + and the country code");
    expect(await page.getByLabel('Phones 1', { exact: true }).getAttribute('aria-describedby')).toBe('contact-phones-0-message');

    await page.getByRole('button', { name: 'Add email' }).click();
    await page.getByLabel('Emails 1', { exact: true }).fill('not-an-email');
    await page.getByTestId('contact-form-save').click();
    await page.getByTestId('message-firstName').waitFor();
    expect(await page.getByTestId('form-problems').textContent()).toBe('3 fields need a look before saving.');
    expect(await page.getByTestId('message-firstName').textContent()).toBe('Enter a first name');
    expect(await page.getByTestId('message-emails.0').textContent()).toBe("“not-an-email” doesn't look like an email address");
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-describedby'))).toBe('contact-firstName-message');

    await page.getByRole('textbox', { name: /^First name/ }).fill('Twin');
    await page.getByLabel('Emails 1', { exact: true }).fill('');
    await page.getByLabel('Phones 1', { exact: true }).fill('415 555 0100');
    await page.getByLabel('Phones 1', { exact: true }).blur();
    await page.getByTestId('duplicate-notice').waitFor();
    expect(await page.getByTestId('message-phones.0').count()).toBe(0);
    expect(await page.getByTestId('duplicate-notice').textContent()).toContain(`A contact with this phone already exists: ${existing.name}`);
    await page.getByTestId('contact-form-save').click();
    await page.getByTestId('duplicate-notice').waitFor();
    expect(page.url()).toBe(`${stack.url}/contacts/new`);
    await page.getByTestId('open-duplicate').click();
    await page.waitForURL(`${stack.url}/contacts/${existing.id}`);
    expect(await page.getByTestId('contact-name').textContent()).toBe(existing.name);
    await page.context().close();
  });

  it('deletes a contact after asking what becomes of their calls and notes; a colleague on that contact is told without a reload', async () => {
    const page = await signedIn();
    const { createContact } = await graphql<{ createContact: { id: string } }>(page, 'mutation { createContact(input: { firstName: "Leaving", lastName: "Soon", phones: ["+1 415 555 0177"] }) { id } }');
    await graphql(page, 'mutation($c: ID!) { addNote(contactId: $c, body: "Moving to Denver") { id } }', { c: createContact.id });
    await page.goto(`${stack.url}/contacts/${createContact.id}`);
    await page.getByTestId('delete-contact').click();
    const dialog = page.getByTestId('delete-contact-dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').textContent()).toBe('Delete Leaving Soon?');
    expect(await dialog.getByLabel(/Keep their calls and messages \(they move to Unmatched\)/).isChecked()).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // A colleague has the same contact open, listening for its deletion.
    const colleague = await signedIn(DESKTOP, DEMO_ADMIN);
    const listening = new Promise<void>((resolve) =>
      colleague.on('websocket', (socket) => socket.on('framesent', (frame) => String(frame.payload).includes('subscription ContactDeleted') && resolve())),
    );
    await colleague.goto(`${stack.url}/contacts/${createContact.id}`);
    await colleague.getByTestId('contact-name').waitFor();
    await listening;
    // The deleting tab navigates away by itself: the notice must never show there, not even for a moment, though the
    // deletion is heard before the mutation's answer arrives (held here until the colleague has been told).
    const notice = colleague.getByTestId('contact-deleted-notice');
    await page.route('**/graphql', async (route) => {
      if (!route.request().postData()?.includes('mutation DeleteContact')) return route.continue();
      const response = await route.fetch();
      await notice.waitFor();
      await route.fulfill({ response });
    });
    await page.evaluate(() => {
      const marked = window as unknown as { sawDeletedNotice?: boolean };
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="contact-deleted-notice"]')) marked.sawDeletedNotice = true;
      }).observe(document.body, { childList: true, subtree: true });
    });

    await page.getByTestId('delete-contact').click();
    await dialog.getByTestId('delete-activities-too').check();
    await dialog.getByTestId('confirm-delete-contact').click();
    await page.waitForURL(`${stack.url}/contacts`);
    await page.getByTestId('contact-row').first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { sawDeletedNotice?: boolean }).sawDeletedNotice ?? false)).toBe(false);

    expect(await notice.locator('p').textContent()).toBe('Leaving Soon was deleted by someone else. Their calls and texts, if kept, are in Unmatched.');
    expect(await colleague.getByTestId('contact-name').count()).toBe(0);
    await titled(colleague, 'Contact deleted · Switchboard');
    expect(await notice.getByRole('link', { name: 'Contacts' }).getAttribute('href')).toBe('/contacts');
    await colleague.setViewportSize(PHONE);
    expect(await overflowsHorizontally(colleague)).toBe(false);
    await notice.getByRole('link', { name: 'Unmatched' }).click();
    await colleague.waitForURL(`${stack.url}/calls/unmatched`);
    await colleague.context().close();
    const gone = await graphql<{ contact: unknown; contacts: { totalCount: number } }>(page, 'query($id: ID!) { contact(id: $id) { id } contacts(search: "Leaving Soon") { totalCount } }', { id: createContact.id });
    expect(gone).toEqual({ contact: null, contacts: { totalCount: 0 } });
    await page.context().close();
  });

  it('imports a CSV: a preview of every row, then the report of what was created', async () => {
    const page = await signedIn();
    await page.goto(`${stack.url}/contacts`);
    await page.getByTestId('import-contacts').click();
    await page.waitForURL(`${stack.url}/contacts/import`);
    await titled(page, 'Import contacts · Switchboard');
    const csv = [
      'First name,Last name,Email,Phone,Stage,Tags,Lead source',
      'Nadia,Brooks,nadia@brooks.test,(628) 555-0190,lead,"VIP, buyer",Zillow',
      'Oscar,Reyes,,(415) 555-0100,client,,Open house',
      ',Nameless,broken,123,,,',
      'Priya,Shah,priya@shah.test,+44 20 7946 0999,past client,seller,Referral',
    ].join('\n');
    await page.getByTestId('import-text').fill(csv);
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-rows').waitFor();
    const statuses = () => page.getByTestId('import-row').evaluateAll((rows) => rows.map((row) => [row.children[1].textContent, row.getAttribute('data-status')]));
    expect(await statuses()).toEqual([
      ['Nadia Brooks', 'WOULD_CREATE'],
      ['Oscar Reyes', 'DUPLICATE'],
      ['Nameless', 'INVALID'],
      ['Priya Shah', 'WOULD_CREATE'],
    ]);
    expect(await page.getByTestId('import-row').nth(2).textContent()).toContain('Enter a first name');
    expect(await page.getByTestId('import-run').textContent()).toBe('Import 2 contacts');

    await page.getByTestId('import-run').click();
    await page.getByRole('heading', { name: 'Import report' }).waitFor();
    expect(await page.getByTestId('import-summary').textContent()).toContain('2 contacts created');
    expect((await statuses()).map(([, status]) => status)).toEqual(['CREATED', 'DUPLICATE', 'INVALID', 'CREATED']);
    await screenshot(page, 'contact-import.png');
    await page.getByRole('link', { name: 'Nadia Brooks' }).click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('contact-name').textContent()).toBe('Nadia Brooks');
    await page.context().close();
  });
});
