import { startTestApi, type TestApi } from './support/test-api';

const INTROSPECTION = '{ __schema { queryType { name } } }';

describe('GraphQL introspection (real api)', () => {
  describe('in development and test', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi({ NODE_ENV: 'test' });
    });
    afterAll(() => api.close());

    it('answers introspection', async () => {
      expect(await api.graphql(INTROSPECTION)).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    });
  });

  describe('in production (NODE_ENV=production)', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi({ NODE_ENV: 'production' });
    });
    afterAll(() => api.close());

    it('refuses introspection, and gives no field suggestions that would leak the schema', async () => {
      const result = await api.graphql(INTROSPECTION);
      expect(result.data).toBeUndefined();
      expect(result.errors?.[0].message).toMatch(/introspection/i);
      const typo = await api.graphql('{ contacs { totalCount } }');
      expect(typo.errors?.[0].message).not.toMatch(/Did you mean/);
    });

    it('still answers ordinary queries', async () => {
      expect((await api.graphql('{ me { id } }')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });
});
