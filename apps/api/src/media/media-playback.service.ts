import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import { type ZoomDownloadKind, ZoomError, ZoomNotFoundError } from '@switchboard/zoom';
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { type Activity, ActivityService } from '../activity';
import { AuthService, credentialFromHeaders } from '../auth';
import { ErrorCode, zoomFailure } from '../platform/graphql/errors';
import { LOGGER } from '../platform/logging/logger';
import { ZoomConnectionService } from '../zoom';

/** Zoom's answer headers a player needs for seeking; nothing else of Zoom's goes to the browser. */
const PASSED_HEADERS = ['content-type', 'content-length', 'content-range', 'accept-ranges'];

const RECONNECT_REQUIRED = { error: 'zoom_reconnect_required', message: 'The owner\u2019s Zoom connection is not working; reconnect Zoom to play this' };

/** A grant can die mid-play (refresh answered invalid_grant): the token manager and libs/zoom each say so their own way. */
function needsZoomReconnect(error: unknown): boolean {
  const classified = error instanceof ZoomError ? zoomFailure(error) : error;
  return classified instanceof GraphQLError && classified.extensions.code === ErrorCode.ZOOM_RECONNECT_REQUIRED;
}

/** A file Zoom keeps for an activity: whose token reads it, and where. */
export interface ZoomMedia {
  activityId: string;
  zoomUserId: string;
  downloadUrl: string;
}

/**
 * Zoom media (call recordings, voicemails, cloud recordings) play in the CRM through the api: the viewer must see
 * the activity, the bytes are streamed from Zoom with the owner's token as they arrive (Range passed through, so
 * players can seek), and nothing is written anywhere.
 */
@Injectable()
export class MediaPlaybackService {
  constructor(
    private readonly auth: AuthService,
    private readonly activities: ActivityService,
    private readonly connections: ZoomConnectionService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * The activity the request may see, or null once the answer (401, 404) is sent. Another organisation's
   * activity is simply not there.
   */
  async viewableActivity(request: Request, response: Response, activityId: string): Promise<Activity | null> {
    response.setHeader('Cache-Control', 'private, no-store');
    const principal = await this.auth.authenticate(credentialFromHeaders(request.headers));
    if (!principal) {
      response.status(401).json({ error: 'unauthenticated' });
      return null;
    }
    const activity = await this.activities.get(principal, activityId);
    if (!activity) response.status(404).json({ error: 'not_found' });
    return activity;
  }

  /** Streams the activity's media found by `findMedia` (null, or another activity's: 404). */
  async play(request: Request, response: Response, kind: ZoomDownloadKind, activityId: string, findMedia: (organisationId: string) => Promise<ZoomMedia | null>): Promise<void> {
    const activity = await this.viewableActivity(request, response, activityId);
    if (!activity) return;
    const media = await findMedia(activity.organisationId);
    if (!media || media.activityId !== activity.id) return void response.status(404).json({ error: 'not_found' });
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
