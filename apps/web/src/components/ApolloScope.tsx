import { ApolloProvider } from '@apollo/client/react';
import { Outlet } from 'react-router-dom';
import { apolloClient } from '../apolloClient';

/** The routes below it get Apollo; a chunk of its own, so the sign-in page never downloads it. */
export function ApolloScope() {
  return (
    <ApolloProvider client={apolloClient}>
      <Outlet />
    </ApolloProvider>
  );
}
