import { harnessForSuite } from './support/harness';

/**
 * The category each call we make counts against, as the simulator answers it in `X-RateLimit-Category`. Phone
 * calls: the "Rate Limit Label" of each operation in Zoom's Phone API spec. The rest: Zoom's API reference as
 * integrations quote it (unconfirmed). Ids are made up: the limits apply before the call looks anything up.
 */
const LABELS: Array<[method: string, path: string, category: string]> = [
  ['GET', '/v2/phone/users/me', 'Light'],
  ['GET', '/v2/phone/users/me/call_history', 'Medium'],
  ['GET', '/v2/phone/users/me/call_logs', 'Medium'],
  ['GET', '/v2/phone/users/me/recordings', 'Medium'],
  ['GET', '/v2/phone/users/me/voice_mails', 'Medium'],
  ['GET', '/v2/phone/voice_mails/8f1b2c', 'Light'],
  ['GET', '/v2/phone/voice_mails/download/8f1b2c', 'Medium'],
  ['GET', '/v2/phone/recording/download/8f1b2c', 'Medium'],
  ['GET', '/v2/users/me', 'Light'],
  ['POST', '/v2/users/me/meetings', 'Medium'],
  ['GET', '/v2/users/me/meetings', 'Medium'],
  ['GET', '/v2/meetings/84516290377', 'Light'],
  ['PATCH', '/v2/meetings/84516290377', 'Light'],
  ['DELETE', '/v2/meetings/84516290377', 'Light'],
  ['GET', '/v2/users/me/recordings', 'Medium'],
  ['GET', '/v2/meetings/84516290377/recordings', 'Light'],
  ['GET', '/v2/meetings/84516290377/meeting_summary', 'Light'],
];

describe('zoom-sim rate-limit categories', () => {
  const harness = harnessForSuite({ resetEach: false });

  it.each(LABELS)('%s %s counts as %s', async (method, path, category) => {
    const response = await harness.api(harness.agent, method, path, method === 'POST' || method === 'PATCH' ? {} : undefined);
    expect(response.headers.get('x-ratelimit-category')).toBe(category);
  });

  it('limits call history at Zoom Phone Pro\u2019s medium rate, 10 a second', async () => {
    // Counters run in whole seconds: start at the top of one so all eleven land in the same window.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
    const statuses = await Promise.all(Array.from({ length: 11 }, async () => (await harness.api(harness.agent, 'GET', '/v2/phone/users/me/call_history')).status));
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(1);
  });
});
