import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';

/** Listeners the app shell registers: a session that ended, and a network that failed. */
export const sessionEvents = new EventTarget();

function isSubscription(operation: ApolloLink.Operation): boolean {
  const definition = getMainDefinition(operation.query);
  return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
}

export function createApolloClient(): ApolloClient {
  const wsUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`;
  // The browser sends the HttpOnly session cookie with the upgrade request; no token lives in JavaScript.
  const wsLink = new GraphQLWsLink(createClient({ url: wsUrl, lazy: true, retryAttempts: Infinity, shouldRetry: () => true }));
  const httpLink = new HttpLink({ uri: '/graphql', credentials: 'same-origin' });
  const errorLink = new ErrorLink(({ error }) => {
    if (CombinedGraphQLErrors.is(error) && error.errors.some((item) => item.extensions?.code === 'UNAUTHENTICATED')) {
      sessionEvents.dispatchEvent(new Event('signed-out'));
    } else if (!CombinedGraphQLErrors.is(error)) {
      sessionEvents.dispatchEvent(new CustomEvent('network-error', { detail: error.message }));
    }
  });
  return new ApolloClient({
    link: ApolloLink.from([errorLink, ApolloLink.split(isSubscription, wsLink, httpLink)]),
    cache: new InMemoryCache(),
  });
}

/** The message of the first GraphQL error, for forms. */
export function errorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) return error.errors[0]?.message ?? 'Something went wrong';
  return error instanceof Error ? error.message : 'Something went wrong';
}

/** The first GraphQL error's `extensions.code` (ZOOM_NOT_CONNECTED, RATE_LIMITED, ...), to offer the way out. */
export function errorCode(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const code = error.errors[0]?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

export function errorField(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const field = error.errors[0]?.extensions?.field;
  return typeof field === 'string' ? field : undefined;
}
