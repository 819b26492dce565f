import { z } from 'zod';
import { parseZoomResponse } from '../validation';

export interface ZoomTokenSet {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  /** Granted scopes, from the space-separated `scope` field. */
  scopes: string[];
  tokenType: string;
  /** Regional API host Zoom may return (e.g. https://api.zoom.us); absent from most responses. */
  apiUrl?: string;
}

export const zoomTokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().positive(),
  scope: z.string().default(''),
  api_url: z.string().optional(),
});

export const zoomRevokeResponseSchema = z.looseObject({ status: z.literal('success') });

export function parseZoomTokenResponse(body: unknown, nowMs: number, endpoint = 'oauth.token'): ZoomTokenSet {
  const parsed = parseZoomResponse(zoomTokenResponseSchema, body, endpoint);
  return {
    accessToken: parsed.access_token,
    refreshToken: parsed.refresh_token,
    expiresAt: new Date(nowMs + parsed.expires_in * 1000),
    scopes: parsed.scope.split(/\s+/).filter((scope) => scope.length > 0),
    tokenType: parsed.token_type,
    ...(parsed.api_url ? { apiUrl: parsed.api_url } : {}),
  };
}
