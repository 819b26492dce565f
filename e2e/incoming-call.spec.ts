import { openContactByPhone, signInAndConnectZoom } from './support/browser';
import { stackWithZoomForSuite } from './support/stack';

interface Delivery {
  event: string;
  status: string;
  lastAttemptAt: string;
}

const CALL_RECORD_EVENTS = ['phone.callee_call_element_completed', 'phone.callee_call_history_completed'];

describe('a call ringing while the agent works', () => {
  const zoom = stackWithZoomForSuite();

  it('syncs past calls on connect, then toasts while ringing and puts the missed call on the open contact page, without a reload, within a second of the webhook', async () => {
    const { sim, stack } = zoom;
    await sim.control('POST', '/_sim/phone/history', { userEmail: 'agent@demo.test', count: 50, days: 10 });
    const page = await stack.browser.newPage();
    await signInAndConnectZoom(page, zoom);
    // Connecting brought the last 30 days of calls in by itself; the card says how far it got.
    await page.getByTestId('call-sync-count').filter({ hasText: '50 calls synced' }).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('call-sync-progress').getAttribute('value')).toBe('100');

    const name = await openContactByPhone(page, stack.url, '(415) 555-0106');
    await page.getByTestId('timeline').waitFor({ state: 'attached' });
    const callsBefore = await page.locator('[data-testid="timeline-item"][data-activity-type="CALL"]').count();

    // Zoom's events a second and a half apart, as a real ring: ringing, missed, then the call's records.
    await sim.control('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', direction: 'inbound', counterpartNumber: '4155550106', outcome: 'missed', delivery: { paceMs: 1500 } });
    const toast = page.getByTestId('incoming-call-toast');
    await toast.filter({ hasText: `Incoming call from ${name}` }).waitFor({ timeout: 10_000 });
    await toast.waitFor({ state: 'detached', timeout: 10_000 });

    const missedCall = page.locator('[data-testid="timeline-item"][data-activity-type="CALL"]').nth(callsBefore);
    await missedCall.waitFor({ timeout: 15_000 });
    const seenAt = Date.now();
    await missedCall.filter({ hasText: /missed/i }).waitFor();
    // The call is logged by whichever of its records Zoom delivers first: the v3 call element or the call history.
    const deliveries = await sim.control<Delivery[]>('GET', '/_sim/deliveries');
    const [firstRecord] = deliveries
      .filter((delivery) => CALL_RECORD_EVENTS.includes(delivery.event) && delivery.status === 'delivered')
      .sort((a, b) => Date.parse(a.lastAttemptAt) - Date.parse(b.lastAttemptAt));
    expect(firstRecord).toBeDefined();
    expect(seenAt - Date.parse(firstRecord.lastAttemptAt)).toBeLessThan(1000);
    await page.close();
  });
});
