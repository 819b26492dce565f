export { WebhookModule } from './webhook.module';
export { type InboxScope, WebhookInboxService } from './webhook-inbox.service';
export { WebhookRouter, type WebhookOutcome } from './webhook-router.service';
