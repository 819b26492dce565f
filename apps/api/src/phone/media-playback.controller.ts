import { pipeline } from 'node:stream/promises';
import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type ZoomDownloadKind, ZoomError, ZoomNotFoundError } from '@switchboard/zoom';
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { Repository } from 'typeorm';
import { ActivityService } from '../activity';
import { AuthService, credentialFromHeaders } from '../auth';
import { ErrorCode, zoomFailure } from '../platform/graphql/errors';
import { LOGGER } from '../platform/logging/logger';
import { VoicemailTranscriptionService } from '../transcription';
import { ZoomConnectionService } from '../zoom';
import { PhoneRecording } from './entities/phone-recording.entity';

/** Zoom's answer headers a player needs for seeking; nothing else of Zoom's goes to the browser. */
const PASSED_HEADERS = ['content-type', 'content-length', 'content-range', 'accept-ranges'];

const RECONNECT_REQUIRED = { error: 'zoom_reconnect_required', message: 'The owner\u2019s Zoom connection is not working; reconnect Zoom to play this' };

/** A grant can die mid-play (refresh answered invalid_grant): the token manager and libs/zoom each say so their own way. */
function needsZoomReconnect(error: unknown): boolean {
  const classified = error instanceof ZoomError ? zoomFailure(error) : error;
  return classified instanceof GraphQLError && classified.extensions.code === ErrorCode.ZOOM_RECONNECT_REQUIRED;
}

interface ZoomMedia {
  activityId: string;
  zoomUserId: string;
  downloadUrl: string;
}

/**
 * Call recordings and voicemails play in the CRM through here: the viewer must see the activity, the bytes are
 * streamed from Zoom with the owner's token as they arrive (Range passed through, so players can seek), and
 * nothing is written anywhere.
 */
@Controller('media')
export class MediaPlaybackController {
  constructor(
    private readonly auth: AuthService,
    private readonly activities: ActivityService,
    private readonly connections: ZoomConnectionService,
    private readonly voicemails: VoicemailTranscriptionService,
    @InjectRepository(PhoneRecording) private readonly recordings: Repository<PhoneRecording>,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Get('phone-recordings/:activityId/:recordingId')
  async recording(@Param('activityId') activityId: string, @Param('recordingId') recordingId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    await this.play(request, response, 'phone_recording', activityId, (organisationId) => this.recordings.findOneBy({ organisationId, recordingId }));
  }

  @Get('voicemails/:activityId/:voicemailId')
  async voicemail(@Param('activityId') activityId: string, @Param('voicemailId') voicemailId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    await this.play(request, response, 'voicemail', activityId, (organisationId) => this.voicemails.find(organisationId, voicemailId));
  }

  private async play(request: Request, response: Response, kind: ZoomDownloadKind, activityId: string, findMedia: (organisationId: string) => Promise<ZoomMedia | null>): Promise<void> {
    response.setHeader('Cache-Control', 'private, no-store');
    const principal = await this.auth.authenticate(credentialFromHeaders(request.headers));
    if (!principal) return void response.status(401).json({ error: 'unauthenticated' });
    // Another organisation's activity, or media that is not this activity's, is simply not there.
    const activity = await this.activities.get(principal, activityId);
    const media = activity ? await findMedia(principal.organisationId) : null;
    if (!activity || !media || media.activityId !== activity.id) return void response.status(404).json({ error: 'not_found' });
    const connection = await this.connections.connectedZoomUser(media.zoomUserId);
    if (!connection) return void response.status(409).json(RECONNECT_REQUIRED);
    const range = typeof request.headers.range === 'string' ? request.headers.range : undefined;
    try {
      const download = await this.connections.apiForConnection(connection.id).download(media.downloadUrl, { kind, range });
      response.status(download.status === 206 ? 206 : 200);
      for (const header of PASSED_HEADERS) {
        const value = download.headers.get(header);
        if (value) response.setHeader(header, value);
      }
      if (!response.hasHeader('accept-ranges')) response.setHeader('Accept-Ranges', 'bytes');
      await pipeline(download.body, response);
    } catch (error) {
      if (response.headersSent) return void response.destroy();
      if (needsZoomReconnect(error)) return void response.status(409).json(RECONNECT_REQUIRED);
      if (error instanceof ZoomNotFoundError) return void response.status(404).json({ error: 'not_found', message: 'Zoom no longer has this file' });
      const status = error instanceof ZoomError && error.status === 416 ? 416 : 502;
      this.logger.warn({ activityId, kind, err: (error as Error).message }, 'Media playback from Zoom failed');
      response.status(status).json({ error: status === 416 ? 'range_not_satisfiable' : 'zoom_unavailable' });
    }
  }
}
