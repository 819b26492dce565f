import { Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { buildUrlValidationResponse, verifyZoomWebhook } from '@switchboard/zoom';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { LOGGER } from '../platform/logging/logger';
import { WebhookInboxService } from './webhook-inbox.service';
import { zoomEnvelopeSchema } from './zoom-envelope';

/**
 * Zoom's door: verify on the raw bytes, store, acknowledge. Processing happens later, in a worker, so Zoom gets
 * its 200 in milliseconds and a crash after the 200 loses nothing.
 */
@Controller('webhooks')
export class WebhookController {
  constructor(
    private readonly inbox: WebhookInboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Post('zoom')
  @HttpCode(200)
  async receive(@Req() request: Request, @Res() response: Response): Promise<void> {
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const verdict = verifyZoomWebhook({ rawBody, headers: request.headers, secretToken: this.config.zoom.webhookSecretToken });
    if (!verdict.ok) {
      this.logger.warn({ reason: verdict.reason }, 'Rejected a Zoom webhook');
      response.status(401).json({ error: 'invalid_signature', reason: verdict.reason });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(rawBody.toString('utf8'));
    } catch {
      response.status(400).json({ error: 'invalid_json' });
      return;
    }
    const envelope = zoomEnvelopeSchema.safeParse(json);
    if (!envelope.success) {
      response.status(400).json({ error: 'invalid_event', detail: envelope.error.issues.map((issue) => issue.path.join('.')).join(', ') });
      return;
    }
    if (envelope.data.event === 'endpoint.url_validation') {
      const plainToken = envelope.data.payload.plainToken;
      if (typeof plainToken !== 'string' || !plainToken) {
        response.status(400).json({ error: 'missing_plain_token' });
        return;
      }
      await this.inbox.markUrlValidated();
      response.status(200).json(buildUrlValidationResponse(plainToken, this.config.zoom.webhookSecretToken));
      return;
    }
    await this.inbox.accept(envelope.data);
    response.status(200).json({ received: true });
  }
}
