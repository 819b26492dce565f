import { collect, startTestApi, type TestApi } from './support/test-api';

const UPDATED = 'subscription($contactId: ID) { activityUpdated(contactId: $contactId) { id body deleted } }';
const UPDATE_NOTE = 'mutation($id: ID!, $body: String!) { updateNote(activityId: $id, body: $body) { id type body deleted owner { email } } }';
const DELETE_NOTE = 'mutation($id: ID!) { deleteNote(activityId: $id) { id body deleted } }';
const TIMELINE = 'query($id: ID) { activities(contactId: $id) { edges { node { id body deleted } } } }';

describe('editing and deleting notes (real api)', () => {
  let api: TestApi;
  let author: string;
  let colleague: string;
  let outsider: string;
  let contactId: string;

  beforeAll(async () => {
    api = await startTestApi();
    await api.createOrganisation('Notes Realty', [{ email: 'nora@notes.test' }, { email: 'colin@notes.test', role: 'admin' }]);
    await api.createOrganisation('Elsewhere Homes', [{ email: 'olga@elsewhere.test' }]);
    [author, colleague, outsider] = await Promise.all(['nora@notes.test', 'colin@notes.test', 'olga@elsewhere.test'].map((email) => api.login(email)));
    const created = await api.graphql<{ createContact: { id: string } }>('mutation { createContact(input: { firstName: "Nadia" }) { id } }', {}, author);
    contactId = created.data!.createContact.id;
  });
  afterAll(() => api.close());

  const addNote = async (body: string) => {
    const result = await api.graphql<{ addNote: { id: string } }>('mutation($id: ID!, $body: String!) { addNote(contactId: $id, body: $body) { id } }', { id: contactId, body }, author);
    return result.data!.addNote.id;
  };
  const timelineBodies = async () => {
    const result = await api.graphql<{ activities: { edges: Array<{ node: { id: string; body: string; deleted: boolean } }> } }>(TIMELINE, { id: contactId }, author);
    return result.data!.activities.edges.map((edge) => edge.node);
  };

  it('lets the author edit a note: the new text is trimmed, saved and on the timeline', async () => {
    const id = await addNote('Call back about the open house');
    const result = await api.graphql(UPDATE_NOTE, { id, body: '  Call back about the open house on Sunday  ' }, author);
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateNote).toEqual({ id, type: 'NOTE', body: 'Call back about the open house on Sunday', deleted: false, owner: { email: 'nora@notes.test' } });
    expect(await timelineBodies()).toContainEqual({ id, body: 'Call back about the open house on Sunday', deleted: false });
  });

  it('lets the author delete a note: it leaves the timeline and cannot be found again', async () => {
    const id = await addNote('Wrong contact, sorry');
    const result = await api.graphql(DELETE_NOTE, { id }, author);
    expect(result.errors).toBeUndefined();
    expect(result.data?.deleteNote).toEqual({ id, body: 'Wrong contact, sorry', deleted: true });
    expect((await timelineBodies()).map((note) => note.id)).not.toContain(id);
    expect((await api.graphql('query($id: ID!) { activity(id: $id) { id } }', { id }, author)).data?.activity).toBeNull();
    const again = await api.graphql(DELETE_NOTE, { id }, author);
    expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it("refuses another agent of the organisation, even an admin, with a message saying whose note it is", async () => {
    const id = await addNote('Only Nora may change this');
    for (const attempt of [api.graphql(UPDATE_NOTE, { id, body: 'changed' }, colleague), api.graphql(DELETE_NOTE, { id }, colleague)]) {
      const { errors } = await attempt;
      expect(errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(errors?.[0].message).toMatch(/^Only the person who wrote this note can (edit|delete) it$/);
    }
    expect(await timelineBodies()).toContainEqual({ id, body: 'Only Nora may change this', deleted: false });
  });

  it('answers NOT_FOUND to another organisation and changes nothing', async () => {
    const id = await addNote('Private to Notes Realty');
    expect((await api.graphql(UPDATE_NOTE, { id, body: 'leaked' }, outsider)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await api.graphql(DELETE_NOTE, { id }, outsider)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await timelineBodies()).toContainEqual({ id, body: 'Private to Notes Realty', deleted: false });
  });

  it('validates the text like addNote and edits only notes', async () => {
    const id = await addNote('Keep me');
    const empty = await api.graphql(UPDATE_NOTE, { id, body: '   ' }, author);
    expect(empty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
    const long = await api.graphql(UPDATE_NOTE, { id, body: 'x'.repeat(20_001) }, author);
    expect(long.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
    const withNul = await api.graphql(UPDATE_NOTE, { id, body: 'Keep\u0000 me too' }, author);
    expect(withNul.data?.updateNote.body).toBe('Keep me too');

    const call = await api.graphql<{ logCall: { id: string } }>(
      'mutation($input: LogCallInput!) { logCall(input: $input) { id } }',
      { input: { contactId, direction: 'OUTBOUND', durationSeconds: 60, occurredAt: new Date(Date.now() - 60_000).toISOString() } },
      author,
    );
    const callId = call.data!.logCall.id;
    for (const attempt of [api.graphql(UPDATE_NOTE, { id: callId, body: 'not a note' }, author), api.graphql(DELETE_NOTE, { id: callId }, author)]) {
      expect((await attempt).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'activityId' });
    }
    expect((await api.graphql(DELETE_NOTE, { id: 'not-an-id' }, author)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('tells an open timeline of the edit and the deletion over graphql-ws, and tells nobody in another organisation', async () => {
    const id = await addNote('Draft');
    const timeline = collect<{ activityUpdated: { id: string; body: string; deleted: boolean } }>(api.subscribe(colleague), UPDATED, { contactId }, 2);
    const elsewhere = collect<{ activityUpdated: { id: string } }>(api.subscribe(outsider), UPDATED, {}, 1);
    await Promise.all([timeline.ready, elsewhere.ready]);
    await api.graphql(UPDATE_NOTE, { id, body: 'Final wording' }, author);
    await api.graphql(DELETE_NOTE, { id }, author);
    expect((await timeline.done).map((event) => event.activityUpdated)).toEqual([
      { id, body: 'Final wording', deleted: false },
      { id, body: 'Final wording', deleted: true },
    ]);
    const heardElsewhere = await Promise.race([elsewhere.done.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 500))]);
    expect(heardElsewhere).toBe(false);
  });
});
