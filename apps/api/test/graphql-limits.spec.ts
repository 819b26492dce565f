import { GraphQLSchemaHost } from '@nestjs/graphql';
import path from 'node:path';
import { type DocumentNode, print } from 'graphql';
import { GRAPHQL_LIMITS } from '../src/platform/graphql/limits';
import { aliased, ERROR_LEVEL, graphqlLogLinesDuring, measureOperation, queriesDuring, seedContacts } from './support/graphql-workload';
import { startTestApi, type TestApi } from './support/test-api';

/**
 * The web app's own documents, loaded from its source at run time (Nx keeps apps from importing each other's code;
 * here the SPA's queries are test data for the api).
 */
const SPA = jest.requireActual<Record<string, DocumentNode>>(path.resolve(__dirname, '../../web/src/graphql.ts'));

/** The shape of the reported attack: one alias costs a contacts page, each contact's deals, each deal's contact. */
const ATTACK_ALIAS = 'contacts(first: 100) { edges { node { deals { contact { id } } } } }';

describe('GraphQL depth, alias and cost limits (real api)', () => {
  let api: TestApi;
  let token: string;
  let adminToken: string;
  let contactId: string;

  beforeAll(async () => {
    api = await startTestApi();
    await api.createOrganisation('Limits Realty', [{ email: 'lena@limits.test' }, { email: 'boss@limits.test', role: 'admin' }]);
    token = await api.login('lena@limits.test');
    adminToken = await api.login('boss@limits.test');
    [contactId] = await seedContacts(api, token, 3, { dealsEach: 1, notesEach: 2 });
  });
  afterAll(() => api.close());

  it('refuses the 1,000-alias attack before any resolver runs, as BAD_USER_INPUT naming the limit, in one log line below error level', async () => {
    const query = `query AliasAttack { ${aliased(1000, ATTACK_ALIAS)} }`;
    let result: Awaited<ReturnType<TestApi['graphql']>> = {};
    let queries: string[] = [];
    const started = Date.now();
    const lines = await graphqlLogLinesDuring(api, async () => {
      queries = await queriesDuring(api, async () => {
        result = await api.graphql(query, {}, token);
      });
    });
    console.info(`The 1,000-alias attack was refused in ${Date.now() - started} ms`);
    expect(result.data).toBeUndefined();
    // The first limit it meets is the token count, while parsing; the alias limit would be next.
    expect(result.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/limit of \d+ exceeded/i), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    // Not one statement reached PostgreSQL: the pool never saw it.
    expect(queries).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(lines[0].level).toBeLessThan(ERROR_LEVEL);
  });

  it('refuses more aliases than the alias limit, before any resolver runs', async () => {
    let result: Awaited<ReturnType<TestApi['graphql']>> = {};
    const queries = await queriesDuring(api, async () => {
      result = await api.graphql(`query { ${aliased(GRAPHQL_LIMITS.maxAliases + 1, 'me { id }')} }`, {}, token);
    });
    expect(result.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/aliases limit/i), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    expect(queries).toEqual([]);
  });

  it('refuses a query nested deeper than the depth limit', async () => {
    let nested = 'id';
    for (let level = 0; level < GRAPHQL_LIMITS.maxDepth; level += 1) nested = `contact { deals { ${nested} } }`;
    const result = await api.graphql(`query { contacts(first: 1) { edges { node { deals { ${nested} } } } } }`, {}, token);
    expect(result.errors?.[0]).toEqual(expect.objectContaining({ message: expect.stringMatching(/depth/i), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
  });

  it('refuses a query over the cost limit, counting page sizes passed as variables, and allows the same query a few times', async () => {
    const page = 'activities(first: $first) { edges { node { id type occurredAt direction body counterpartNumber contact { id name } owner { id name } deal { id title } } } }';
    const expensive = await api.graphql(`query Expensive($first: Int) { ${aliased(GRAPHQL_LIMITS.maxAliases, page)} }`, { first: 100 }, token);
    expect(expensive.data).toBeUndefined();
    expect(expensive.errors?.[0]).toEqual(expect.objectContaining({ message: expect.stringMatching(/cost/i), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
    const affordable = await api.graphql(`query Affordable($first: Int) { ${aliased(3, page)} }`, { first: 100 }, token);
    expect(affordable.errors).toBeUndefined();
    expect(affordable.data?.a2.edges).toHaveLength(6);
  });

  it("keeps the web app's biggest queries far below every limit, and answers them", async () => {
    const schema = api.app.get(GraphQLSchemaHost).schema;
    const spaQueries: Array<[string, Record<string, unknown>, string]> = [
      ['ME', {}, token],
      ['CONTACTS', { first: 50, search: null }, token],
      ['CONTACT', { id: contactId }, token],
      ['ACTIVITIES', { contactId, first: 20 }, token],
      ['UNMATCHED_ACTIVITIES', { first: 100 }, token],
      ['DEALS', { first: 100 }, token],
      ['UPCOMING_MEETINGS', { first: 10, contactId }, token],
      ['LIVE_CALLS', {}, token],
      ['ZOOM_CONNECTION', {}, token],
      ['API_TOKENS', {}, token],
      ['INTEGRATION_HEALTH', {}, adminToken],
    ];
    for (const [name, variables, credential] of spaQueries) {
      const document = SPA[name];
      const measured = measureOperation(schema, document, variables);
      console.info(`${name}: depth ${measured.depth}, aliases ${measured.aliases}, cost ${measured.cost}`);
      // "Far below": two levels of depth to spare, no aliases, a quarter of the cost budget at most.
      expect({ name, aliases: measured.aliases, deep: measured.depth > GRAPHQL_LIMITS.maxDepth - 2, costly: measured.cost > GRAPHQL_LIMITS.maxCost / 4 }).toEqual({
        name,
        aliases: 0,
        deep: false,
        costly: false,
      });
      const result = await api.graphql(print(document), variables, credential);
      expect({ name, errors: result.errors }).toEqual({ name, errors: undefined });
    }
  });
});
