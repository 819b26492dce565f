import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { type Stack, startStack } from './support/stack';

const SCREENSHOTS = path.resolve(__dirname, '../docs/screenshots');
const VIEWPORT = { width: 1280, height: 900 };
const ADMIN = { organisation: 'Bayside Realty', name: 'Morgan Reyes', email: 'morgan@bayside.test', password: 'bayside-admin-pw' };
const AGENT = { name: 'Sam Patel', email: 'sam@bayside.test', password: 'sam-agent-pw' };

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name) });
}

/** A fresh install: the demo the stack seeds is removed, so no organisation exists and the app offers its first run. */
async function removeEveryOrganisation(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('TRUNCATE organisations CASCADE');
  } finally {
    await client.end();
  }
}

async function inviteFromPeopleTab(page: Page, email: string, role: 'agent' | 'admin'): Promise<string> {
  await page.getByTestId('invite-email-input').fill(email);
  await page.getByTestId('invite-role').selectOption(role);
  await page.getByTestId('invite-submit').click();
  const result = page.getByTestId('invite-result').filter({ hasText: email });
  await result.waitFor();
  return page.getByTestId('invite-link').inputValue();
}

describe('onboarding in chromium: first run, invite, accept, deactivate', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Closed sign-up still lets the very first organisation in.
    stack = await startStack({ SIGNUP: 'closed' });
    await removeEveryOrganisation(stack.database.url);
  });
  afterAll(() => stack?.stop());

  it('creates the organisation and its admin, invites an agent who joins from the link, and deactivation sends them to sign in', async () => {
    const adminContext = await stack.browser.newContext({ viewport: VIEWPORT });
    const admin = await adminContext.newPage();

    // First run: any page leads to the first-run form.
    await admin.goto(`${stack.url}/contacts`);
    await admin.waitForURL(`${stack.url}/signup`);
    await admin.getByText('Set up your organisation').waitFor();
    await admin.getByTestId('signup-organisation').fill(ADMIN.organisation);
    await admin.getByTestId('signup-region').selectOption('US');
    await admin.getByTestId('signup-name').fill(ADMIN.name);
    await admin.getByTestId('signup-email').fill(ADMIN.email);
    await admin.getByTestId('signup-password').fill('short');
    await admin.getByTestId('signup-submit').click();
    await admin.getByTestId('signup-error').filter({ hasText: 'at least 8 characters' }).waitFor();
    await admin.getByTestId('signup-password').fill(ADMIN.password);
    await screenshot(admin, 'first-run.png');
    await admin.getByTestId('signup-submit').click();

    // Signed in as the admin, on Settings > People.
    await admin.waitForURL(`${stack.url}/settings/people`);
    await admin.getByTestId('welcome').filter({ hasText: `${ADMIN.organisation} is ready` }).waitFor();
    await admin.locator('.whoami-name').filter({ hasText: ADMIN.name }).waitFor();
    const adminRow = admin.locator(`[data-testid="person-row"][data-email="${ADMIN.email}"]`);
    expect(await adminRow.getByTestId('person-status').textContent()).toBe('Active');
    expect(await adminRow.getByTestId('person-deactivate').count()).toBe(0);

    // Invite: without SMTP_URL the invite waits in the outbox and the link is there to copy.
    const link = await inviteFromPeopleTab(admin, AGENT.email, 'agent');
    expect(link).toMatch(new RegExp(`^${stack.url}/invite/sbi_`));
    expect(await admin.getByTestId('invite-result').getAttribute('data-delivery')).toBe('OUTBOX');
    await admin.getByTestId('invite-result').filter({ hasText: 'kept in the outbox' }).waitFor();
    await admin.locator(`[data-testid="invite-row"][data-email="${AGENT.email}"]`).waitFor();

    // The agent opens the link in a browser of their own and joins.
    const agentContext = await stack.browser.newContext({ viewport: VIEWPORT });
    const agent = await agentContext.newPage();
    await agent.goto(link);
    await agent.getByText(`Join ${ADMIN.organisation}`).first().waitFor();
    expect(await agent.getByTestId('invite-email').inputValue()).toBe(AGENT.email);
    await agent.getByTestId('invite-name').fill(AGENT.name);
    await agent.getByTestId('invite-password').fill(AGENT.password);
    await agent.getByTestId('invite-submit').click();
    await agent.waitForURL(`${stack.url}/today`);
    await agent.locator('.whoami-name').filter({ hasText: AGENT.name }).waitFor();
    await agent.getByTestId('nav-settings').click();
    await agent.waitForURL(`${stack.url}/settings/integrations`);
    expect(await agent.getByTestId('nav-people').count()).toBe(0);

    // The link worked once: opened again, it says so.
    const again = await agentContext.newPage();
    await again.goto(link);
    await again.getByTestId('invite-unusable-reason').filter({ hasText: 'sign in with the password you chose' }).waitFor();
    await again.close();

    // The admin sees them join; a second invite stays open beside them.
    await admin.reload();
    const agentRow = admin.locator(`[data-testid="person-row"][data-email="${AGENT.email}"]`);
    await agentRow.waitFor();
    expect(await agentRow.getByTestId('person-status').textContent()).toBe('Active');
    expect(await agentRow.getByTestId('person-role').inputValue()).toBe('agent');
    expect(await admin.locator(`[data-testid="invite-row"][data-email="${AGENT.email}"]`).count()).toBe(0);
    await inviteFromPeopleTab(admin, 'jordan@bayside.test', 'admin');
    await admin.locator('[data-testid="invite-row"][data-email="jordan@bayside.test"]').waitFor();

    // Deactivation (confirmed) ends the agent's session: their next action lands on the sign-in page.
    admin.once('dialog', (dialog) => void dialog.accept());
    await agentRow.getByTestId('person-deactivate').click();
    await agentRow.getByTestId('person-status').filter({ hasText: 'Deactivated' }).waitFor();
    await agentRow.getByTestId('person-reactivate').waitFor();
    await admin.getByTestId('welcome-dismiss').click();
    await admin.getByTestId('welcome').waitFor({ state: 'detached' });
    await screenshot(admin, 'people.png');

    await agent.getByTestId('nav-unmatched').click();
    await agent.waitForURL(`${stack.url}/login`);
    await agent.getByTestId('login-email').fill(AGENT.email);
    await agent.getByTestId('login-password').fill(AGENT.password);
    await agent.getByTestId('login-submit').click();
    await agent.getByTestId('login-error').filter({ hasText: 'deactivated' }).waitFor();
    // Sign-up is closed and an organisation exists now: no way to make another.
    expect(await agent.getByTestId('create-organisation').count()).toBe(0);

    await agentContext.close();
    await adminContext.close();
  });
});
