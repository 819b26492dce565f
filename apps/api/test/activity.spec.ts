import { collect, startTestApi, type TestApi } from './support/test-api';

const ADDED = 'subscription($contactId: ID) { activityAdded(contactId: $contactId) { id type body contact { id } owner { email } } }';

describe('activity timeline (real api)', () => {
  let api: TestApi;
  let token: string;
  let contactId: string;
  let otherContactId: string;

  beforeAll(async () => {
    api = await startTestApi();
    await api.createOrganisation('Timeline Realty', [{ email: 'tim@timeline.test' }]);
    token = await api.login('tim@timeline.test');
    const create = (firstName: string) =>
      api.graphql<{ createContact: { id: string } }>('mutation($f: String) { createContact(input: { firstName: $f }) { id } }', { f: firstName }, token);
    contactId = (await create('Tina')).data!.createContact.id;
    otherContactId = (await create('Otto')).data!.createContact.id;
  });
  afterAll(() => api.close());

  const addNote = (id: string, body: string) =>
    api.graphql<{ addNote: { id: string; type: string; body: string } }>(
      'mutation($id: ID!, $body: String!) { addNote(contactId: $id, body: $body) { id type body } }',
      { id, body },
      token,
    );

  it('adds notes and lists the timeline newest first with cursor pages', async () => {
    for (const body of ['first', 'second', 'third']) expect((await addNote(contactId, body)).data?.addNote.type).toBe('NOTE');
    const page = async (after?: string) =>
      (
        await api.graphql(
          'query($id: ID, $after: String) { activities(contactId: $id, first: 2, after: $after) { totalCount edges { node { body } } pageInfo { hasNextPage endCursor } } }',
          { id: contactId, after },
          token,
        )
      ).data?.activities;
    const first = await page();
    expect(first.totalCount).toBe(3);
    expect(first.edges.map((edge: any) => edge.node.body)).toEqual(['third', 'second']);
    const second = await page(first.pageInfo.endCursor);
    expect(second.edges.map((edge: any) => edge.node.body)).toEqual(['first']);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('filters by type', async () => {
    const calls = await api.graphql('query($id: ID) { activities(contactId: $id, types: [CALL]) { totalCount } }', { id: contactId }, token);
    expect(calls.data?.activities.totalCount).toBe(0);
  });

  it('rejects an empty note and an unknown contact', async () => {
    expect((await addNote(contactId, '  ')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await addNote('00000000-0000-4000-8000-000000000000', 'x')).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('pushes activityAdded to subscribers of that contact only', async () => {
    const client = api.subscribe(token);
    const forContact = collect<{ activityAdded: { body: string; contact: { id: string }; owner: { email: string } } }>(client, ADDED, { contactId });
    const forOther = collect<{ activityAdded: { body: string } }>(client, ADDED, { contactId: otherContactId });
    await Promise.all([forContact.ready, forOther.ready]);
    await addNote(otherContactId, 'for otto');
    await addNote(contactId, 'live note');
    const [event] = await forContact.done;
    expect(event.activityAdded).toMatchObject({ body: 'live note', contact: { id: contactId }, owner: { email: 'tim@timeline.test' } });
    const [other] = await forOther.done;
    expect(other.activityAdded.body).toBe('for otto');
  });

  it('answers health and readiness from real checks', async () => {
    const health = await fetch(`${api.url}/healthz`).then((res) => res.json());
    expect(health).toMatchObject({ status: 'ok', postgres: 'up', redis: 'up' });
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ pendingMigrations: false });
  });
});
