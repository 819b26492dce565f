import { Inject, Injectable } from '@nestjs/common';
import { type ZoomAccessTokenProvider, ZoomApiClient, type ZoomClientConfig, ZoomOAuthClient } from '@switchboard/zoom';
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

  api(tokens: ZoomAccessTokenProvider): ZoomApiClient {
    return new ZoomApiClient(this.config, tokens);
  }
}
