import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookInboxEntry } from './entities/webhook-inbox.entity';
import { InboxSweeperService } from './inbox-sweeper.service';
import { WEBHOOK_QUEUE, WebhookInboxService } from './webhook-inbox.service';
import { WebhookProcessor } from './webhook.processor';
import { WebhookRouter } from './webhook-router.service';
import { ZoomWebhookIntake } from './zoom-webhook-intake';

/** `POST /webhooks/zoom` (the intake, mounted by app.factory.ts) on http processes; the processor and the sweeper on workers. The router is global. */
@Module({})
export class WebhookModule {
  static register(options: { http: boolean; worker: boolean }): DynamicModule {
    return {
      module: WebhookModule,
      global: true,
      imports: [TypeOrmModule.forFeature([WebhookInboxEntry]), BullModule.registerQueue({ name: WEBHOOK_QUEUE })],
      providers: [WebhookInboxService, WebhookRouter, ...(options.http ? [ZoomWebhookIntake] : []), ...(options.worker ? [WebhookProcessor, InboxSweeperService] : [])],
      exports: [WebhookInboxService, WebhookRouter],
    };
  }
}
