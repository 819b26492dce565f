import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { eventually } from '../apps/api/test/support/eventually';
import { postWebhook, zoomHeaders } from '../apps/api/test/support/zoom-webhooks';
import { signInAndConnectZoom } from './support/browser';
import { DEMO_ADMIN, stackWithZoomForSuite } from './support/stack';

const SCREENSHOTS = path.resolve(__dirname, '../docs/screenshots');
const VIEWPORT = { width: 1280, height: 900 };
const ZOOM = 'admin@demo.test';

interface SimUser {
  id: string;
  email: string;
  accountId: string;
}

describe("the admin's integration health page in chromium", () => {
  const zoom = stackWithZoomForSuite();

  it('lists events processed without their malformed records, with Retry, and the events refused at intake with why, never their content', async () => {
    const { sim, stack } = zoom;
    const page = await (await stack.browser.newContext({ viewport: VIEWPORT })).newPage();
    await signInAndConnectZoom(page, zoom, { user: DEMO_ADMIN, zoomUser: ZOOM });

    // An answered call, and a missed one whose call records come without their start time.
    await sim.control('POST', '/_sim/phone/calls', { userEmail: ZOOM, direction: 'inbound', counterpartNumber: '4155550106', outcome: 'answered', durationSeconds: 40 });
    await sim.control('POST', '/_sim/phone/calls', { userEmail: ZOOM, direction: 'inbound', counterpartNumber: '4155550107', outcome: 'missed', omitFields: ['start_time'] });

    // An event for the same Zoom user that PostgreSQL could never store (a \u0000 in the caller's name), sent twice
    // as Zoom retries what it gets no 200 for.
    const user = (await sim.control<SimUser[]>('GET', '/_sim/users')).find((candidate) => candidate.email === ZOOM)!;
    const poison = JSON.stringify({
      event: 'phone.callee_missed',
      event_ts: Date.now(),
      payload: {
        account_id: user.accountId,
        object: {
          call_id: 'health-page-poison',
          caller: { phone_number: '+14155550142', name: 'Mallory\u0000Poison', extension_type: 'pstn' },
          callee: { user_id: user.id, phone_number: '+14155550100', extension_number: 1001 },
          ringing_start_time: new Date().toISOString(),
        },
      },
    });
    for (let delivery = 0; delivery < 2; delivery += 1) expect((await postWebhook(stack.url, poison, zoomHeaders(poison, 'sim-webhook-secret'))).status).toBe(400);

    // The page reads the health once: open it when every delivery of the calls has been processed.
    await eventually(() => sim.control<Array<{ status: string }>>('GET', '/_sim/deliveries'), (deliveries) => deliveries.length > 0 && deliveries.every((delivery) => delivery.status === 'delivered'), 30_000);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('nav-health').click();
    const partlyProcessed = page.locator('[data-testid="failed-events"] tbody tr');
    await eventually(
      async () => {
        await page.reload();
        await page.getByTestId('inbox-counts').waitFor();
        return partlyProcessed.count();
      },
      (rows) => rows === 2,
      30_000,
    );
    expect(await page.getByTestId('failed-events').getByRole('button', { name: 'Retry' }).count()).toBe(2);

    const rejected = page.getByTestId('rejected-event');
    expect(await rejected.count()).toBe(1);
    expect(await page.getByTestId('rejected-count').textContent()).toBe('1');
    expect(await rejected.locator('code').textContent()).toBe('phone.callee_missed');
    expect(await rejected.getByTestId('rejected-deliveries').textContent()).toBe('2');
    expect(await rejected.getByTestId('rejected-reason').textContent()).toMatch(/payload\.object\.caller\.name .*\\u0000/);
    // Nothing of what the event said is on the page, nor a Retry for it.
    expect(await page.getByTestId('rejected-events-card').textContent()).not.toMatch(/Mallory|Poison|4155550142/);
    expect(await page.getByTestId('rejected-events-card').getByRole('button').count()).toBe(0);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'integration-health.png'), fullPage: true });
    await page.context().close();
  });
});
