import { DataSource } from 'typeorm';
import { queriesDuring, reading, seedContacts } from './support/graphql-workload';
import { startTestApi, type TestApi } from './support/test-api';

/**
 * Every per-row field of the timeline and the contact list, nested the way the web app and integrators nest them:
 * Activity.contact/owner/deal, Contact.owner/deals, Deal.contact/owner.
 */
const TIMELINE = `query Timeline($first: Int) { activities(first: $first) { edges { node {
  id
  owner { id }
  deal { id contact { id } owner { id } }
  contact { id owner { id } deals { id contact { id } owner { id } } }
} } } }`;
const CONTACT_LIST = 'query ContactList($first: Int) { contacts(first: $first) { edges { node { id owner { id } deals { id owner { id } contact { id } } } } } }';
const UNMATCHED = 'query Unmatched($first: Int) { unmatchedActivities(first: $first) { edges { node { id matchCandidates { id name } } } } }';
/** The per-row fields other modules add: a recording's cues and summary state, a meeting's schedule; the board's contacts and owners; invites' inviters. */
const RECORDINGS = 'query Recordings($first: Int) { activities(types: [RECORDING], first: $first) { edges { node { id transcriptCues { text } summaryStatus } } } }';
const MEETINGS = 'query Meetings($first: Int) { activities(types: [MEETING], first: $first) { edges { node { id meeting { topic joinUrl } } } } }';
const CALL_BOARD = '{ liveCalls { callId contact { id name } owner { id } } }';
const INVITES = '{ invites { id invitedBy { id } } }';

describe('per-row GraphQL fields are batched, one query per field per request (real api)', () => {
  let api: TestApi;
  let token: string;
  let db: DataSource;

  beforeAll(async () => {
    api = await startTestApi();
    await api.createOrganisation('Batching Realty', [{ email: 'bea@batching.test' }]);
    token = await api.login('bea@batching.test');
    const contactIds = await seedContacts(api, token, 30, { dealsEach: 2, notesEach: 2 });
    db = api.app.get(DataSource);
    // Each note on its contact's first deal, so Activity.deal has a row to load for every activity.
    await db.query(
      `UPDATE activities a SET deal_id = (SELECT d.id FROM deals d WHERE d.contact_id = a.contact_id ORDER BY d.created_at, d.id LIMIT 1)
        WHERE a.contact_id = ANY($1)`,
      [contactIds],
    );
    // Calls from the contacts' numbers left unmatched: Activity.matchCandidates has something to find for each.
    const [{ organisation_id: organisationId }] = await db.query('SELECT organisation_id FROM contacts LIMIT 1');
    await db.query(
      `INSERT INTO activities (organisation_id, type, occurred_at, direction, counterpart_number, zoom_ref)
       SELECT $1, 'CALL', now() - (n || ' minutes')::interval, 'INBOUND', '+1415555' || lpad((100 + n % 30)::text, 4, '0'), 'batching-' || n
         FROM generate_series(1, 40) AS n`,
      [organisationId],
    );
  });
  afterAll(() => api.close());

  const run = async (query: string, first?: number, as = token) => {
    let errors: unknown;
    const queries = await queriesDuring(api, async () => {
      errors = (await api.graphql(query, { first }, as)).errors;
    });
    expect(errors).toBeUndefined();
    return queries;
  };

  it('loads the timeline with the same handful of queries for 5 rows as for 60', async () => {
    const small = await run(TIMELINE, 5);
    const large = await run(TIMELINE, 60);
    expect(large.length).toBe(small.length);
    // users: Activity.owner, Contact.owner, Deal.owner (twice nested); contacts: Activity.contact, Deal.contact (twice);
    // deals: Activity.deal, Contact.deals. At most one statement each, whatever the page size.
    expect(reading(large, 'users').length).toBeLessThanOrEqual(4 + 1); // + the session's user lookup
    expect(reading(large, 'deals').length).toBeLessThanOrEqual(2);
    expect(reading(large, 'contacts').length).toBeLessThanOrEqual(3);
  });

  it('loads contacts with their owners and deals in one query per field', async () => {
    const small = await run(CONTACT_LIST, 3);
    const large = await run(CONTACT_LIST, 30);
    expect(large.length).toBe(small.length);
    expect(reading(large, 'deals').length).toBe(1);
  });

  it("loads unmatched calls' candidate contacts in one query, looking each distinct number up once", async () => {
    const large = await run(UNMATCHED, 40);
    expect(reading(large, 'contacts')).toHaveLength(1);
    // 40 calls from 30 numbers: 30 index lookups (ContactsService looks numbers up one at a time), plus the
    // candidates' own phones, read with them.
    expect(reading(large, 'contact_phones').length).toBeLessThanOrEqual(30 + 1);
  });

  describe("other modules' fields", () => {
    let organisationId: string;
    let userId: string;
    let contactIds: string[];
    let admin: string;

    beforeAll(async () => {
      [{ organisation_id: organisationId, id: userId }] = await db.query(`SELECT organisation_id, id FROM users WHERE email = 'bea@batching.test'`);
      contactIds = (await db.query('SELECT id FROM contacts WHERE organisation_id = $1 ORDER BY created_at, id', [organisationId])).map((row: { id: string }) => row.id);
      // 40 recordings and 40 meetings, each on a contact, with what their fields read beside them.
      await db.query(
        `WITH made AS (
           INSERT INTO activities (organisation_id, type, occurred_at, contact_id, owner_id, zoom_ref)
           SELECT $1, 'RECORDING', now() - (n || ' hours')::interval, ($3::uuid[])[1 + n % array_length($3::uuid[], 1)], $2, 'batching-recording-' || n
             FROM generate_series(1, 40) AS n
           RETURNING id, zoom_ref)
         INSERT INTO cloud_recordings (activity_id, organisation_id, meeting_uuid, zoom_user_id, transcript_cues, summary_status)
         SELECT id, $1, zoom_ref, 'zoom-host', '[{"startMs": 0, "endMs": 1500, "speaker": "Bea", "text": "Hello"}]', 'READY' FROM made`,
        [organisationId, userId, contactIds],
      );
      await db.query(
        `WITH made AS (
           INSERT INTO activities (organisation_id, type, occurred_at, contact_id, owner_id, status, zoom_ref)
           SELECT $1, 'MEETING', now() + (n || ' hours')::interval, ($3::uuid[])[1 + n % array_length($3::uuid[], 1)], $2, 'Scheduled', 'batching-meeting-' || n
             FROM generate_series(1, 40) AS n
           RETURNING id, zoom_ref, occurred_at)
         INSERT INTO scheduled_meetings (activity_id, organisation_id, host_user_id, zoom_meeting_id, topic, timezone, start_time, duration_minutes, join_url)
         SELECT id, $1, $2, zoom_ref, 'Viewing', 'UTC', occurred_at, 30, 'https://zoom.example/j/' || zoom_ref FROM made`,
        [organisationId, userId, contactIds],
      );
      await api.createOrganisation('Batching Realty', [{ email: 'ada@batching.test', role: 'admin' }]);
      admin = await api.login('ada@batching.test');
    });

    /** `count` calls ringing on the board, each from one of the contacts, the first `from` numbered after those there. */
    const ringing = (from: number, count: number) =>
      db.query(
        `INSERT INTO live_calls (organisation_id, owner_id, call_id, state, direction, counterpart_number, contact_id, since)
         SELECT $1, $2, 'batching-call-' || n, 'RINGING', 'INBOUND', '+14155550000', ($3::uuid[])[1 + n % array_length($3::uuid[], 1)], now()
           FROM generate_series($4::int, $4::int + $5::int - 1) AS n`,
        [organisationId, userId, contactIds, from, count],
      );
    const invited = (from: number, count: number) =>
      db.query(
        `INSERT INTO invites (organisation_id, email, role, token_hash, invited_by, delivery, expires_at)
         SELECT $1, 'invitee' || n || '@batching.test', 'agent', 'batching-invite-' || n, u.id, 'OUTBOX', now() + interval '1 day'
           FROM generate_series($2::int, $2::int + $3::int - 1) AS n, users u WHERE u.email = 'ada@batching.test'`,
        [organisationId, from, count],
      );

    it("loads a page of recordings' cues and summary states in one query, for 3 rows as for 40", async () => {
      const small = await run(RECORDINGS, 3);
      const large = await run(RECORDINGS, 40);
      expect(large.length).toBe(small.length);
      expect(reading(large, 'cloud_recordings')).toHaveLength(1);
    });

    it("loads a page of meetings' schedules in one query, for 3 rows as for 40", async () => {
      const small = await run(MEETINGS, 3);
      const large = await run(MEETINGS, 40);
      expect(large.length).toBe(small.length);
      expect(reading(large, 'scheduled_meetings')).toHaveLength(1);
    });

    it("loads the call board's contacts and owners in one query each, for 3 calls as for 40", async () => {
      await ringing(1, 3);
      const small = await run(CALL_BOARD);
      await ringing(4, 37);
      const large = await run(CALL_BOARD);
      expect(large.length).toBe(small.length);
      expect(reading(large, 'contacts')).toHaveLength(1);
      expect(reading(large, 'users')).toHaveLength(1 + 1); // + the session's user lookup
    });

    it("loads invites' inviters in one query, for 3 invites as for 40", async () => {
      await invited(1, 3);
      const small = await run(INVITES, undefined, admin);
      await invited(4, 37);
      const large = await run(INVITES, undefined, admin);
      expect(large.length).toBe(small.length);
      expect(reading(large, 'users')).toHaveLength(1 + 1); // + the session's user lookup
    });
  });
});
