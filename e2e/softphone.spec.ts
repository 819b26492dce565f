import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { openContactByPhone, signIn, signInAndConnectZoom } from './support/browser';
import { DEMO_ADMIN, stackWithZoomForSuite } from './support/stack';

const SCREENSHOTS = path.resolve(__dirname, '../docs/screenshots');
const VIEWPORT = { width: 1440, height: 900 };
/** The seeded contact every case calls. */
const CONTACT_PHONE = '(415) 555-0106';
const CONTACT_E164 = '+14155550106';
/** What reaches a page through the worker and the subscriptions: seconds, not minutes. */
const LIVE_MS = 20_000;

const callItems = (page: Page) => page.locator('[data-testid="timeline-item"][data-activity-type="CALL"]');

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name) });
}

/** Opens the pane from the top bar and signs the stand-in in as the agent's Zoom user: the softphone, ready to call. */
async function openSoftphone(page: Page): Promise<FrameLocator> {
  await page.getByTestId('softphone-toggle').click();
  const softphone = page.frameLocator('[data-testid="softphone-frame"]');
  // The stand-in asks for a sign-in once the app's zp-init-config has reached it.
  await softphone.locator('#status').filter({ hasText: 'Sign in to Zoom Phone to start.' }).waitFor();
  await softphone.locator('#user').selectOption('agent@demo.test');
  await softphone.locator('#status').filter({ hasText: 'Ready' }).waitFor();
  return softphone;
}

/** Clicks the contact's number on its page; the stand-in dials it and is connected. */
async function callContact(page: Page, softphone: FrameLocator): Promise<void> {
  await page.getByTestId('call-link').first().click();
  await softphone.locator('#call-number').filter({ hasText: CONTACT_E164 }).waitFor();
  await softphone.locator('#status').filter({ hasText: `Connected to ${CONTACT_E164}` }).waitFor({ timeout: LIVE_MS });
}

/** Hangs up in the stand-in and saves its call log with an outcome and notes. */
async function hangUpAndSaveLog(softphone: FrameLocator, outcome: string, notes: string): Promise<void> {
  await softphone.locator('#hangup').click();
  await softphone.locator('#disposition').fill(outcome);
  await softphone.locator('#notes').fill(notes);
  await softphone.locator('#save-log').click();
  await softphone.locator('#status').filter({ hasText: 'Log saved' }).waitFor();
}

/** The call's timeline entry once both Zoom's webhooks (the result) and the softphone's log (the notes) are on it. */
function loggedCall(page: Page, notes: string): Locator {
  return page.locator('[data-testid="timeline-item"][data-activity-type="CALL"][data-call-result="ANSWERED"]').filter({ has: page.getByTestId('call-notes').filter({ hasText: notes }) });
}

/** Adds an iframe of `src` to the page and resolves to it, loaded. */
async function addFrame(page: Page, src: string): Promise<Frame> {
  const navigated = page.waitForEvent('framenavigated', (frame) => decodeURIComponent(frame.url()) === src);
  await page.evaluate((url) => document.body.append(Object.assign(document.createElement('iframe'), { src: url })), src);
  const frame = await navigated;
  await frame.waitForLoadState();
  return frame;
}

async function newAgentPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await signIn(page, url);
  return page;
}

describe('the Zoom Phone softphone pane in chromium', () => {
  const zoom = stackWithZoomForSuite();
  // The agent's Zoom is connected for every case: the softphone's calls and texts are the agent's Zoom user's.
  beforeAll(async () => {
    const page = await zoom.stack.browser.newPage();
    await signInAndConnectZoom(page, zoom);
    await page.close();
  }, 60_000);

  it("dials a contact's number through the Smart Embed stand-in; its saved log lands on that call, live in a second tab, and stays editable", async () => {
    const { sim, stack } = zoom;
    const context = await stack.browser.newContext({ viewport: VIEWPORT });
    const page = await newAgentPage(context, stack.url);
    await openContactByPhone(page, stack.url, CONTACT_PHONE);
    const contactPath = new URL(page.url()).pathname;
    await page.getByTestId('timeline').waitFor({ state: 'attached' });
    const callsBefore = await callItems(page).count();

    // A second tab of the same agent, open on the contact before anything happens.
    const watcher = await context.newPage();
    await watcher.goto(`${stack.url}${contactPath}`);
    await watcher.getByTestId('timeline').waitFor({ state: 'attached' });

    const softphone = await openSoftphone(page);
    await page.getByTestId('softphone-pane').waitFor();
    await callContact(page, softphone);
    // The stand-in placed a real simulated call for the agent's Zoom user, so Zoom's own events follow.
    const deliveries = await sim.control<Array<{ event: string }>>('GET', '/_sim/deliveries');
    expect(deliveries.some((delivery) => delivery.event === 'phone.caller_ringing')).toBe(true);

    const notes = 'Wants a second viewing on Saturday, with her partner';
    await hangUpAndSaveLog(softphone, 'Appointment set', notes);
    for (const view of [page, watcher]) {
      const call = loggedCall(view, notes);
      await call.waitFor({ timeout: LIVE_MS });
      expect(await call.getByTestId('call-outcome').textContent()).toBe('Appointment set');
    }
    // Zoom's events and the softphone's log are one activity, matched by the call's id.
    expect(await callItems(page).count()).toBe(callsBefore + 1);
    expect(await callItems(watcher).count()).toBe(callsBefore + 1);
    await screenshot(page, 'softphone-pane.png');

    // Editable later, from the other tab; the first sees the change live.
    await loggedCall(watcher, notes).getByTestId('edit-call-log').click();
    const editor = watcher.getByTestId('call-log-form');
    await editor.getByTestId('call-outcome-select').selectOption('Follow-up');
    await editor.getByTestId('call-notes-input').fill(`${notes}. Confirmed by text after a second call.`);
    await editor.getByTestId('call-log-save').click();
    await loggedCall(page, `${notes}. Confirmed by text after a second call.`).getByTestId('call-outcome').filter({ hasText: 'Follow-up' }).waitFor({ timeout: LIVE_MS });

    // The pane stays open and docked where it was, across pages and reloads of this browser.
    await page.getByTestId('softphone-dock').click();
    await page.locator('[data-testid="softphone-pane"].softphone-pane.dock-left').waitFor();
    await page.reload();
    await page.locator('.softphone-pane.dock-left').waitFor();
    await page.getByTestId('softphone-close').click();
    await page.getByTestId('softphone-pane').waitFor({ state: 'detached' });
    // Closed, numbers are links to Zoom Phone again.
    expect(await page.getByTestId('call-link').first().getAttribute('href')).toBe(`zoomphonecall://${CONTACT_E164}`);
    await context.close();
  }, 180_000);

  it('changes nothing for a save-log posted by the page itself, by another window of the Smart Embed origin, or by another origin', async () => {
    const { sim, stack } = zoom;
    const context = await stack.browser.newContext({ viewport: VIEWPORT });
    const page = await newAgentPage(context, stack.url);
    await openContactByPhone(page, stack.url, CONTACT_PHONE);
    await page.getByTestId('timeline').waitFor({ state: 'attached' });
    const softphone = await openSoftphone(page);
    const callsBefore = await callItems(page).count();
    const forgedLogs: string[] = [];
    page.on('request', (request) => {
      if (request.postData()?.includes('forged')) forgedLogs.push(request.postData()!);
    });

    // Each forgery would make a call of its own on this contact if it were taken.
    const forgery = (by: string) => ({ type: 'zp-save-log-event', data: { callId: `forged-${by}`, direction: 'outbound', callee: { phoneNumber: CONTACT_E164 }, disposition: 'Not interested', notes: `forged by ${by}` } });
    const appOrigin = new URL(stack.url).origin;
    await page.evaluate((message) => window.postMessage(message, window.location.origin), forgery('the page'));
    // A window of the simulator's origin (the Smart Embed origin) that is not the pane's iframe, and a frame of no
    // origin at all (data:), each posting to the app.
    const impostor = await addFrame(page, `${sim.url}/j/1`);
    await impostor.evaluate(({ message, origin }) => window.parent.postMessage(message, origin), { message: forgery('another window'), origin: appOrigin });
    const elsewhere = await addFrame(page, 'data:text/html,<p>elsewhere</p>');
    await elsewhere.evaluate((message) => window.parent.postMessage(message, '*'), forgery('another origin'));

    // Then the softphone's own save-log, after the forgeries: once it has landed, a forgery taken would have too.
    await callContact(page, softphone);
    const notes = 'Asked for the disclosure package by email';
    await hangUpAndSaveLog(softphone, 'Connected', notes);
    await loggedCall(page, notes).waitFor({ timeout: LIVE_MS });
    expect(forgedLogs).toEqual([]);
    expect(await page.getByText('forged by').count()).toBe(0);
    expect(await callItems(page).count()).toBe(callsBefore + 1);
    await context.close();
  }, 180_000);

  it('answers the softphone\'s contact match, offers the contact\'s page for an incoming call, and shows texts as a thread', async () => {
    const { sim, stack } = zoom;
    const context = await stack.browser.newContext({ viewport: VIEWPORT });
    const page = await newAgentPage(context, stack.url);
    const name = await openContactByPhone(page, stack.url, CONTACT_PHONE);
    const contactPath = new URL(page.url()).pathname;
    const softphone = await openSoftphone(page);
    // The contact texts first (phone.sms_received from Zoom): the thread shows it without a reload.
    const question = 'Hi! Is the Hillcrest house still available this weekend?';
    await sim.control('POST', '/_sim/phone/sms', { userEmail: 'agent@demo.test', direction: 'inbound', counterpartNumber: CONTACT_E164, body: question });
    const thread = page.getByTestId('sms-thread');
    await thread.locator('[data-testid="sms-bubble"][data-direction="INBOUND"]').filter({ hasText: question }).waitFor({ timeout: LIVE_MS });
    await page.getByTestId('nav-live-calls').click();

    // An unknown caller: the stand-in hears there is no match, the app offers to create the contact.
    await softphone.locator('#incoming-number').fill('+14155559876');
    await softphone.locator('#incoming').click();
    await softphone.locator('#matches').filter({ hasText: 'Not in the app' }).waitFor();
    const unknownPop = page.getByTestId('softphone-screen-pop').filter({ hasText: 'Incoming call from +14155559876' });
    await unknownPop.getByRole('link', { name: 'Create contact' }).waitFor();
    await softphone.locator('#answer').click();
    await softphone.locator('#hangup').click();
    await unknownPop.waitFor({ state: 'detached' });
    await softphone.locator('#notes-done').click();

    // The contact's number: its name in the stand-in, and "Open contact" in the app, which opens the contact's page.
    await softphone.locator('#incoming-number').fill(CONTACT_E164);
    await softphone.locator('#incoming').click();
    await softphone.locator('#matches').filter({ hasText: name }).waitFor();
    const pop = page.getByTestId('softphone-screen-pop').filter({ hasText: `Incoming call from ${name}` });
    await pop.getByRole('link', { name: 'Open contact' }).click();
    await page.waitForURL((url) => url.pathname === contactPath);
    await softphone.locator('#answer').click();
    await softphone.locator('#hangup').click();
    await pop.waitFor({ state: 'detached' });
    await softphone.locator('#notes-done').click();

    // "SMS" beside the number opens the stand-in's compose; what it sends arrives as our bubble in the thread.
    await page.getByTestId('sms-link').first().click();
    await softphone.locator('#status').filter({ hasText: 'New text message' }).waitFor();
    expect(await softphone.locator('#sms-to').inputValue()).toBe(CONTACT_E164);
    const answer = `Hi ${name.split(' ')[0]}, it is! Saturday at 2 pm works for a viewing.`;
    await softphone.locator('#sms-body').fill(answer);
    await softphone.locator('#sms-send').click();
    await thread.locator('[data-testid="sms-bubble"][data-direction="OUTBOUND"]').filter({ hasText: answer }).waitFor({ timeout: LIVE_MS });
    // A conversation reads oldest first.
    const times = await thread.locator('[data-testid="sms-bubble"] time').evaluateAll((items) => items.map((item) => item.getAttribute('datetime') ?? ''));
    expect(times).toEqual([...times].sort());
    expect(await thread.getByTestId('sms-bubble').count()).toBe(2);
    await thread.scrollIntoViewIfNeeded();
    await screenshot(page, 'sms-thread.png');
    await context.close();
  }, 180_000);

  it('lets an admin edit the call outcomes in Settings, which agents then pick from and see read-only, also for a call logged by hand', async () => {
    const { stack } = zoom;
    const adminContext = await stack.browser.newContext({ viewport: VIEWPORT });
    const admin = await adminContext.newPage();
    await signIn(admin, stack.url, DEMO_ADMIN);
    await admin.goto(`${stack.url}/settings/calling`);
    const outcomes = admin.getByTestId('call-outcomes-form');
    await outcomes.getByTestId('call-outcome-input').first().waitFor();
    await outcomes.getByTestId('call-outcome-add').click();
    await outcomes.getByTestId('call-outcome-input').last().fill('Offer made');
    await outcomes.getByTestId('call-outcomes-save').click();
    await admin.getByTestId('call-outcomes-saved').waitFor();
    await adminContext.close();

    const context = await stack.browser.newContext({ viewport: VIEWPORT });
    const page = await newAgentPage(context, stack.url);
    await page.goto(`${stack.url}/settings/calling`);
    await page.getByTestId('call-outcomes').getByText('Offer made').waitFor();
    expect(await page.getByTestId('call-outcomes-form').count()).toBe(0);

    // A call made from a mobile, logged by hand with the new outcome.
    await openContactByPhone(page, stack.url, CONTACT_PHONE);
    await page.getByTestId('log-call').click();
    const form = page.getByTestId('log-call-form');
    await form.getByTestId('log-call-direction').selectOption('INBOUND');
    await form.getByTestId('call-outcome-select').selectOption('Offer made');
    await form.getByTestId('log-call-minutes').fill('7');
    const notes = 'Called from her mobile about the offer on Hillcrest';
    await form.getByTestId('log-call-notes').fill(notes);
    await form.getByTestId('log-call-submit').click();
    const logged = callItems(page).filter({ has: page.getByTestId('call-notes').filter({ hasText: notes }) });
    await logged.waitFor({ timeout: LIVE_MS });
    expect(await logged.getByTestId('call-outcome').textContent()).toBe('Offer made');
    expect(await logged.getByTestId('timeline-summary').textContent()).toBe('Inbound call · 7:00');
    await context.close();
  }, 120_000);
});
