import { DataSource } from 'typeorm';
import { WebhookInboxService } from '../src/webhook/webhook-inbox.service';
import { zoomEnvelopeSchema } from '../src/webhook/zoom-envelope';
import { connectedStackForSuite } from './support/connected-stack';
import { postWebhook, zoomHeaders } from './support/zoom-webhooks';

const SECRET = 'sim-webhook-secret';
const HEALTH = '{ integrationHealth { inboxCounts { status count } rejectedEvents { id event reason deliveries receivedAt } failedEvents { id } } }';

interface RejectedEvent {
  id: string;
  event: string;
  reason: string;
  deliveries: number;
}

/**
 * Events that PostgreSQL can never store: a `\u0000` (jsonb refuses it), a lone UTF-16 surrogate, JSON nested
 * far deeper than any Zoom event. Each is refused alone with a 400 and shown to the admin; its neighbours are stored.
 */
describe('a signed Zoom event PostgreSQL cannot store', () => {
  const stack = connectedStackForSuite({ colleagues: [{ email: 'admin@demo.test', role: 'admin' }] });
  let agentZoomId: string;
  let accountId: string;
  let admin: string;
  let nextTs = 1_795_000_000_000;

  const db = () => stack.api.app.get(DataSource);
  /** A missed call of the connected agent, from Mallory Poison's number. */
  const missedCall = (eventTs: number, callerName = 'Mallory Poison') => ({
    event: 'phone.callee_missed',
    event_ts: eventTs,
    payload: {
      account_id: accountId,
      object: {
        call_id: `poison-test-${eventTs}`,
        caller: { phone_number: '+14155550142', name: callerName, extension_type: 'pstn' },
        callee: { user_id: agentZoomId, phone_number: '+14155550100', extension_number: 1001 },
        ringing_start_time: new Date().toISOString(),
      },
    },
  });
  const post = (body: string) => postWebhook(stack.api.url, body, zoomHeaders(body, SECRET));
  const health = async () => {
    const result = await stack.api.graphql<{ integrationHealth: { inboxCounts: Array<{ status: string; count: number }>; rejectedEvents: RejectedEvent[]; failedEvents: unknown[] } }>(HEALTH, {}, admin);
    expect(result.errors).toBeUndefined();
    return result.data!.integrationHealth;
  };

  beforeAll(async () => {
    const users: Array<{ id: string; email: string; accountId: string }> = await stack.sim.control('GET', '/_sim/users');
    const agent = users.find((user) => user.email === 'agent@demo.test')!;
    agentZoomId = agent.id;
    accountId = agent.accountId;
    admin = await stack.api.login('admin@demo.test');
  });
  beforeEach(() => db().query('DELETE FROM webhook_inbox'));

  const poisons: Array<[string, (eventTs: number) => string, RegExp]> = [
    ['a \\u0000 in a string', (eventTs) => JSON.stringify(missedCall(eventTs, 'Mallory\u0000Poison')), /payload\.object\.caller\.name .*\\u0000/],
    ['a lone surrogate in a string', (eventTs) => JSON.stringify(missedCall(eventTs, 'Mallory\ud800Poison')), /payload\.object\.caller\.name .*surrogate/],
    [
      'JSON nested 200,000 levels inside payload',
      // Built as text: JSON.stringify itself overflows the stack long before this depth.
      (eventTs) => JSON.stringify(missedCall(eventTs)).replace('"pstn"', `"pstn","extra":${'['.repeat(200_000)}${']'.repeat(200_000)}`),
      /nested deeper than \d+ levels/,
    ],
  ];

  it.each(poisons)('with %s: 50 valid neighbours are stored once each with 200, the poison answers 400 and shows on the health page', async (_label, poison, reason) => {
    const valid = Array.from({ length: 50 }, () => JSON.stringify(missedCall((nextTs += 1))));
    const poisonBody = poison((nextTs += 1));
    const bodies = [...valid.slice(0, 25), poisonBody, ...valid.slice(25)];

    const answers = await Promise.all(bodies.map(post));
    expect(answers.map((answer) => answer.status)).toEqual(bodies.map((body) => (body === poisonBody ? 400 : 200)));

    const stored: Array<{ event_ts: string; n: number }> = await db().query(`SELECT event_ts, count(*)::int AS n FROM webhook_inbox WHERE status <> 'rejected' GROUP BY event_ts`);
    expect(stored.map((row) => Number(row.event_ts)).sort()).toEqual(valid.map((body) => JSON.parse(body).event_ts).sort());
    expect(stored.every((row) => row.n === 1)).toBe(true);

    // Zoom retries what it did not get a 200 for: the retry is refused again, and counted on the same entry.
    expect((await post(poisonBody)).status).toBe(400);
    const shown = await health();
    expect(shown.inboxCounts).toContainEqual({ status: 'rejected', count: 1 });
    expect(shown.rejectedEvents).toEqual([expect.objectContaining({ event: 'phone.callee_missed', reason: expect.stringMatching(reason), deliveries: 2 })]);
    expect(shown.failedEvents).toEqual([]);
    // What is kept of it is the reason, never the body.
    const [kept] = await db().query(`SELECT body::text AS body, last_error FROM webhook_inbox WHERE status = 'rejected'`);
    expect(`${kept.body} ${kept.last_error}`).not.toMatch(/Mallory|Poison|4155550142/);
  });

  it('stores the valid events of a batch PostgreSQL refuses, one by one, and fails only the event it refuses', async () => {
    // Past the intake's check, as an event PostgreSQL refuses for a reason nobody foresaw would be.
    const inbox = stack.api.app.get(WebhookInboxService);
    const valid = Array.from({ length: 20 }, () => zoomEnvelopeSchema.parse(missedCall((nextTs += 1))));
    const refused = zoomEnvelopeSchema.parse(missedCall((nextTs += 1), 'Mallory\u0000Poison'));
    const outcomes = await Promise.allSettled([...valid.slice(0, 10), refused, ...valid.slice(10)].map((envelope) => inbox.store(envelope)));

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled').map((outcome) => typeof outcome.value)).toEqual(valid.map(() => 'string'));
    expect(outcomes[10]).toEqual({ status: 'rejected', reason: expect.objectContaining({ message: expect.stringContaining('PostgreSQL refused') }) });
    expect((await db().query(`SELECT count(*)::int AS n FROM webhook_inbox`))[0].n).toBe(20);
  });
});
