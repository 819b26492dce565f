import { DataSource } from 'typeorm';
import { collect, startTestApi, type TestApi } from './support/test-api';

const LIST = `query($stage: ContactStage, $ownerId: ID, $tag: String, $orderBy: ContactOrder, $first: Int, $after: String) {
  contacts(stage: $stage, ownerId: $ownerId, tag: $tag, orderBy: $orderBy, first: $first, after: $after) {
    totalCount edges { node { name stage tags leadSource lastContactedAt createdAt } } pageInfo { hasNextPage endCursor }
  }
}`;

/** Contacts: list filters and orders, last contacted, delete, duplicates, validation of every field, CSV import (issue 19). */
describe('contact lists, duplicates, delete and import (real api)', () => {
  let api: TestApi;
  let token: string;
  let otherToken: string;
  let otherOwnerId: string;

  const gql = <T = any>(query: string, variables: Record<string, unknown> = {}, as = token) => api.graphql<T>(query, variables, as);
  const create = async (input: Record<string, unknown>, as = token) => {
    const result = await gql<{ createContact: { id: string } }>('mutation($input: ContactInput!) { createContact(input: $input) { id } }', { input }, as);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.createContact.id;
  };
  const logCall = (contactId: string, occurredAt: string) =>
    gql('mutation($input: LogCallInput!) { logCall(input: $input) { id } }', { input: { contactId, direction: 'OUTBOUND', durationSeconds: 60, occurredAt } });
  const names = (result: any) => result.data?.contacts.edges.map((edge: any) => edge.node.name);
  const everyPage = async (variables: Record<string, unknown>) => {
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = (await gql(LIST, { ...variables, first: 2, after })).data!.contacts;
      seen.push(...page.edges.map((edge: any) => edge.node.name));
      if (!page.pageInfo.hasNextPage) return seen;
      after = page.pageInfo.endCursor;
    }
  };

  beforeAll(async () => {
    api = await startTestApi();
    await api.createOrganisation('Lists Realty', [{ email: 'lena@lists.test' }, { email: 'omar@lists.test' }]);
    token = await api.login('lena@lists.test');
    otherToken = await api.login('omar@lists.test');
    otherOwnerId = (await gql('{ me { id } }', {}, otherToken)).data!.me.id;
    await create({ firstName: 'Abigail', lastName: 'Chen', stage: 'client', tags: ['VIP', 'Buyer'], leadSource: 'Zillow', phones: ['650-555-0141 x51'], emails: ['abigail@chen.test'] });
    await create({ firstName: 'Ben', lastName: 'Ortiz', stage: 'lead', tags: ['buyer'] });
    await create({ firstName: 'Carla', lastName: 'Diaz', stage: 'client' });
    await create({ firstName: 'Dev', lastName: 'Patel', stage: 'past_client' }, otherToken);
    await create({ firstName: 'Eve', lastName: 'Stone', stage: 'lead' });
  });
  afterAll(() => api.close());

  it('filters by stage, owner and tag (any letter case), and keeps tags and lead source', async () => {
    expect(names(await gql(LIST, { stage: 'client' }))).toEqual(['Abigail Chen', 'Carla Diaz']);
    expect(names(await gql(LIST, { ownerId: otherOwnerId }))).toEqual(['Dev Patel']);
    expect(names(await gql(LIST, { tag: 'BUYER' }))).toEqual(['Abigail Chen', 'Ben Ortiz']);
    expect((await gql(LIST, { tag: 'vip' })).data!.contacts.edges[0].node).toMatchObject({ tags: ['VIP', 'Buyer'], leadSource: 'Zillow', stage: 'client' });
    const both = await gql('{ contacts(stages: [lead, past_client]) { totalCount } }');
    expect(both.data!.contacts.totalCount).toBe(3);
    expect((await gql(LIST, { ownerId: 'nope' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ownerId' });
  });

  it('keeps lastContactedAt from logged calls (never back in time), not from notes, and sorts and pages by each order', async () => {
    const ids = Object.fromEntries((await gql('{ contacts { edges { node { id name } } } }')).data!.contacts.edges.map((edge: any) => [edge.node.name, edge.node.id]));
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const dayAgo = new Date(Date.now() - 86_400_000).toISOString();
    expect((await logCall(ids['Carla Diaz'], hourAgo)).errors).toBeUndefined();
    expect((await logCall(ids['Ben Ortiz'], dayAgo)).errors).toBeUndefined();
    await gql('mutation($c: ID!) { addNote(contactId: $c, body: "Thinking about it") { id } }', { c: ids['Eve Stone'] });
    // An older call never moves it back.
    await logCall(ids['Carla Diaz'], dayAgo);

    const carla = await gql('query($id: ID!) { contact(id: $id) { lastContactedAt } }', { id: ids['Carla Diaz'] });
    expect(carla.data!.contact.lastContactedAt).toBe(hourAgo);
    const eve = await gql('query($id: ID!) { contact(id: $id) { lastContactedAt } }', { id: ids['Eve Stone'] });
    expect(eve.data!.contact.lastContactedAt).toBeNull();

    expect(await everyPage({ orderBy: 'LAST_CONTACTED' })).toEqual(expect.arrayContaining(['Carla Diaz', 'Ben Ortiz']));
    const byContact = await everyPage({ orderBy: 'LAST_CONTACTED' });
    expect(byContact.slice(0, 2)).toEqual(['Carla Diaz', 'Ben Ortiz']);
    expect(byContact).toHaveLength(5);
    expect(new Set(byContact).size).toBe(5);
    expect(await everyPage({ orderBy: 'CREATED' })).toEqual(['Eve Stone', 'Dev Patel', 'Carla Diaz', 'Ben Ortiz', 'Abigail Chen']);
    expect(await everyPage({ orderBy: 'NAME' })).toEqual(['Abigail Chen', 'Ben Ortiz', 'Carla Diaz', 'Dev Patel', 'Eve Stone']);
    expect(await everyPage({})).toEqual(await everyPage({ orderBy: 'NAME' }));

    const nameCursor = (await gql(LIST, { first: 1 })).data!.contacts.pageInfo.endCursor;
    expect((await gql(LIST, { orderBy: 'CREATED', after: nameCursor })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('finds duplicates by E.164 phone or email in any letter case, but the contact being edited', async () => {
    const duplicates = (variables: Record<string, unknown>) =>
      gql('query($emails: [String!], $phones: [String!], $excludeId: ID) { contactDuplicates(emails: $emails, phones: $phones, excludeId: $excludeId) { id name } }', variables);
    const byPhone = await duplicates({ phones: ['(650) 555-0141'] });
    expect(byPhone.data!.contactDuplicates).toEqual([expect.objectContaining({ name: 'Abigail Chen' })]);
    expect((await duplicates({ emails: ['ABIGAIL@Chen.test'] })).data!.contactDuplicates.map((contact: any) => contact.name)).toEqual(['Abigail Chen']);
    expect((await duplicates({ phones: ['+1 650 555 0141'], excludeId: byPhone.data!.contactDuplicates[0].id })).data!.contactDuplicates).toEqual([]);
    expect((await duplicates({ phones: ['+1 650 555 0199'] })).data!.contactDuplicates).toEqual([]);
    expect((await duplicates({ phones: ['123'] })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'phones', fields: [{ field: 'phones', index: 0, message: expect.stringContaining('for the United States') }] });
  });

  it('validates every field at once with human messages, refuses "123" and keeps extensions', async () => {
    const result = await gql('mutation($input: ContactInput!) { createContact(input: $input) { id } }', {
      input: { firstName: ' ', emails: ['nope'], phones: ['650-555-0141 x51', '123'], leadSource: 'x'.repeat(101) },
    });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].message).toBe('Enter a first name');
    expect(result.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'firstName',
      fields: [
        { field: 'firstName', message: 'Enter a first name' },
        { field: 'leadSource', message: 'Lead source can be at most 100 characters' },
        { field: 'emails', index: 0, message: '“nope” doesn\'t look like an email address' },
        { field: 'phones', index: 1, message: '“123” doesn\'t look like a phone number for the United States: include the area code, or start with + and the country code' },
      ],
    });
    const kept = await gql('mutation { createContact(input: { firstName: "Ext", phones: ["650-555-0177 x51"] }) { phones { raw e164 extension } } }');
    expect(kept.data!.createContact.phones).toEqual([{ raw: '650-555-0177 x51', e164: '+16505550177', extension: '51' }]);
  });

  it('deletes a contact keeping its calls (to Unmatched) or deleting them, unlinks its deals, and tells open pages', async () => {
    const setUp = async (firstName: string) => {
      const contactId = await create({ firstName, lastName: 'Gone', phones: ['+1 415 555 0166'] });
      const call = (await logCall(contactId, new Date(Date.now() - 60_000).toISOString())).data!.logCall.id as string;
      const note = (await gql('mutation($c: ID!) { addNote(contactId: $c, body: "About them") { id } }', { c: contactId })).data!.addNote.id as string;
      const deal = (await gql('mutation($c: ID) { createDeal(input: { contactId: $c, title: "12 Ocean Blvd" }) { id } }', { c: contactId })).data!.createDeal.id as string;
      return { contactId, call, note, deal };
    };
    const activity = async (id: string) => (await gql('query($id: ID!) { activity(id: $id) { id contact { id } } }', { id })).data!.activity;
    const unmatched = async () => (await gql('{ unmatchedActivities(first: 100) { edges { node { id } } } }')).data!.unmatchedActivities.edges.map((edge: any) => edge.node.id);

    const kept = await setUp('Kept');
    const client = api.subscribe(token);
    const deletions = collect<{ contactDeleted: { contactId: string; dealIds: string[] } }>(client, 'subscription { contactDeleted { contactId dealIds } }', {}, 1);
    const timeline = collect<{ activityUpdated: { id: string; deleted: boolean; contact: { id: string } | null } }>(client, 'subscription($c: ID) { activityUpdated(contactId: $c) { id deleted contact { id } } }', { c: kept.contactId }, 2);
    await Promise.all([deletions.ready, timeline.ready]);
    const deleted = await gql('mutation($id: ID!) { deleteContact(id: $id, activities: KEEP) { id name } }', { id: kept.contactId });
    expect(deleted.data!.deleteContact).toEqual({ id: kept.contactId, name: 'Kept Gone' });
    expect(await activity(kept.call)).toEqual({ id: kept.call, contact: null });
    expect(await activity(kept.note)).toBeNull();
    expect(await unmatched()).toContain(kept.call);
    expect((await gql('query($id: ID!) { deal(id: $id) { contact { id } } }', { id: kept.deal })).data!.deal).toEqual({ contact: null });
    expect((await deletions.done)[0].contactDeleted).toEqual({ contactId: kept.contactId, dealIds: [kept.deal] });
    // The deleted note's `contact` resolves while the contact is being deleted, so either answer is right; the open
    // page drops it for `deleted`.
    expect((await timeline.done).map((message) => message.activityUpdated)).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: kept.note, deleted: true }), { id: kept.call, deleted: false, contact: null }]),
    );

    const removed = await setUp('Removed');
    expect((await gql('mutation($id: ID!) { deleteContact(id: $id, activities: DELETE) { id } }', { id: removed.contactId })).errors).toBeUndefined();
    expect(await activity(removed.call)).toBeNull();
    expect(await activity(removed.note)).toBeNull();
    expect((await gql('query($id: ID!) { contact(id: $id) { id } }', { id: removed.contactId })).data!.contact).toBeNull();
    expect((await gql('mutation($id: ID!) { deleteContact(id: $id, activities: DELETE) { id } }', { id: removed.contactId })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('imports a CSV: a dry run previews every row, the real run creates the new ones and reports duplicates and errors', async () => {
    const csv = [
      '\uFEFFFirst Name,Surname,E-mail,Mobile,Stage,Tags,Lead source,Fax',
      'Gina,Lopez,gina@lopez.test,415 555 0101,client,"vip; buyer",Open house,1',
      'Abby,Chen,ABIGAIL@chen.test,,lead,,,',
      'Hank,Moss,,415 555 0101,,,,',
      ',Nofirst,bad-email,123,hot,,,',
      '"Ivy, Jr.",Reed,ivy@reed.test,"+44 20 7946 0958",past client,,Referral,',
    ].join('\r\n');
    const run = (dryRun: boolean) =>
      gql('mutation($csv: String!, $dryRun: Boolean!) { importContacts(csv: $csv, dryRun: $dryRun) { created updated skipped ignoredColumns rows { line status name contactId errors } } }', { csv, dryRun });
    const before = (await gql('{ contacts { totalCount } }')).data!.contacts.totalCount;
    const preview = (await run(true)).data!.importContacts;
    expect(preview).toMatchObject({ created: 0, updated: 0, skipped: 3, ignoredColumns: ['Fax'] });
    expect(preview.rows.map((row: any) => [row.line, row.status, row.name])).toEqual([
      [2, 'WOULD_CREATE', 'Gina Lopez'],
      [3, 'DUPLICATE', 'Abby Chen'],
      [4, 'DUPLICATE', 'Hank Moss'],
      [5, 'INVALID', 'Nofirst'],
      [6, 'WOULD_CREATE', 'Ivy, Jr. Reed'],
    ]);
    expect(preview.rows[1].errors).toEqual(['A contact with this email already exists: Abigail Chen']);
    expect(preview.rows[2].errors).toEqual(['Same phone as line 2 of this file']);
    expect(preview.rows[3].errors).toEqual([
      'Enter a first name',
      '“bad-email” doesn\'t look like an email address',
      expect.stringContaining('“123” doesn\'t look like a phone number'),
      'Stage “hot” is not one of Lead, Client, Past client',
    ]);
    expect((await gql('{ contacts { totalCount } }')).data!.contacts.totalCount).toBe(before);

    const report = (await run(false)).data!.importContacts;
    expect(report).toMatchObject({ created: 2, skipped: 3 });
    expect(report.rows.filter((row: any) => row.status === 'CREATED').map((row: any) => row.name)).toEqual(['Gina Lopez', 'Ivy, Jr. Reed']);
    const gina = await gql('query($id: ID!) { contact(id: $id) { stage tags leadSource emails phones { e164 } } }', { id: report.rows[0].contactId });
    expect(gina.data!.contact).toEqual({ stage: 'client', tags: ['vip', 'buyer'], leadSource: 'Open house', emails: ['gina@lopez.test'], phones: [{ e164: '+14155550101' }] });
    // Created by one statement, at one instant: the newest-first pages tell them apart by id, each once.
    const newest = await everyPage({ orderBy: 'CREATED' });
    expect(newest.filter((name) => name === 'Gina Lopez' || name === 'Ivy, Jr. Reed').sort()).toEqual(['Gina Lopez', 'Ivy, Jr. Reed']);
    expect(new Set(newest).size).toBe(newest.length);
    // Run again: everything is now a duplicate.
    expect((await run(false)).data!.importContacts).toMatchObject({ created: 0, skipped: 5 });
  });

  it('refuses an import without a name column, too many rows or too many bytes, in words', async () => {
    const refusal = async (csv: string) => (await gql('mutation($csv: String!) { importContacts(csv: $csv, dryRun: true) { created } }', { csv })).errors?.[0];
    expect(await refusal('email,phone\na@b.test,1')).toMatchObject({ message: expect.stringContaining('First name'), extensions: { code: 'BAD_USER_INPUT', field: 'csv' } });
    const many = ['First name', ...Array.from({ length: 5001 }, (_, index) => `P${index}`)].join('\n');
    expect(await refusal(many)).toMatchObject({ message: 'That file has 5,001 contacts: import at most 5,000 at a time', extensions: { field: 'csv' } });
    const big = `First name,Notes\nBig,${'x'.repeat(2 * 1024 * 1024)}`;
    expect(await refusal(big)).toMatchObject({ message: expect.stringContaining('larger than 2 MB'), extensions: { field: 'csv' } });
  });

  it('backfills lastContactedAt in its migration from the timeline as it was', async () => {
    const database = api.app.get(DataSource);
    const contactId = await create({ firstName: 'Migrated' });
    await logCall(contactId, new Date(Date.now() - 7_200_000).toISOString());
    await database.query('UPDATE contacts SET last_contacted_at = NULL WHERE id = $1', [contactId]);
    const migration = database.migrations.find((item) => item.name === 'ContactListFields1764000000950')!;
    const runner = database.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const [row] = await database.query('SELECT last_contacted_at FROM contacts WHERE id = $1', [contactId]);
    expect(row.last_contacted_at).not.toBeNull();
  });
});
