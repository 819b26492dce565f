import { randomBytes } from 'node:crypto';
import type { SimConfig } from './config';
import type { SimFile } from './downloads';
import type { SimMeeting } from './meetings';
import type { SimCall } from './phone-calls';
import { RateCounters } from './rate-limits';
import { seedUsers, type SimUser } from './users';

export interface Grant {
  id: string;
  userId: string;
  scopes: string[];
  revoked: boolean;
}

export interface IssuedToken {
  value: string;
  kind: 'access' | 'refresh';
  grantId: string;
  expiresAt: number;
  /** A refresh token dies when used (rotation); an access token when its grant is revoked or it expires. */
  used: boolean;
}

export interface AuthorizationCode {
  code: string;
  userId: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge?: string;
  expiresAt: number;
  used: boolean;
}

export interface Fault {
  path: string;
  method?: string;
  status: number;
  remaining: number;
  delayMs: number;
  body?: unknown;
}

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  at: string;
}

/** Everything the simulator knows, in memory; `reset()` puts it back as it started. */
export class SimState {
  users: SimUser[] = [];
  grants: Grant[] = [];
  tokens = new Map<string, IssuedToken>();
  codes = new Map<string, AuthorizationCode>();
  faults: Fault[] = [];
  requests: RequestRecord[] = [];
  calls: SimCall[] = [];
  meetings: SimMeeting[] = [];
  /** Downloadable files by the token in their download_url. */
  files = new Map<string, SimFile>();
  /** What each simulated audio file "says", by the file's SHA-256, for the transcription endpoint. */
  transcripts = new Map<string, string>();
  transcriptionRequests: { model: string; format: string; bytes: number; fileName: string }[] = [];
  pageTokens = new Map<string, { listKey: string; offset: number; expiresAt: number }>();
  rateCounters = new RateCounters();
  /** The address clients reach the simulator at (known once it listens). */
  publicUrl = '';

  private readonly startingRateLimits: SimConfig['rateLimits'];

  constructor(readonly config: SimConfig) {
    this.startingRateLimits = structuredClone(config.rateLimits);
    this.reset();
  }

  reset(): void {
    this.users = seedUsers();
    this.grants = [];
    this.tokens.clear();
    this.codes.clear();
    this.faults = [];
    this.requests = [];
    this.calls = [];
    this.meetings = [];
    this.files.clear();
    this.transcripts.clear();
    this.transcriptionRequests = [];
    this.pageTokens.clear();
    this.rateCounters.reset();
    this.config.rateLimits = structuredClone(this.startingRateLimits);
  }

  userByEmail(email: string): SimUser | undefined {
    return this.users.find((user) => user.email.toLowerCase() === email.toLowerCase());
  }

  userById(id: string): SimUser | undefined {
    return this.users.find((user) => user.id === id);
  }

  issueToken(kind: IssuedToken['kind'], grantId: string, ttlSeconds: number): IssuedToken {
    const token: IssuedToken = { value: randomBytes(32).toString('base64url'), kind, grantId, expiresAt: Date.now() + ttlSeconds * 1000, used: false };
    this.tokens.set(token.value, token);
    return token;
  }

  grant(id: string): Grant | undefined {
    return this.grants.find((grant) => grant.id === id);
  }

  /** Re-authorising revokes a user's earlier grants, so a user has at most one that is not revoked. */
  activeGrantOf(userId: string): Grant | undefined {
    return this.grants.find((grant) => grant.userId === userId && !grant.revoked);
  }

  isActive(token: IssuedToken): boolean {
    return !token.used && !this.grant(token.grantId)?.revoked && token.expiresAt > Date.now();
  }

  /** Re-authorising a user, revoking or uninstalling ends every earlier grant of that user. */
  revokeGrantsOf(userId: string): void {
    for (const grant of this.grants) if (grant.userId === userId) grant.revoked = true;
  }

  tokensOf(userId: string): IssuedToken[] {
    const grantIds = new Set(this.grants.filter((grant) => grant.userId === userId).map((grant) => grant.id));
    return [...this.tokens.values()].filter((token) => grantIds.has(token.grantId));
  }

  /** Takes one use of the first matching fault, if any. */
  takeFault(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((candidate) => candidate.remaining > 0 && path.startsWith(candidate.path) && (!candidate.method || candidate.method === method));
    if (fault) fault.remaining -= 1;
    this.faults = this.faults.filter((candidate) => candidate.remaining > 0);
    return fault;
  }
}
