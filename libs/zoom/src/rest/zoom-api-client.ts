import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { z } from 'zod';
import { type ResolvedZoomConfig, type ZoomClientConfig, resolveZoomConfig } from '../config';
import { ZoomError, ZoomInvalidTokenError, ZoomRequestError, ZoomResponseError } from '../errors';
import type { QpsPacer } from '../http/qps-pacer';
import { type ZoomHttpResponse, ZoomHttp } from '../http/zoom-http';
import { zoomPageFields } from '../schemas/common';
import {
  type ZoomMeeting,
  type ZoomMeetingListItem,
  type ZoomMeetingSummary,
  zoomMeetingListItemSchema,
  zoomMeetingSchema,
  zoomMeetingSummarySchema,
} from '../schemas/meetings';
import {
  type ZoomCallHistoryRecord,
  type ZoomLegacyCallLog,
  type ZoomPhoneRecording,
  type ZoomVoicemail,
  zoomCallHistoryRecordSchema,
  zoomLegacyCallLogSchema,
  zoomPhoneRecordingSchema,
  zoomVoicemailSchema,
} from '../schemas/phone';
import { type ZoomRecordingMeeting, zoomRecordingMeetingSchema } from '../schemas/recordings';
import { type ZoomPhoneUser, type ZoomUser, zoomPhoneUserSchema, zoomUserSchema } from '../schemas/users';
import { parseZoomItems, parseZoomResponse, type ZoomRejectedItem } from '../validation';
import { type ZoomDateWindow, splitIntoMonthWindows } from './date-windows';
import { ZOOM_ENDPOINTS, type ZoomEndpoint, type ZoomEndpointName, fillZoomPath } from './endpoints';

export interface ZoomAccessTokenProvider {
  /** A currently valid access token (the caller's token manager refreshes ahead of expiry). */
  getAccessToken(): Promise<string>;
  /** Called once when Zoom rejects the token (code 124): refresh and return the new token; the call is retried once. */
  onInvalidToken?(): Promise<string>;
}

export interface ZoomPage<T> {
  /** The page's valid items. */
  items: T[];
  /** Its malformed items, left out of `items` so that one bad record does not fail the page: for the caller to report. */
  rejected: ZoomRejectedItem[];
  /** Empty on the last page of the window. */
  nextPageToken: string;
  totalRecords?: number;
  /** The month-sized window this page belongs to (date-ranged lists only). */
  window?: ZoomDateWindow;
}

export interface ZoomDateRangeOptions {
  userId?: string;
  from: Date | string;
  to: Date | string;
  /** Default 300 (Zoom's maximum). */
  pageSize?: number;
  /**
   * Resumes a listing: the `nextPageToken` of the last page handled, with `from` set to that page's window start.
   * The first window continues from this token; later windows start at their beginning.
   */
  startPageToken?: string;
}

export interface ZoomListMeetingsOptions {
  userId?: string;
  type?: 'scheduled' | 'live' | 'upcoming' | 'upcoming_meetings' | 'previous_meetings';
  pageSize?: number;
}

/** Body of POST /users/{userId}/meetings and PATCH /meetings/{meetingId}, in Zoom's field names. */
export interface ZoomMeetingInput {
  topic?: string;
  /** 2 = scheduled. */
  type?: number;
  /** `yyyy-MM-ddTHH:mm:ss` in `timezone`, or UTC with `Z`. */
  start_time?: string;
  duration?: number;
  timezone?: string;
  agenda?: string;
  default_password?: boolean;
  settings?: Record<string, unknown>;
}

export type ZoomDownloadKind = 'phone_recording' | 'voicemail' | 'cloud_recording';

export interface ZoomDownloadOptions {
  /** An HTTP Range header value, passed through (e.g. `bytes=0-1023`). */
  range?: string;
  /** Use this token instead of the user's (e.g. a recording event's download_token); no refresh on 401. */
  accessToken?: string;
  /** Which download this is (for errors and scopes); inferred from the URL when omitted. */
  kind?: ZoomDownloadKind;
}

export interface ZoomDownload {
  /** 200, or 206 for a satisfied range. */
  status: number;
  headers: Headers;
  /** The file as it arrives: nothing is buffered or written to disk. */
  body: Readable;
  contentType?: string;
  contentLength?: number;
  contentRange?: string;
}

/**
 * A download's whole body in memory, for files read rather than streamed (a voicemail to transcribe, a meeting
 * transcript); null once it passes `maxBytes`, the rest left unread.
 */
export async function readZoomDownload(download: ZoomDownload, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of download.body) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += bytes.length;
    if (size > maxBytes) {
      download.body.destroy();
      return null;
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, size);
}

interface CallOptions {
  params?: Record<string, string | number>;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

const DEFAULT_PAGE_SIZE = 300;
const DOWNLOAD_ENDPOINT_BY_KIND = {
  phone_recording: 'downloadPhoneRecording',
  voicemail: 'downloadVoicemail',
  cloud_recording: 'downloadCloudRecording',
} as const satisfies Record<ZoomDownloadKind, ZoomEndpointName>;

/** The per-second bucket a call counts against (Zoom Phone's limits are apart from the rest of the API's); none when Zoom labels none. */
function rateLimitBucketOf(endpoint: ZoomEndpoint): string | undefined {
  return endpoint.rateLimit && `${endpoint.path.startsWith('/phone/') ? 'phone:' : ''}${endpoint.rateLimit}`;
}

/** A page's envelope; its items are validated one by one (parseZoomItems). */
function pageSchema(itemsKey: string) {
  return z.looseObject({ ...zoomPageFields, [itemsKey]: z.array(z.unknown()).nullish() });
}

/** One typed method per Zoom call we make; requests are built from ZOOM_ENDPOINTS and answers validated with zod. */
export class ZoomApiClient {
  private readonly config: ResolvedZoomConfig;
  private readonly http: ZoomHttp;

  /** `pacer`: one per Zoom user, shared by its clients (see ZoomHttp); each client paces alone without it. */
  constructor(
    config: ZoomClientConfig,
    private readonly tokens: ZoomAccessTokenProvider,
    pacer?: QpsPacer,
  ) {
    this.config = resolveZoomConfig(config);
    this.http = new ZoomHttp(this.config, pacer);
  }

  async getMe(): Promise<ZoomUser> {
    return this.callAndParse('getMe', zoomUserSchema);
  }

  /** The user's Zoom Phone profile, or null when the user has no Zoom Phone licence (Zoom answers 404). */
  async getPhoneUser(userId = 'me'): Promise<ZoomPhoneUser | null> {
    try {
      return await this.callAndParse('getPhoneUser', zoomPhoneUserSchema, { params: { userId } });
    } catch (error) {
      if (error instanceof ZoomError && error.kind === 'not_found') return null;
      throw error;
    }
  }

  listCallHistory(options: ZoomDateRangeOptions): AsyncIterable<ZoomPage<ZoomCallHistoryRecord>> {
    return this.dateRangedPages('listCallHistory', 'call_logs', zoomCallHistoryRecordSchema, options);
  }

  /** The legacy call log list (deprecated by Zoom, retired during 2026): accepted, not depended on. */
  listCallLogs(options: ZoomDateRangeOptions): AsyncIterable<ZoomPage<ZoomLegacyCallLog>> {
    return this.dateRangedPages('listCallLogs', 'call_logs', zoomLegacyCallLogSchema, options);
  }

  listPhoneRecordings(options: ZoomDateRangeOptions): AsyncIterable<ZoomPage<ZoomPhoneRecording>> {
    return this.dateRangedPages('listPhoneRecordings', 'recordings', zoomPhoneRecordingSchema, options);
  }

  listVoicemails(options: ZoomDateRangeOptions): AsyncIterable<ZoomPage<ZoomVoicemail>> {
    return this.dateRangedPages('listVoicemails', 'voice_mails', zoomVoicemailSchema, options);
  }

  async getVoicemail(voicemailId: string): Promise<ZoomVoicemail> {
    return this.callAndParse('getVoicemail', zoomVoicemailSchema, { params: { voicemailId } });
  }

  /** Creates a meeting; the answer's `start_url` embeds a host token: use it at once, never store or log it. */
  async createMeeting(input: ZoomMeetingInput, userId = 'me'): Promise<ZoomMeeting> {
    return this.callAndParse('createMeeting', zoomMeetingSchema, { params: { userId }, body: input });
  }

  async getMeeting(meetingId: string | number): Promise<ZoomMeeting> {
    return this.callAndParse('getMeeting', zoomMeetingSchema, { params: { meetingId } });
  }

  async updateMeeting(meetingId: string | number, changes: ZoomMeetingInput): Promise<void> {
    await this.call('updateMeeting', { params: { meetingId }, body: changes });
  }

  async deleteMeeting(meetingId: string | number): Promise<void> {
    await this.call('deleteMeeting', { params: { meetingId } });
  }

  listMeetings(options: ZoomListMeetingsOptions = {}): AsyncIterable<ZoomPage<ZoomMeetingListItem>> {
    const { userId = 'me', type = 'upcoming', pageSize = DEFAULT_PAGE_SIZE } = options;
    return this.pages('listMeetings', 'meetings', zoomMeetingListItemSchema, {
      params: { userId },
      query: { type, page_size: pageSize },
    });
  }

  listUserRecordings(options: ZoomDateRangeOptions): AsyncIterable<ZoomPage<ZoomRecordingMeeting>> {
    return this.dateRangedPages('listUserRecordings', 'meetings', zoomRecordingMeetingSchema, options);
  }

  /** A meeting's cloud recording files; takes the numeric id (latest instance) or an instance UUID. */
  async getMeetingRecordings(meetingIdOrUuid: string | number): Promise<ZoomRecordingMeeting> {
    return this.callAndParse('getMeetingRecordings', zoomRecordingMeetingSchema, { params: { meetingId: meetingIdOrUuid } });
  }

  /** The AI Companion summary of one meeting instance (plan-dependent; 404 when there is none). */
  async getMeetingSummary(meetingUuid: string): Promise<ZoomMeetingSummary> {
    return this.callAndParse('getMeetingSummary', zoomMeetingSummarySchema, { params: { meetingUuid } });
  }

  /**
   * Streams a recording or voicemail file from its `download_url` with the user's Bearer token (or the given
   * download token). Only Zoom's hosts (and the configured API/OAuth origins) ever receive a token.
   */
  async download(url: string, options: ZoomDownloadOptions = {}): Promise<ZoomDownload> {
    const target = this.trustedDownloadUrl(url);
    const endpoint = ZOOM_ENDPOINTS[DOWNLOAD_ENDPOINT_BY_KIND[options.kind ?? inferDownloadKind(target)]];
    const response = await this.withToken(
      (accessToken) =>
        this.http.send({
          url: target.toString(),
          method: endpoint.method,
          headers: { authorization: `Bearer ${accessToken}`, ...(options.range ? { range: options.range } : {}) },
          endpoint: endpoint.name,
          source: 'api',
          idempotent: true,
          stream: true,
          // Zoom counts phone file downloads against the same per-second limits as the phone lists.
          rateLimitBucket: rateLimitBucketOf(endpoint),
        }),
      options.accessToken,
    );
    const body = response.response.body;
    if (!body) throw new ZoomResponseError('invalid_response', `Zoom ${endpoint.name}: empty body`, { status: response.status });
    const contentLength = Number(response.headers.get('content-length'));
    return {
      status: response.status,
      headers: response.headers,
      body: Readable.fromWeb(body as NodeWebReadableStream<Uint8Array>),
      contentType: response.headers.get('content-type') ?? undefined,
      contentLength: Number.isFinite(contentLength) && response.headers.has('content-length') ? contentLength : undefined,
      contentRange: response.headers.get('content-range') ?? undefined,
    };
  }

  private trustedDownloadUrl(url: string): URL {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      throw new ZoomRequestError('bad_request', 'Zoom download: not an absolute URL');
    }
    const configuredOrigins = [new URL(this.config.apiBase).origin, new URL(this.config.oauthBase).origin];
    const zoomHost = target.protocol === 'https:' && (target.hostname === 'zoom.us' || target.hostname.endsWith('.zoom.us'));
    if (!zoomHost && !configuredOrigins.includes(target.origin)) {
      throw new ZoomRequestError('bad_request', `Zoom download: refusing to send a Zoom token to ${target.host}`);
    }
    return target;
  }

  private async callAndParse<S extends z.ZodType>(name: ZoomEndpointName, schema: S, options: CallOptions = {}): Promise<z.output<S>> {
    const response = await this.call(name, options);
    return parseZoomResponse(schema, response.json, name, response.status);
  }

  private call(name: ZoomEndpointName, options: CallOptions): Promise<ZoomHttpResponse> {
    const endpoint = ZOOM_ENDPOINTS[name];
    const url = new URL(`${this.config.apiBase}${fillZoomPath(endpoint.path, options.params ?? {})}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    return this.withToken((accessToken) =>
      this.http.send({
        url: url.toString(),
        method: endpoint.method,
        headers: {
          authorization: `Bearer ${accessToken}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body,
        endpoint: name,
        source: 'api',
        idempotent: endpoint.method !== 'POST',
        rateLimitBucket: rateLimitBucketOf(endpoint),
      }),
    );
  }

  /** Runs `send` with the user's token; on Zoom code 124 asks the provider for a fresh token and tries once more. */
  private async withToken<T>(send: (accessToken: string) => Promise<T>, fixedToken?: string): Promise<T> {
    if (fixedToken !== undefined) return send(fixedToken);
    try {
      return await send(await this.tokens.getAccessToken());
    } catch (error) {
      if (!(error instanceof ZoomInvalidTokenError) || !this.tokens.onInvalidToken) throw error;
      return send(await this.tokens.onInvalidToken());
    }
  }

  private async *pages<T extends z.ZodType>(
    name: ZoomEndpointName,
    itemsKey: string,
    item: T,
    options: CallOptions,
    window?: ZoomDateWindow,
    startPageToken = '',
  ): AsyncGenerator<ZoomPage<z.output<T>>> {
    const schema = pageSchema(itemsKey);
    const seenTokens = new Set<string>();
    let nextPageToken = startPageToken;
    do {
      const query = { ...options.query, ...(nextPageToken ? { next_page_token: nextPageToken } : {}) };
      const page = await this.callAndParse(name, schema, { ...options, query });
      nextPageToken = page.next_page_token ?? '';
      // A token Zoom already gave us would loop forever.
      if (seenTokens.has(nextPageToken)) {
        throw new ZoomResponseError('invalid_response', `Zoom ${name}: next_page_token repeated`, { endpoint: name });
      }
      if (nextPageToken) seenTokens.add(nextPageToken);
      const { items, rejected } = parseZoomItems(item, (page[itemsKey] ?? []) as unknown[], `${name} ${itemsKey}`);
      yield {
        items,
        rejected,
        nextPageToken,
        totalRecords: page.total_records ?? undefined,
        ...(window ? { window } : {}),
      };
    } while (nextPageToken);
  }

  private async *dateRangedPages<T extends z.ZodType>(
    name: ZoomEndpointName,
    itemsKey: string,
    item: T,
    options: ZoomDateRangeOptions,
  ): AsyncGenerator<ZoomPage<z.output<T>>> {
    const { userId = 'me', pageSize = DEFAULT_PAGE_SIZE } = options;
    let startPageToken = options.startPageToken ?? '';
    for (const window of splitIntoMonthWindows(options.from, options.to)) {
      yield* this.pages(name, itemsKey, item, { params: { userId }, query: { from: window.from, to: window.to, page_size: pageSize } }, window, startPageToken);
      startPageToken = '';
    }
  }
}

function inferDownloadKind(url: URL): ZoomDownloadKind {
  if (/\/phone\/recording/.test(url.pathname)) return 'phone_recording';
  if (/voice_?mail/.test(url.pathname)) return 'voicemail';
  return 'cloud_recording';
}

/** Every item of every page, for callers that want the whole list at once. */
export async function collectZoomItems<T>(pages: AsyncIterable<ZoomPage<T>>): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) items.push(...page.items);
  return items;
}
