import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { AuthService, readCookie, SESSION_COOKIE } from '../auth';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { LOGGER } from '../platform/logging/logger';
import { OAUTH_CALLBACK_PATH } from './zoom-clients';
import { ZoomConnectError, ZoomConnectionService } from './zoom-connection.service';

const INTEGRATIONS_PAGE = '/settings/integrations';

/** Where Zoom sends the browser back after consent; the result is shown on the Zoom card. */
@Controller()
export class ZoomOAuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly connections: ZoomConnectionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Get(OAUTH_CALLBACK_PATH)
  async callback(
    @Req() request: Request,
    @Res() response: Response,
    @Query('code') code?: string,
    @Query('state') state?: string,
    @Query('error') error?: string,
  ): Promise<void> {
    const back = (query: Record<string, string>) => response.redirect(302, `${this.config.publicUrl}${INTEGRATIONS_PAGE}?${new URLSearchParams(query)}`);
    const principal = await this.auth.authenticate(readCookie(request.headers.cookie, SESSION_COOKIE));
    if (!principal) {
      back({ zoom: 'error', reason: 'state', message: 'Sign in to Switchboard, then connect Zoom again' });
      return;
    }
    try {
      if (error || !code) await this.connections.cancelConnect(principal, String(state ?? ''));
      await this.connections.completeConnect(principal, String(code), String(state ?? ''));
      back({ zoom: 'connected' });
    } catch (failure) {
      if (!(failure instanceof ZoomConnectError)) throw failure;
      this.logger.warn({ userId: principal.userId, reason: failure.reason }, 'Zoom connect failed');
      back({ zoom: 'error', reason: failure.reason, message: failure.message });
    }
  }
}
