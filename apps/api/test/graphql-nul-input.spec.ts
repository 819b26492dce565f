import { GraphQLSchemaHost } from '@nestjs/graphql';
import { isInputObjectType, isObjectType } from 'graphql';
import { FREE_TEXT_INPUTS } from '../src/platform/graphql/string-arguments';
import { startTestApi, type TestApi } from './support/test-api';

const NUL = '\u0000';

/**
 * PostgreSQL cannot store U+0000 in text. Identifying text (names, emails, numbers, searches) with one is refused as
 * BAD_USER_INPUT naming the field; free text (a note's body, a contact's notes) is stored without it.
 */
describe('NUL characters in GraphQL strings (real api)', () => {
  let api: TestApi;
  let token: string;
  let contactId: string;

  beforeAll(async () => {
    api = await startTestApi();
    await api.createOrganisation('Nul Realty', [{ email: 'nils@nul.test' }]);
    token = await api.login('nils@nul.test');
    contactId = (await api.graphql<{ createContact: { id: string } }>('mutation { createContact(input: { firstName: "Nora" }) { id } }', {}, token)).data!.createContact.id;
  });
  afterAll(() => api.close());

  const refusal = (field: string) => ({ errors: [expect.objectContaining({ message: expect.stringContaining(field), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) })] });

  it('refuses a contact search with a NUL, as a variable or written in the query', async () => {
    expect(await api.graphql('query($s: String) { contacts(search: $s) { totalCount } }', { s: `No${NUL}ra` }, token)).toMatchObject(refusal('search'));
    expect(await api.graphql('{ contacts(search: "No\\u0000ra") { totalCount } }', {}, token)).toMatchObject(refusal('search'));
    expect(await api.graphql('query($s: String) { activities(search: $s) { totalCount } }', { s: `a${NUL}` }, token)).toMatchObject(refusal('search'));
  });

  it('refuses createContact with a NUL in a name, an email or a phone, naming the field, and stores nothing', async () => {
    const create = (input: Record<string, unknown>) => api.graphql('mutation($input: ContactInput!) { createContact(input: $input) { id } }', { input }, token);
    expect(await create({ firstName: `Jo${NUL}e` })).toMatchObject(refusal('firstName'));
    expect(await create({ firstName: 'Joe', lastName: `${NUL}` })).toMatchObject(refusal('lastName'));
    expect(await create({ firstName: 'Joe', emails: ['joe@nul.test', `j${NUL}@nul.test`] })).toMatchObject(refusal('emails'));
    expect(await create({ firstName: 'Joe', phones: [`415${NUL}5550199`] })).toMatchObject(refusal('phones'));
    expect((await api.graphql('{ contacts { totalCount } }', {}, token)).data?.contacts.totalCount).toBe(1);
  });

  it('stores free text without the NUL: a note body and a contact\'s notes', async () => {
    const note = await api.graphql('mutation($id: ID!, $body: String!) { addNote(contactId: $id, body: $body) { body } }', { id: contactId, body: `Called${NUL} back` }, token);
    expect(note).toEqual({ data: { addNote: { body: 'Called back' } } });
    const updated = await api.graphql('mutation($id: ID!, $input: ContactInput!) { updateContact(id: $id, input: $input) { notes } }', { id: contactId, input: { notes: `Prefers${NUL} texts` } }, token);
    expect(updated).toEqual({ data: { updateContact: { notes: 'Prefers texts' } } });
  });

  it('names only free-text inputs that exist in the schema, as String inputs', () => {
    const schema = api.app.get(GraphQLSchemaHost).schema;
    const typeOf = (coordinate: string) => {
      const argument = /^(\w+)\.(\w+)\((\w+):\)$/.exec(coordinate);
      const [typeName, fieldName] = argument ? [argument[1], argument[2]] : coordinate.split('.');
      const type = schema.getType(typeName);
      if (argument && isObjectType(type)) return type.getFields()[fieldName]?.args.find((arg) => arg.name === argument[3])?.type.toString();
      return isInputObjectType(type) ? type.getFields()[fieldName]?.type.toString() : undefined;
    };
    for (const coordinate of FREE_TEXT_INPUTS) expect({ coordinate, type: typeOf(coordinate)?.replace('!', '') }).toEqual({ coordinate, type: 'String' });
  });

  it('refuses a NUL in login credentials as bad input, not a server error', async () => {
    const login = await api.graphql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: `nils${NUL}@nul.test`, p: 'x' });
    expect(login).toMatchObject(refusal('email'));
  });
});
