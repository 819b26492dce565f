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
  /** users/me `type`: 1 Basic, 2 and above paid. */
  planType: number;
}

/** users/me `type` 2 and above are paid plans; cloud recording (and AI Companion summaries) need one. */
export const LICENSED_PLAN_TYPE = 2;

/** ZoomConnection.capabilities.recordings: false on Basic, and then no recording request is ever made. */
export const hasCloudRecordings = (connection: Pick<ConnectedZoomUser, 'planType'>) => connection.planType >= LICENSED_PLAN_TYPE;

/** A connection in any state, with what the admin's integration-health page shows of it. */
export interface ZoomConnectionSummary extends ConnectedZoomUser {
  email: string;
  state: ConnectionState;
  lastError: string | null;
}
