import type { Page } from 'playwright-core';
import type { ZoomSim } from '../../apps/zoom-sim/testing/zoom-sim-process';
import { DEMO_AGENT, type Stack } from './stack';

/** Signs in on the login page, lands on Today, and opens the contact list, where the suites start. */
export async function signIn(page: Page, url: string, user: { email: string; password: string } = DEMO_AGENT): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByTestId('login-email').fill(user.email);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((landed) => landed.pathname === '/today');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts', exact: true }).click();
  await page.getByTestId('contact-row').first().waitFor();
}

/**
 * Clicks `button` on the Zoom card, approves on the simulator's consent page (as `zoomUser` when given, e.g. the
 * Basic-plan user; else the one Zoom suggests), and waits for the way back.
 */
export async function consentAtZoom(page: Page, button: string, simUrl: string, appUrl: string, zoomUser?: string): Promise<void> {
  await page.getByTestId(button).click();
  await page.waitForURL((url) => url.toString().startsWith(simUrl));
  await page.getByText('meeting:write:meeting').first().waitFor();
  if (zoomUser) await page.locator('select[name="login_hint"]').selectOption(zoomUser);
  await page.getByRole('button', { name: /approve|allow|authorize/i }).click();
  await page.waitForURL(`${appUrl}/settings/integrations?zoom=connected`);
}

/**
 * Signs in (as the agent unless `user` is given), opens Settings and connects Zoom on the simulator's consent page
 * (as `zoomUser` when given): where a Zoom scenario in chromium starts.
 */
export async function signInAndConnectZoom(page: Page, { sim, stack }: { sim: ZoomSim; stack: Stack }, as: { user?: { email: string; password: string }; zoomUser?: string } = {}): Promise<void> {
  await signIn(page, stack.url, as.user);
  await page.getByTestId('nav-settings').click();
  await consentAtZoom(page, 'zoom-connect', sim.url, stack.url, as.zoomUser);
}

/** Searches the contacts page for the one contact with this number, opens it, and resolves to its name. */
export async function openContactByPhone(page: Page, appUrl: string, phone: string): Promise<string> {
  await page.goto(`${appUrl}/contacts`);
  await page.getByTestId('contact-search').fill(phone);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="contact-row"]').length === 1);
  await page.getByTestId('contact-row').first().getByRole('link').first().click();
  await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
  return (await page.getByTestId('contact-name').textContent())!.trim();
}
