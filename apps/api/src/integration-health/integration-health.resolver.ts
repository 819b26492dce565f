import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { UserRole } from '@switchboard/crm-domain';
import { AuthService, CurrentPrincipal, type Principal, RequireRole } from '../auth';
import { notFound } from '../platform/graphql/errors';
import { VoicemailTranscriptionService } from '../transcription';
import { type InboxScope, WebhookInboxService } from '../webhook';
import { ZoomConnectionService } from '../zoom';
import { IntegrationHealth } from './dto/integration-health.model';

/** Admin-only: are Zoom events arriving, are they processed, which grants are alive. Scoped to the organisation. */
@Resolver(() => IntegrationHealth)
export class IntegrationHealthResolver {
  constructor(
    private readonly connections: ZoomConnectionService,
    private readonly inbox: WebhookInboxService,
    private readonly auth: AuthService,
    private readonly transcriptions: VoicemailTranscriptionService,
  ) {}

  private async scope(principal: Principal) {
    const connections = await this.connections.listForOrganisation(principal.organisationId);
    // The events about this organisation's Zoom users; never by Zoom account, which other organisations' users may share.
    const scope: InboxScope = { zoomUserIds: connections.map((connection) => connection.zoomUserId) };
    return { connections, scope };
  }

  @RequireRole(UserRole.ADMIN)
  @Query(() => IntegrationHealth)
  async integrationHealth(@CurrentPrincipal() principal: Principal): Promise<IntegrationHealth> {
    const { connections, scope } = await this.scope(principal);
    const [webhookValidatedAt, lastEvents, counts, failed, rejected, expiries, users, failedVoicemails] = await Promise.all([
      this.inbox.urlValidatedAt(),
      this.inbox.lastReceivedByEvent(scope),
      this.inbox.countsByStatus(scope),
      this.inbox.withErrors(scope),
      this.inbox.rejected(scope),
      this.connections.tokenExpiries(connections.map((connection) => connection.id)),
      this.auth.usersByIds(principal.organisationId, connections.map((connection) => connection.userId)),
      this.transcriptions.failedFor(principal.organisationId),
    ]);
    const emailOf = new Map(users.map((user) => [user.id, user.email]));
    return {
      webhookValidatedAt,
      lastEvents: lastEvents.map((seen) => ({ event: seen.event, lastReceivedAt: seen.receivedAt })),
      inboxCounts: Object.entries(counts).map(([status, count]) => ({ status, count })),
      failedEvents: failed.map((entry) => ({ id: entry.id, event: entry.event, status: entry.status, attempts: entry.attempts, lastError: entry.lastError, receivedAt: entry.receivedAt })),
      rejectedEvents: rejected.map((entry) => ({ id: entry.id, event: entry.event, reason: entry.lastError ?? '', deliveries: entry.attempts, receivedAt: entry.receivedAt, lastDeliveredAt: entry.updatedAt })),
      failedTranscriptions: failedVoicemails.map((voicemail) => ({ activityId: voicemail.activityId, attempts: voicemail.attempts, lastError: voicemail.lastError, failedAt: voicemail.updatedAt })),
      connections: connections.map((connection) => ({
        userEmail: emailOf.get(connection.userId) ?? '',
        zoomEmail: connection.email,
        state: connection.state,
        lastError: connection.lastError,
        tokenExpiresAt: expiries.get(connection.id) ?? null,
      })),
    };
  }

  @RequireRole(UserRole.ADMIN)
  @Mutation(() => Boolean, { description: 'Queues a failed (or partly processed) Zoom event again' })
  async retryWebhookEvent(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    const { scope } = await this.scope(principal);
    if (!(await this.inbox.retryFailed(scope, id))) throw notFound('Failed event');
    return true;
  }
}
