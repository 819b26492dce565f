import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookInboxEntry } from './entities/webhook-inbox.entity';
import { InboxRetentionService } from './inbox-retention.service';
import { InboxSweeperService } from './inbox-sweeper.service';
import { WEBHOOK_QUEUE, WebhookInboxService } from './webhook-inbox.service';
import { WebhookMetrics } from './webhook-metrics';
import { WebhookProcessor } from './webhook.processor';
import { WebhookRouter } from './webhook-router.service';
import { ZoomWebhookIntake } from './zoom-webhook-intake';

/** What a process runs of the webhook module besides WebhookModule, by role: the intake; the processor, the sweeper and the retention pruner. */
@Module({})
class WebhookRoleModule {}

/**
 * The durable inbox and the router each owner module registers its event handlers with. Owners import it as is,
 * so there is one router however many import it, the one the processor routes through; the app imports
 * `register()`, which adds the role's parts.
 */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookInboxEntry]), BullModule.registerQueue({ name: WEBHOOK_QUEUE })],
  providers: [WebhookInboxService, WebhookRouter, WebhookMetrics],
  exports: [WebhookInboxService, WebhookRouter, WebhookMetrics],
})
export class WebhookModule {
  /** `POST /webhooks/zoom` (the intake, mounted by app.factory.ts) on http processes; the processor, the sweeper and the pruner on workers. */
  static register(options: { http: boolean; worker: boolean }): DynamicModule {
    return {
      module: WebhookRoleModule,
      imports: [WebhookModule],
      providers: [...(options.http ? [ZoomWebhookIntake] : []), ...(options.worker ? [WebhookProcessor, InboxSweeperService, InboxRetentionService] : [])],
    };
  }
}
