import { createApolloClient } from './apollo';

/** The tab's one Apollo client, created when the first page that talks GraphQL through Apollo is loaded. */
export const apolloClient = createApolloClient();
