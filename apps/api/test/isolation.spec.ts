import { collect, startTestApi, type TestApi } from './support/test-api';

/** Organisation A must not read or change anything of organisation B, through any operation. */
describe('organisation isolation', () => {
  let api: TestApi;
  let tokenA: string;
  let tokenB: string;
  let contactB: string;
  let noteB: string;
  let dealB: string;
  let contactA: string;

  beforeAll(async () => {
    api = await startTestApi();
    await api.createOrganisation('Org A', [{ email: 'a@org-a.test' }]);
    await api.createOrganisation('Org B', [{ email: 'b@org-b.test' }]);
    tokenA = await api.login('a@org-a.test');
    tokenB = await api.login('b@org-b.test');
    const createIn = async (token: string, firstName: string) =>
      (await api.graphql('mutation($f: String) { createContact(input: { firstName: $f, phones: ["(415) 555-0177"], emails: ["x@y.test"] }) { id } }', { f: firstName }, token))
        .data?.createContact.id as string;
    contactB = await createIn(tokenB, 'Bob');
    contactA = await createIn(tokenA, 'Alice');
    noteB = (await api.graphql('mutation($id: ID!) { addNote(contactId: $id, body: "secret") { id } }', { id: contactB }, tokenB)).data?.addNote.id;
    dealB = (await api.graphql('mutation($id: ID) { createDeal(input: { contactId: $id, title: "B deal" }) { id } }', { id: contactB }, tokenB)).data?.createDeal.id;
  });
  afterAll(() => api.close());

  it('hides B from A in every query', async () => {
    const result = await api.graphql(
      `query($c: ID!, $n: ID!, $d: ID!) {
        contact(id: $c) { id } activity(id: $n) { id } deal(id: $d) { id }
        contacts { totalCount edges { node { name } } }
        contactByPhone(number: "4155550177") { name }
        deals { id }
      }`,
      { c: contactB, n: noteB, d: dealB },
      tokenA,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      contact: null,
      activity: null,
      deal: null,
      contacts: { totalCount: 1, edges: [{ node: { name: 'Alice' } }] },
      contactByPhone: [{ name: 'Alice' }],
      deals: [],
    });
    const timeline = await api.graphql('query($c: ID) { activities(contactId: $c) { totalCount } }', { c: contactB }, tokenA);
    expect(timeline.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const dealTimeline = await api.graphql('query($d: ID) { activities(dealId: $d) { totalCount } }', { d: dealB }, tokenA);
    expect(dealTimeline.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const everything = await api.graphql('{ activities { edges { node { body } } } unmatchedActivities { totalCount } }', {}, tokenA);
    expect(everything.data?.activities.edges).toEqual([]);
  });

  it('refuses every change A tries on B', async () => {
    const attempts = [
      ['mutation($c: ID!) { updateContact(id: $c, input: { firstName: "Hacked" }) { id } }', { c: contactB }],
      ['mutation($c: ID!) { deleteContact(id: $c, activities: KEEP) { id } }', { c: contactB }],
      ['mutation($c: ID!) { addNote(contactId: $c, body: "x") { id } }', { c: contactB }],
      ['mutation($n: ID!, $c: ID!) { linkActivity(activityId: $n, contactId: $c) { id } }', { n: noteB, c: contactA }],
      ['mutation($d: ID!) { updateDeal(id: $d, input: { title: "mine" }) { id } }', { d: dealB }],
      ['mutation($c: ID) { createDeal(input: { contactId: $c, title: "steal" }) { id } }', { c: contactB }],
    ] as const;
    for (const [query, variables] of attempts) {
      const result = await api.graphql(query, variables, tokenA);
      expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    const stillB = await api.graphql('query($c: ID!) { contact(id: $c) { name } }', { c: contactB }, tokenB);
    expect(stillB.data?.contact.name).toBe('Bob');
  });

  it("never delivers B's activity to A's subscriptions", async () => {
    const subscriptionA = collect<{ activityAdded: { body: string } }>(api.subscribe(tokenA), 'subscription { activityAdded { body } }', {});
    const subscriptionAForB = collect<{ activityAdded: { body: string } }>(
      api.subscribe(tokenA),
      'subscription($c: ID) { activityAdded(contactId: $c) { body } }',
      { c: contactB },
    );
    await Promise.all([subscriptionA.ready, subscriptionAForB.ready]);
    await api.graphql('mutation($id: ID!) { addNote(contactId: $id, body: "B only") { id } }', { id: contactB }, tokenB);
    await api.graphql('mutation($id: ID!) { addNote(contactId: $id, body: "A note") { id } }', { id: contactA }, tokenA);
    const [received] = await subscriptionA.done;
    expect(received.activityAdded.body).toBe('A note');
    const raced = await Promise.race([subscriptionAForB.done.then(() => 'delivered'), new Promise((resolve) => setTimeout(() => resolve('nothing'), 500))]);
    expect(raced).toBe('nothing');
  });
});
