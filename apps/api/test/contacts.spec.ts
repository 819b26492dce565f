import { startTestApi, type TestApi } from './support/test-api';

const CONTACT_FIELDS = 'id firstName lastName name emails phones { raw e164 extension } stage owner { id email }';

describe('contacts (real api)', () => {
  let api: TestApi;
  let token: string;

  const createContact = async (input: Record<string, unknown>) => {
    const result = await api.graphql(`mutation($input: ContactInput!) { createContact(input: $input) { ${CONTACT_FIELDS} } }`, { input }, token);
    return result;
  };

  beforeAll(async () => {
    api = await startTestApi();
    await api.createOrganisation('Contacts Realty', [{ email: 'carol@contacts.test' }]);
    token = await api.login('carol@contacts.test');
  });
  afterAll(() => api.close());

  it('creates a contact storing each number as typed and in E.164', async () => {
    const result = await createContact({
      firstName: ' Jane ',
      lastName: 'Doe',
      emails: ['Jane.Doe@Example.com'],
      phones: ['(415) 555-0199', '+44 20 7946 0958', '415-555-0100 x12'],
      stage: 'client',
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.createContact).toMatchObject({
      firstName: 'Jane',
      name: 'Jane Doe',
      emails: ['jane.doe@example.com'],
      stage: 'client',
      owner: { email: 'carol@contacts.test' },
      phones: [
        { raw: '(415) 555-0199', e164: '+14155550199', extension: null },
        { raw: '+44 20 7946 0958', e164: '+442079460958', extension: null },
        { raw: '415-555-0100 x12', e164: '+14155550100', extension: '12' },
      ],
    });
  });

  it('finds a contact by phone in any format, and every contact sharing a number', async () => {
    await createContact({ firstName: 'Shared', lastName: 'One', phones: ['510.555.0142'] });
    await createContact({ firstName: 'Shared', lastName: 'Two', phones: ['+1 510 555 0142'] });
    for (const format of ['(415) 555-0199', '415.555.0199', '+1 415 555 0199', '1-415-555-0199', '+14155550199']) {
      const result = await api.graphql('query($n: String!) { contactByPhone(number: $n) { name } }', { n: format }, token);
      expect(result.data?.contactByPhone).toEqual([{ name: 'Jane Doe' }]);
    }
    const shared = await api.graphql('{ contactByPhone(number: "5105550142") { name } }', {}, token);
    expect(shared.data?.contactByPhone).toEqual([{ name: 'Shared One' }, { name: 'Shared Two' }]);
    const international = await api.graphql('{ contactByPhone(number: "0044 20 7946 0958") { name } }', {}, token);
    expect(international.data?.contactByPhone).toEqual([{ name: 'Jane Doe' }]);
  });

  it('searches by name, email and phone', async () => {
    const search = async (text: string) =>
      (await api.graphql('query($s: String) { contacts(search: $s) { totalCount edges { node { name } } } }', { s: text }, token)).data
        ?.contacts;
    expect((await search('jane'))?.edges.map((edge: any) => edge.node.name)).toEqual(['Jane Doe']);
    expect((await search('doe@example'))?.totalCount).toBe(1);
    expect((await search('(415) 555-0199'))?.edges.map((edge: any) => edge.node.name)).toEqual(['Jane Doe']);
    expect((await search('555-0142'))?.totalCount).toBe(2);
    expect((await search('zzz-nobody'))?.totalCount).toBe(0);
  });

  it('pages through contacts alphabetically with cursors', async () => {
    for (const name of ['Aaron', 'Bella', 'Chris', 'Dora']) await createContact({ firstName: name, lastName: 'Page' });
    const page = async (after?: string) =>
      (
        await api.graphql('query($after: String) { contacts(first: 2, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } }', { after }, token)
      ).data?.contacts;
    const first = await page();
    expect(first.edges.map((edge: any) => edge.node.name)).toEqual(['Aaron Page', 'Bella Page']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await page(first.pageInfo.endCursor);
    expect(second.edges.map((edge: any) => edge.node.name)).toEqual(['Chris Page', 'Dora Page']);
  });

  it('updates only the fields given', async () => {
    const created = await createContact({ firstName: 'Edit', lastName: 'Me', emails: ['edit@me.test'], phones: ['415 555 0111'] });
    const id = created.data?.createContact.id;
    const updated = await api.graphql(
      `mutation($id: ID!, $input: ContactInput!) { updateContact(id: $id, input: $input) { ${CONTACT_FIELDS} } }`,
      { id, input: { stage: 'past_client', phones: ['+1 (628) 555-0123'] } },
      token,
    );
    expect(updated.data?.updateContact).toMatchObject({
      name: 'Edit Me',
      emails: ['edit@me.test'],
      stage: 'past_client',
      phones: [{ raw: '+1 (628) 555-0123', e164: '+16285550123' }],
    });
  });

  it.each([
    ['an empty name', { firstName: '   ' }, 'firstName'],
    ['an invalid email', { firstName: 'X', emails: ['not-an-email'] }, 'emails'],
    ['an unparseable phone', { firstName: 'X', phones: ['abc'] }, 'phones'],
  ])('rejects %s with BAD_USER_INPUT', async (_label, input, field) => {
    const result = await createContact(input);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('answers unknown ids and oversized pages with clear codes, never a 500', async () => {
    const unknown = await api.graphql(
      'mutation { updateContact(id: "00000000-0000-4000-8000-000000000000", input: { firstName: "X" }) { id } }',
      {},
      token,
    );
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const notUuid = await api.graphql('{ contact(id: "nope") { id } }', {}, token);
    expect(notUuid.errors).toBeUndefined();
    expect(notUuid.data?.contact).toBeNull();
    const tooMany = await api.graphql('{ contacts(first: 101) { totalCount } }', {}, token);
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await api.graphql('{ contacts(after: "garbage") { totalCount } }', {}, token);
    expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badPhone = await api.graphql('{ contactByPhone(number: "+") { id } }', {}, token);
    expect(badPhone.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('keeps deals with their contact', async () => {
    const contact = await createContact({ firstName: 'Deal', lastName: 'Maker' });
    const contactId = contact.data?.createContact.id;
    const deal = await api.graphql(
      'mutation($input: DealInput!) { createDeal(input: $input) { title stage propertyAddress contact { name } } }',
      { input: { contactId, title: 'Sale: 12 Ocean Blvd', propertyAddress: '12 Ocean Blvd', value: 900000 } },
      token,
    );
    expect(deal.data?.createDeal).toEqual({ title: 'Sale: 12 Ocean Blvd', stage: 'prospect', propertyAddress: '12 Ocean Blvd', contact: { name: 'Deal Maker' } });
    const withDeals = await api.graphql('query($id: ID!) { contact(id: $id) { deals { title } } }', { id: contactId }, token);
    expect(withDeals.data?.contact.deals).toEqual([{ title: 'Sale: 12 Ocean Blvd' }]);
  });
});
