import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ZoomError } from '@switchboard/zoom';
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { AuthService, readCookie, SESSION_COOKIE } from '../auth';
import { zoomFailure } from '../platform/graphql/errors';
import { MeetingsService } from './meetings.service';

/**
 * "Start" on a meeting: the browser comes here and is sent on to Zoom's start link, fetched fresh for this click.
 * The link carries a host token, so it only ever travels in this redirect: not stored, not logged, not cached.
 */
@Controller('meetings')
export class MeetingStartController {
  constructor(
    private readonly auth: AuthService,
    private readonly meetings: MeetingsService,
  ) {}

  @Get(':activityId/start')
  async start(@Param('activityId') activityId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Referrer-Policy', 'no-referrer');
    const principal = await this.auth.authenticate(readCookie(request.headers.cookie, SESSION_COOKIE));
    if (!principal) return response.redirect(302, `/login`);
    try {
      response.redirect(302, await this.meetings.startUrl(principal, activityId));
    } catch (error) {
      const failure = error instanceof ZoomError ? zoomFailure(error) : error instanceof GraphQLError ? error : null;
      if (!failure) throw error;
      const code = String(failure.extensions.code);
      const status = code === 'NOT_FOUND' ? 404 : code === 'FORBIDDEN' ? 403 : code === 'BAD_USER_INPUT' ? 400 : code === 'RATE_LIMITED' ? 429 : 409;
      response.status(status).type('text/plain').send(`Cannot start this meeting: ${failure.message}`);
    }
  }
}
