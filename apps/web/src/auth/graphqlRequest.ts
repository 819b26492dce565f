/**
 * One GraphQL request over plain fetch, for the sign-in page: it is the first page most visits load, and Apollo
 * (its cache, links and the GraphQL parser) would more than double what it downloads.
 */
export async function graphqlRequest<Data>(query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  }).catch(() => null);
  const body = (await response?.json().catch(() => null)) as { data?: Data | null; errors?: Array<{ message: string }> } | null;
  const firstError = body?.errors?.[0];
  if (firstError) throw new Error(firstError.message);
  if (!body?.data) throw new Error('Switchboard cannot reach its server right now. Try again in a moment.');
  return body.data;
}
