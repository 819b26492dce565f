export interface ZoomClientConfig {
  /** e.g. https://zoom.us (or the simulator's URL). */
  oauthBase: string;
  /** e.g. https://api.zoom.us/v2 (or the simulator's URL + /v2). */
  apiBase: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Per-attempt timeout of every request; default 15 s. */
  timeoutMs?: number;
  /** Retries after a 429 or 5xx (not counting the first attempt); default 3. */
  maxRetries?: number;
  fetch?: typeof fetch;
  /** Upper bound of one backoff wait, so a long Retry-After fails fast instead of blocking a worker; default 60 s. */
  maxRetryDelayMs?: number;
  /** Base of the exponential backoff when Zoom gives no Retry-After; default 500 ms. */
  retryBaseDelayMs?: number;
}

export interface ResolvedZoomConfig extends Required<Omit<ZoomClientConfig, 'fetch'>> {
  fetch: typeof fetch;
}

export function resolveZoomConfig(config: ZoomClientConfig): ResolvedZoomConfig {
  return {
    oauthBase: config.oauthBase.replace(/\/+$/, ''),
    apiBase: config.apiBase.replace(/\/+$/, ''),
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    redirectUri: config.redirectUri,
    timeoutMs: config.timeoutMs ?? 15_000,
    maxRetries: config.maxRetries ?? 3,
    maxRetryDelayMs: config.maxRetryDelayMs ?? 60_000,
    retryBaseDelayMs: config.retryBaseDelayMs ?? 500,
    fetch: config.fetch ?? globalThis.fetch.bind(globalThis),
  };
}
