import type { UserRole } from '@switchboard/crm-domain';

/** Who is calling: resolved from the session cookie, a `login` token or a personal API token. */
export interface Principal {
  userId: string;
  organisationId: string;
  email: string;
  role: UserRole;
  /** `public_link`: acting for an agent on a prospect's request through the agent's public booking link. */
  credential: { kind: 'session' | 'api_token' | 'public_link'; id: string };
}

export const SESSION_COOKIE = 'sb_session';
export const TOKEN_REVOKED_EVENT = 'auth.credential-revoked';
export interface CredentialRevoked {
  credentialId: string;
}
