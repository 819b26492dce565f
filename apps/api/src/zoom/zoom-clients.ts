import { Inject, Injectable } from '@nestjs/common';
import { QpsPacer, type ZoomAccessTokenProvider, ZoomApiClient, type ZoomClientConfig, ZoomOAuthClient } from '@switchboard/zoom';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';

export const OAUTH_CALLBACK_PATH = '/oauth/zoom/callback';

/** Builds libs/zoom clients from the validated config: switching to real Zoom changes env vars only. */
@Injectable()
export class ZoomClients {
  readonly config: ZoomClientConfig;
  readonly oauth: ZoomOAuthClient;

  constructor(@Inject(APP_CONFIG) appConfig: AppConfig) {
    this.config = {
      oauthBase: appConfig.zoom.oauthBase,
      apiBase: appConfig.zoom.apiBase,
      clientId: appConfig.zoom.clientId,
      clientSecret: appConfig.zoom.clientSecret,
      redirectUri: `${appConfig.publicUrl}${OAUTH_CALLBACK_PATH}`,
    };
    this.oauth = new ZoomOAuthClient(this.config);
  }

  /** What each connection's clients learnt of Zoom's per-second limits, so a new client does not have to hit them first. */
  private readonly pacers = new Map<string, QpsPacer>();

  /** `connectionId`: whose clients share one pacer (a sync takes a client per meeting). */
  api(tokens: ZoomAccessTokenProvider, connectionId?: string): ZoomApiClient {
    if (!connectionId) return new ZoomApiClient(this.config, tokens);
    let pacer = this.pacers.get(connectionId);
    if (!pacer) this.pacers.set(connectionId, (pacer = new QpsPacer()));
    return new ZoomApiClient(this.config, tokens, pacer);
  }
}
