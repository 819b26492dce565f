import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { consentAtZoom, signInAndConnectZoom } from './support/browser';
import { stackWithZoomForSuite } from './support/stack';

async function tokenRows(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM zoom_tokens')).rowCount ?? 0;
  } finally {
    await client.end();
  }
}

describe('Connect Zoom in chromium', () => {
  const zoom = stackWithZoomForSuite();

  it('connects through the consent page, shows the account, and disconnects with the token revoked at Zoom', async () => {
    const { sim, stack } = zoom;
    const page = await stack.browser.newPage();
    await signInAndConnectZoom(page, zoom);
    await expectText(page, 'zoom-connected-as', 'agent@demo.test');
    await expectText(page, 'zoom-plan', 'Pro');
    expect(await tokenRows(stack.database.url)).toBe(1);

    page.once('dialog', (dialog) => dialog.accept());
    await page.getByTestId('zoom-disconnect').click();
    await page.getByTestId('zoom-connect').waitFor();
    const tokens = await sim.control<Array<{ active: boolean }>>('GET', '/_sim/tokens?userEmail=agent@demo.test');
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((token) => !token.active)).toBe(true);
    expect(await tokenRows(stack.database.url)).toBe(0);
    await page.close();
  });

  it('shows "Reconnect Zoom" when the grant is revoked at Zoom, reconnects, and goes back to Connect after an uninstall', async () => {
    const { sim, stack } = zoom;
    const page = await stack.browser.newPage();
    await signInAndConnectZoom(page, zoom);
    await expectText(page, 'zoom-connected-as', 'agent@demo.test');

    await sim.control('POST', '/_sim/tokens/revoke', { userEmail: 'agent@demo.test' });
    await sim.control('POST', '/_sim/tokens/expire', { userEmail: 'agent@demo.test' });
    await page.getByTestId('zoom-check').click();
    await page.getByTestId('zoom-reconnect-banner').waitFor();
    await consentAtZoom(page, 'zoom-reconnect', sim.url, stack.url);
    await expectText(page, 'zoom-connected-as', 'agent@demo.test');
    await page.getByTestId('zoom-reconnect-banner').waitFor({ state: 'detached' });

    await sim.control('POST', '/_sim/deauthorize', { userEmail: 'agent@demo.test' });
    await page.getByTestId('zoom-connect').waitFor();
    expect(await tokenRows(stack.database.url)).toBe(0);
    await page.close();
  });
});

async function expectText(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).filter({ hasText: text }).waitFor();
}
