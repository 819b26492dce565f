import { type ResolvedZoomConfig, type ZoomClientConfig, resolveZoomConfig } from '../config';
import { ZoomHttp } from '../http/zoom-http';
import { parseZoomResponse } from '../validation';
import { type PkcePair, createPkcePair, createState } from './pkce';
import { type ZoomTokenSet, parseZoomTokenResponse, zoomRevokeResponseSchema } from './token-set';

export interface AuthorizeUrlOptions {
  state: string;
  codeChallenge: string;
  /** Zoom takes the scopes from the app's configuration; sent for the record (and shown by the simulator). */
  scopes?: string[];
  /** Pre-fills the Zoom sign-in (and picks the user in the simulator). */
  loginHint?: string;
}

/** Zoom's user-level OAuth: authorization code with PKCE, refresh with rotation, revoke. */
export class ZoomOAuthClient {
  private readonly config: ResolvedZoomConfig;
  private readonly http: ZoomHttp;

  constructor(
    config: ZoomClientConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.config = resolveZoomConfig(config);
    this.http = new ZoomHttp(this.config);
  }

  createPkcePair(): PkcePair {
    return createPkcePair();
  }

  createState(): string {
    return createState();
  }

  buildAuthorizeUrl(options: AuthorizeUrlOptions): string {
    const url = new URL(`${this.config.oauthBase}/oauth/authorize`);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.config.clientId);
    url.searchParams.set('redirect_uri', this.config.redirectUri);
    url.searchParams.set('state', options.state);
    url.searchParams.set('code_challenge', options.codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
    if (options.scopes?.length) url.searchParams.set('scope', options.scopes.join(' '));
    if (options.loginHint) url.searchParams.set('login_hint', options.loginHint);
    return url.toString();
  }

  exchangeCode(code: string, codeVerifier: string): Promise<ZoomTokenSet> {
    return this.requestTokens('oauth.exchange_code', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.config.redirectUri,
      code_verifier: codeVerifier,
    });
  }

  /**
   * Zoom rotates refresh tokens: the one passed here dies once this succeeds, so callers must store the
   * returned set before anything else and never refresh the same token twice (invalid_grant kills the grant).
   */
  refresh(refreshToken: string): Promise<ZoomTokenSet> {
    return this.requestTokens('oauth.refresh', { grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  async revoke(accessToken: string): Promise<void> {
    const url = new URL(`${this.config.oauthBase}/oauth/revoke`);
    url.searchParams.set('token', accessToken);
    const response = await this.http.send({
      url: url.toString(),
      method: 'POST',
      headers: { authorization: this.basicAuth(), 'content-type': 'application/x-www-form-urlencoded' },
      endpoint: 'oauth.revoke',
      source: 'oauth',
      idempotent: true,
    });
    parseZoomResponse(zoomRevokeResponseSchema, response.json, 'oauth.revoke', response.status);
  }

  private async requestTokens(endpoint: string, form: Record<string, string>): Promise<ZoomTokenSet> {
    const response = await this.http.send({
      url: `${this.config.oauthBase}/oauth/token`,
      method: 'POST',
      headers: { authorization: this.basicAuth(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      endpoint,
      source: 'oauth',
      // A code is single-use and a refresh token rotates: repeating a request Zoom may have processed fails.
      idempotent: false,
    });
    return parseZoomTokenResponse(response.json, this.now(), endpoint);
  }

  private basicAuth(): string {
    return `Basic ${Buffer.from(`${this.config.clientId}:${this.config.clientSecret}`).toString('base64')}`;
  }
}
