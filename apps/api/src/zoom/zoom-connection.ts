export const ConnectionState = { CONNECTED: 'CONNECTED', NEEDS_RECONNECT: 'NEEDS_RECONNECT', REVOKED: 'REVOKED' } as const;
export type ConnectionState = (typeof ConnectionState)[keyof typeof ConnectionState];

/**
 * A working Zoom connection as other modules see it: whose it is (organisation, Switchboard user), the Zoom user and
 * account whose events it receives, its Zoom Phone line, and its id to call Zoom through.
 */
export interface ConnectedZoomUser {
  id: string;
  organisationId: string;
  userId: string;
  zoomUserId: string;
  zoomAccountId: string;
  /** E.164 when it parses; null, like the extension, without a Zoom Phone licence. */
  phoneNumber: string | null;
  phoneExtension: string | null;
}

/** A connection in any state, with what the admin's integration-health page shows of it. */
export interface ZoomConnectionSummary extends ConnectedZoomUser {
  email: string;
  state: ConnectionState;
  lastError: string | null;
}
