import { useQuery, useSubscription } from '@apollo/client/react';
import { ZOOM_CONNECTION, ZOOM_CONNECTION_CHANGED } from '../graphql';

export interface ZoomConnection {
  status: 'NOT_CONNECTED' | 'CONNECTED' | 'NEEDS_RECONNECT';
  email: string | null;
  planType: string | null;
  phoneNumber: string | null;
  scopes: string[];
  connectedAt: string | null;
  lastError: string | null;
  available: boolean;
  capabilities: { recordings: boolean; phone: boolean };
}

/** The caller's Zoom connection, kept current by the server's change events (a grant can die at any time). */
export function useZoomConnection() {
  const query = useQuery<{ zoomConnection: ZoomConnection }>(ZOOM_CONNECTION);
  useSubscription<{ zoomConnectionChanged: ZoomConnection }>(ZOOM_CONNECTION_CHANGED, {
    onData: ({ client, data }) => {
      const changed = data.data?.zoomConnectionChanged;
      if (changed) client.writeQuery({ query: ZOOM_CONNECTION, data: { zoomConnection: changed } });
    },
  });
  return { connection: query.data?.zoomConnection, loading: query.loading, refetch: query.refetch };
}
