import { openContactByPhone, signIn } from './support/browser';
import { DEMO_ADMIN, DEMO_AGENT, startStack, type Stack } from './support/stack';

describe('the SPA in chromium', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('signs in and lists the seeded contacts', async () => {
    const page = await stack.browser.newPage();
    await signIn(page, stack.url, DEMO_AGENT);
    expect(await page.getByTestId('contact-row').count()).toBeGreaterThanOrEqual(20);
    await page.getByTestId('contact-search').fill('(415) 555-0100');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="contact-row"]').length === 1);
    await page.close();
  });

  it('shows a note added in one session in another session without a reload', async () => {
    const context1 = await stack.browser.newContext();
    const context2 = await stack.browser.newContext();
    const writer = await context1.newPage();
    const reader = await context2.newPage();
    await signIn(writer, stack.url, DEMO_AGENT);
    await signIn(reader, stack.url, DEMO_ADMIN);
    await writer.getByTestId('contact-row').first().getByRole('link').first().click();
    await writer.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
    const contactPath = new URL(writer.url()).pathname;
    await reader.goto(`${stack.url}${contactPath}`);
    await reader.getByTestId('timeline').waitFor({ state: 'attached' });
    const headingOnReader = await reader.getByTestId('contact-name').textContent();
    expect(headingOnReader).toBe(await writer.getByTestId('contact-name').textContent());

    const body = `Called about the listing ${Date.now()}`;
    await writer.getByTestId('note-input').fill(body);
    await writer.getByTestId('note-submit').click();
    await reader.getByTestId('timeline-item').filter({ hasText: body }).waitFor({ timeout: 10_000 });
    await context1.close();
    await context2.close();
  });

  it('dials numbers with Zoom Phone, or with tel: for an agent who chose "This device"', async () => {
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    await signIn(page, stack.url, DEMO_AGENT);
    await openContactByPhone(page, stack.url, '(415) 555-0106');
    const contactUrl = page.url();
    await page.getByTestId('call-link').first().waitFor();
    expect(await page.getByTestId('call-link').first().getAttribute('href')).toBe('zoomphonecall://+14155550106');
    expect(await page.getByTestId('sms-link').first().getAttribute('href')).toBe('zoomphonesms://+14155550106');

    await page.goto(`${stack.url}/settings/calling`);
    await page.getByTestId('call-links-TEL').click();
    await page.waitForFunction(() => (document.querySelector('[data-testid="call-links-TEL"]') as HTMLInputElement | null)?.checked === true);
    await page.goto(contactUrl);
    await page.getByTestId('call-link').first().waitFor();
    expect(await page.getByTestId('call-link').first().getAttribute('href')).toBe('tel:+14155550106');
    await page.goto(`${stack.url}/settings/calling`);
    await page.getByTestId('call-links-ZOOM_PHONE').click();
    await context.close();
  });
});
