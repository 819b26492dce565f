import { Injectable, OnModuleInit } from '@nestjs/common';
import { LiveEventsService } from '../platform/redis/live-events.service';
import { type CredentialRevoked, TOKEN_REVOKED_EVENT } from './principal';

interface ClosableSocket {
  close(code?: number, reason?: string): void;
}

/** graphql-ws close code for a connection whose credential is no longer valid. */
export const CLOSE_FORBIDDEN = 4403;

/**
 * Tracks this process's graphql-ws sockets by the credential that opened them, so that revoking a token or
 * signing out (on any process, announced over Redis) closes its live connections at once.
 */
@Injectable()
export class LiveConnectionsService implements OnModuleInit {
  private readonly socketsByCredential = new Map<string, Set<ClosableSocket>>();

  constructor(private readonly liveEvents: LiveEventsService) {}

  async onModuleInit(): Promise<void> {
    await this.liveEvents.listen<CredentialRevoked>(TOKEN_REVOKED_EVENT, ({ credentialId }) => this.closeAll(credentialId));
  }

  track(credentialId: string, socket: ClosableSocket): void {
    const sockets = this.socketsByCredential.get(credentialId) ?? new Set();
    sockets.add(socket);
    this.socketsByCredential.set(credentialId, sockets);
  }

  untrack(credentialId: string, socket: ClosableSocket): void {
    const sockets = this.socketsByCredential.get(credentialId);
    sockets?.delete(socket);
    if (sockets?.size === 0) this.socketsByCredential.delete(credentialId);
  }

  private closeAll(credentialId: string): void {
    for (const socket of this.socketsByCredential.get(credentialId) ?? []) socket.close(CLOSE_FORBIDDEN, 'Forbidden');
    this.socketsByCredential.delete(credentialId);
  }
}
