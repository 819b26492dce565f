import { collect, type GraphQLResult, startTestApi, type TestApi } from './support/test-api';

const STAGES = '{ dealStages { stage label } }';
const RENAME = 'mutation($stage: DealStage!, $label: String!) { renameDealStage(stage: $stage, label: $label) { stage label } }';
const PIPELINE = 'query($first: Int) { dealPipeline(first: $first) { stage label count totalValue deals { id title stage value contact { id name } } } }';
const CREATE_DEAL = 'mutation($input: DealInput!) { createDeal(input: $input) { id } }';
const UPDATE_DEAL = 'mutation($id: ID!, $input: DealInput!) { updateDeal(id: $id, input: $input) { id stage } }';
const DEALS_AT = 'query($stage: DealStage, $contactId: ID) { deals(stage: $stage, contactId: $contactId) { id stage } }';
const SET_DEAL = 'mutation($a: ID!, $d: ID) { setActivityDeal(activityId: $a, dealId: $d) { id deal { id title } contact { id } } }';
const DEAL_TIMELINE = 'query($d: ID) { activities(dealId: $d) { edges { node { id body } } } }';
const DEAL_CHANGED = 'subscription { dealChanged { id title stage value contact { id name } } }';

const DEFAULT_STAGES = [
  { stage: 'prospect', label: 'Prospect' },
  { stage: 'active', label: 'Active' },
  { stage: 'under_contract', label: 'Under contract' },
  { stage: 'closed_won', label: 'Closed won' },
  { stage: 'closed_lost', label: 'Closed lost' },
];

const refusal = (result: GraphQLResult) => ({ code: result.errors?.[0]?.extensions?.code, field: result.errors?.[0]?.extensions?.field, message: result.errors?.[0]?.message });

describe('deals: the pipeline, its stage names, and activities put on deals (real api)', () => {
  let api: TestApi;
  let agent: string;
  let admin: string;
  let outsider: string;
  let outsiderAdmin: string;
  let buyerId: string;
  let sellerId: string;

  const gql = <T = any>(query: string, variables: Record<string, unknown>, token: string) => api.graphql<T>(query, variables, token);
  const createContact = async (firstName: string, token = agent) => (await gql<{ createContact: { id: string } }>('mutation($f: String!) { createContact(input: { firstName: $f }) { id } }', { f: firstName }, token)).data!.createContact.id;
  const createDeal = async (input: Record<string, unknown>, token = agent) => {
    const result = await gql<{ createDeal: { id: string } }>(CREATE_DEAL, { input }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.createDeal.id;
  };
  const addNote = async (contactId: string, body: string, token = agent) =>
    (await gql<{ addNote: { id: string } }>('mutation($c: ID!, $b: String!) { addNote(contactId: $c, body: $b) { id } }', { c: contactId, b: body }, token)).data!.addNote.id;
  const pipeline = async (token = agent, first?: number) => (await gql<{ dealPipeline: any[] }>(PIPELINE, { first }, token)).data!.dealPipeline;

  beforeAll(async () => {
    api = await startTestApi();
    await api.createOrganisation('Pipeline Realty', [{ email: 'pia@pipeline.test' }, { email: 'adam@pipeline.test', role: 'admin' }]);
    await api.createOrganisation('Elsewhere Homes', [{ email: 'olga@elsewhere.test' }, { email: 'otto@elsewhere.test', role: 'admin' }]);
    [agent, admin, outsider, outsiderAdmin] = await Promise.all(['pia@pipeline.test', 'adam@pipeline.test', 'olga@elsewhere.test', 'otto@elsewhere.test'].map((email) => api.login(email)));
    [buyerId, sellerId] = await Promise.all([createContact('Bea'), createContact('Sol')]);
  });
  afterAll(() => api.close());

  it('names the stages by default in pipeline order, and the board has one empty column per stage', async () => {
    expect((await gql(STAGES, {}, agent)).data!.dealStages).toEqual(DEFAULT_STAGES);
    expect(await pipeline()).toEqual(DEFAULT_STAGES.map((stage) => ({ ...stage, count: 0, totalValue: 0, deals: [] })));
  });

  it("lets an admin rename a stage for the organisation only; an agent may not; a name must be 1 to 40 characters", async () => {
    const renamed = await gql(RENAME, { stage: 'under_contract', label: '  Offer   accepted ' }, admin);
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data!.renameDealStage).toEqual({ stage: 'under_contract', label: 'Offer accepted' });
    expect((await gql(STAGES, {}, agent)).data!.dealStages[2]).toEqual({ stage: 'under_contract', label: 'Offer accepted' });
    expect((await gql(STAGES, {}, outsider)).data!.dealStages).toEqual(DEFAULT_STAGES);

    expect(refusal(await gql(RENAME, { stage: 'active', label: 'Hot' }, agent))).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(await gql(RENAME, { stage: 'active', label: '   ' }, admin))).toEqual({ code: 'BAD_USER_INPUT', field: 'label', message: 'Give the stage a name.' });
    expect(refusal(await gql(RENAME, { stage: 'active', label: 'x'.repeat(41) }, admin))).toEqual({ code: 'BAD_USER_INPUT', field: 'label', message: 'A stage name can be at most 40 characters long.' });
    expect(refusal(await gql(RENAME, { stage: 'nowhere', label: 'Nowhere' }, admin))).toMatchObject({ code: expect.stringMatching(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/) });
    expect((await gql(STAGES, {}, admin)).data!.dealStages[1]).toEqual({ stage: 'active', label: 'Active' });

    // Renamed again, the latest name holds.
    await gql(RENAME, { stage: 'under_contract', label: 'Under offer' }, admin);
    expect((await gql(STAGES, {}, agent)).data!.dealStages[2]).toEqual({ stage: 'under_contract', label: 'Under offer' });
  });

  it("filters deals by stage, and the board's figures count every deal of a stage while listing its newest first", async () => {
    const house = await createDeal({ title: '12 Alder St', contactId: buyerId, value: 450_000 });
    const flat = await createDeal({ title: 'Flat on Bay Rd', contactId: sellerId, value: 300_000 });
    const lot = await createDeal({ title: 'Empty lot', stage: 'active' });
    const mansion = await createDeal({ title: 'Hill mansion', stage: 'active', value: 2_100_000_000 });
    const big = await createDeal({ title: 'Ranch', stage: 'active', value: 2_100_000_000 });

    const ids = async (stage: string | null, contactId?: string) => (await gql<{ deals: Array<{ id: string }> }>(DEALS_AT, { stage, contactId }, agent)).data!.deals.map((deal) => deal.id);
    expect(await ids('prospect')).toEqual([flat, house]);
    expect(await ids('active')).toEqual([big, mansion, lot]);
    expect(await ids('prospect', buyerId)).toEqual([house]);
    expect(await ids('closed_won')).toEqual([]);
    expect((await ids(null)).length).toBe(5);

    // Moving a deal is updateDeal with a stage: it leaves one column for the top of the other.
    expect((await gql(UPDATE_DEAL, { id: house, input: { stage: 'active' } }, agent)).data!.updateDeal).toEqual({ id: house, stage: 'active' });
    const columns = await pipeline();
    expect(columns.map((column) => [column.stage, column.label, column.count, column.totalValue])).toEqual([
      ['prospect', 'Prospect', 1, 300_000],
      ['active', 'Active', 4, 4_200_450_000],
      ['under_contract', 'Under offer', 0, 0],
      ['closed_won', 'Closed won', 0, 0],
      ['closed_lost', 'Closed lost', 0, 0],
    ]);
    expect(columns[1].deals.map((deal: { id: string }) => deal.id)).toEqual([house, big, mansion, lot]);
    expect(columns[1].deals[0]).toMatchObject({ title: '12 Alder St', value: 450_000, contact: { id: buyerId, name: 'Bea' } });

    // `first` bounds each column's list, never its figures.
    const firstTwo = await pipeline(agent, 2);
    expect(firstTwo[1]).toMatchObject({ count: 4, totalValue: 4_200_450_000 });
    expect(firstTwo[1].deals.map((deal: { id: string }) => deal.id)).toEqual([house, big]);
    expect(refusal(await gql(PIPELINE, { first: 101 }, agent))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });

    // Another organisation's board shows none of it.
    expect((await pipeline(outsider)).every((column) => column.count === 0 && column.deals.length === 0)).toBe(true);
    expect((await gql(DEALS_AT, { stage: 'active' }, outsider)).data!.deals).toEqual([]);
  });

  it("tells every user of the organisation live of a new deal and a stage move, and another organisation nothing", async () => {
    type Heard = { dealChanged: { id: string; title: string; stage: string; value: number | null; contact: { id: string; name: string } | null } };
    const heard = collect<Heard>(api.subscribe(admin), DEAL_CHANGED, {}, 2);
    const overheard = collect<Heard>(api.subscribe(outsider), DEAL_CHANGED, {}, 1);
    await Promise.all([heard.ready, overheard.ready]);

    const loft = await createDeal({ title: 'Harbour loft', contactId: buyerId, value: 610_000 });
    expect((await gql(UPDATE_DEAL, { id: loft, input: { stage: 'under_contract' } }, agent)).errors).toBeUndefined();
    const card = { id: loft, title: 'Harbour loft', value: 610_000, contact: { id: buyerId, name: 'Bea' } };
    expect((await heard.done).map((message) => message.dealChanged)).toEqual([
      { ...card, stage: 'prospect' },
      { ...card, stage: 'under_contract' },
    ]);

    // The other organisation's first message is its own deal, made after ours: nothing of ours came before it.
    const theirs = await createDeal({ title: 'Their bungalow' }, outsider);
    expect((await overheard.done).map((message) => message.dealChanged)).toEqual([{ id: theirs, title: 'Their bungalow', stage: 'prospect', value: null, contact: null }]);
  });

  it("puts an activity on a deal of its contact (live on an open timeline) and off it, and it reads on the deal's timeline", async () => {
    const deal = await createDeal({ title: 'Cottage on Elm', contactId: buyerId });
    const noteId = await addNote(buyerId, 'Wants a garden');
    const updates = collect<{ activityUpdated: { id: string; deal: { id: string } | null } }>(
      api.subscribe(admin),
      'subscription($c: ID) { activityUpdated(contactId: $c) { id deal { id } } }',
      { c: buyerId },
    );
    await updates.ready;

    const put = await gql(SET_DEAL, { a: noteId, d: deal }, agent);
    expect(put.errors).toBeUndefined();
    expect(put.data!.setActivityDeal).toEqual({ id: noteId, deal: { id: deal, title: 'Cottage on Elm' }, contact: { id: buyerId } });
    expect(await updates.done).toEqual([{ activityUpdated: { id: noteId, deal: { id: deal } } }]);
    expect((await gql(DEAL_TIMELINE, { d: deal }, agent)).data!.activities.edges).toEqual([{ node: { id: noteId, body: 'Wants a garden' } }]);

    const off = await gql(SET_DEAL, { a: noteId, d: null }, agent);
    expect(off.data!.setActivityDeal).toEqual({ id: noteId, deal: null, contact: { id: buyerId } });
    expect((await gql(DEAL_TIMELINE, { d: deal }, agent)).data!.activities.edges).toEqual([]);

    // A deal with no contact takes any activity.
    const open = await createDeal({ title: 'Any buyer' });
    expect((await gql(SET_DEAL, { a: noteId, d: open }, agent)).data!.setActivityDeal).toMatchObject({ deal: { id: open }, contact: { id: buyerId } });
  });

  it("refuses a deal of another contact, naming the field, and another organisation's activity or deal as not found", async () => {
    const sellersDeal = await createDeal({ title: "Sol's condo", contactId: sellerId });
    const noteId = await addNote(buyerId, 'Asked about schools');
    expect(refusal(await gql(SET_DEAL, { a: noteId, d: sellersDeal }, agent))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'dealId',
      message: 'That deal is for another contact: move the activity to that contact first.',
    });

    const outsiderContact = await createContact('Oscar', outsider);
    const outsiderNote = await addNote(outsiderContact, 'Private', outsider);
    const outsiderDeal = await createDeal({ title: 'Their deal', contactId: outsiderContact }, outsider);
    expect(refusal(await gql(SET_DEAL, { a: outsiderNote, d: null }, agent))).toMatchObject({ code: 'NOT_FOUND' });
    expect(refusal(await gql(SET_DEAL, { a: noteId, d: outsiderDeal }, agent))).toMatchObject({ code: 'NOT_FOUND' });
    expect(refusal(await gql(SET_DEAL, { a: noteId, d: 'not-an-id' }, agent))).toMatchObject({ code: 'NOT_FOUND' });
    expect(refusal(await gql(UPDATE_DEAL, { id: outsiderDeal, input: { stage: 'closed_won' } }, agent))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await gql('query($id: ID!) { deal(id: $id) { id stage } }', { id: outsiderDeal }, outsider)).data!.deal).toEqual({ id: outsiderDeal, stage: 'prospect' });
    expect((await gql('query($id: ID!) { activity(id: $id) { deal { id } } }', { id: noteId }, agent)).data!.activity).toEqual({ deal: null });

    // Renaming in one organisation never renames in another.
    await gql(RENAME, { stage: 'prospect', label: 'Cold' }, outsiderAdmin);
    expect((await gql(STAGES, {}, agent)).data!.dealStages[0]).toEqual({ stage: 'prospect', label: 'Prospect' });
  });
});
