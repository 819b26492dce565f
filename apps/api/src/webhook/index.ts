export { WebhookModule } from './webhook.module';
export { type InboxScope, WebhookInboxService } from './webhook-inbox.service';
export { PartlyProcessed, processedWithout, WebhookRouter, type WebhookOutcome } from './webhook-router.service';
