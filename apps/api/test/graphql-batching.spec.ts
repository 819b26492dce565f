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

  const run = async (query: string, first: number) => {
    let errors: unknown;
    const queries = await queriesDuring(api, async () => {
      errors = (await api.graphql(query, { first }, token)).errors;
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
});
