import { aliased, ERROR_LEVEL, graphqlLogLinesDuring } from './support/graphql-workload';
import { startTestApi, TEST_PASSWORD, type TestApi } from './support/test-api';

/** Expected user errors are the caller's business: below error level, and one line per request however many aliases fail. */
describe('logging of GraphQL user errors (real api)', () => {
  let api: TestApi;
  let token: string;

  beforeAll(async () => {
    api = await startTestApi();
    await api.createOrganisation('Logging Realty', [{ email: 'lou@logging.test' }]);
    token = await api.login('lou@logging.test');
  });
  afterAll(() => api.close());

  it.each([
    ['a wrong password', 'WrongPassword', `mutation WrongPassword { login(email: "lou@logging.test", password: "not-${TEST_PASSWORD}") { token } }`, undefined, 'UNAUTHENTICATED'],
    ['a request without signing in', 'NotSignedIn', 'query NotSignedIn { me { id } }', undefined, 'UNAUTHENTICATED'],
    ['bad input', 'BadInput', 'query BadInput { contacts(first: 1000) { totalCount } }', 'token', 'BAD_USER_INPUT'],
    ['an unknown contact', 'UnknownContact', 'mutation UnknownContact { addNote(contactId: "00000000-0000-4000-8000-000000000000", body: "x") { id } }', 'token', 'NOT_FOUND'],
  ])('logs %s in one line below error level', async (_label, operationName, query, credential, code) => {
    let errors: Array<{ extensions?: { code?: string } }> | undefined;
    const lines = await graphqlLogLinesDuring(api, async () => {
      errors = (await api.graphql(query, {}, credential ? token : undefined)).errors;
    });
    expect(errors?.[0].extensions?.code).toBe(code);
    expect(lines.filter((line) => line.level >= ERROR_LEVEL)).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines[0])).toContain(operationName);
  });

  it('logs a request whose every alias fails once, not once per alias', async () => {
    let errors: unknown[] | undefined;
    const lines = await graphqlLogLinesDuring(api, async () => {
      // A nullable field, so that each alias fails on its own (a failing `me: User!` would null the whole answer).
      errors = (await api.graphql(`query ManyFailures { ${aliased(15, 'contact(id: "00000000-0000-4000-8000-000000000000") { id }')} }`)).errors;
    });
    expect(errors).toHaveLength(15);
    expect(lines).toHaveLength(1);
    expect(lines[0].level).toBeLessThan(ERROR_LEVEL);
  });
});
