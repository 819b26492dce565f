import { ZoomInvalidTokenError, ZoomRateLimitError } from '../errors';
import { type ScriptedAnswer, scriptedFetch } from '../../test/support/scripted-fetch';
import { ZoomApiClient, collectZoomItems } from './zoom-api-client';

const config = {
  oauthBase: 'https://zoom.example',
  apiBase: 'https://api.zoom.example/v2',
  clientId: 'id',
  clientSecret: 'secret',
  redirectUri: 'https://crm.example/cb',
  retryBaseDelayMs: 1,
  timeoutMs: 200,
};
const user = { id: 'u1', email: 'dana@example.com', account_id: 'a1', type: 2 };
/** Only the fields Zoom's spec requires of a call history record. */
const historyRecord = (id: string) => ({ id, call_id: `call-${id}`, call_path_id: `path-${id}`, result: 'answered', start_time: '2026-11-24T14:02:11Z' });

function clientWith(answers: ScriptedAnswer[], tokens?: { onInvalidToken?: () => Promise<string> }, overrides = {}) {
  const scripted = scriptedFetch(answers);
  const client = new ZoomApiClient({ ...config, ...overrides, fetch: scripted.fetch }, { getAccessToken: async () => 'token-1', ...tokens });
  return { client, ...scripted };
}

describe('ZoomApiClient requests', () => {
  it('sends the Bearer token to the endpoint declared in ZOOM_ENDPOINTS and validates the answer', async () => {
    const { client, requests } = clientWith([{ status: 200, body: { ...user, extra_field: 1 } }]);
    await expect(client.getMe()).resolves.toMatchObject({ id: 'u1', extra_field: 1 });
    expect(requests[0]).toMatchObject({ url: 'https://api.zoom.example/v2/users/me', method: 'GET' });
    expect(requests[0].headers.authorization).toBe('Bearer token-1');
  });

  it('rejects a response missing a required field as invalid_response', async () => {
    const { client } = clientWith([{ status: 200, body: { id: 'u1', email: 'x', type: 2 } }]);
    await expect(client.getMe()).rejects.toMatchObject({ kind: 'invalid_response', endpoint: 'getMe' });
  });

  it('double-encodes a meeting UUID that starts with "/" in the summary path', async () => {
    const { client, requests } = clientWith([{ status: 200, body: { meeting_uuid: '/abc==' } }]);
    await client.getMeetingSummary('/abc==');
    expect(requests[0].url).toBe('https://api.zoom.example/v2/meetings/%252Fabc%253D%253D/meeting_summary');
  });

  it('returns null for a user without a Zoom Phone licence', async () => {
    const { client } = clientWith([{ status: 404, body: { code: 1001, message: 'User does not exist: u1.' } }]);
    await expect(client.getPhoneUser()).resolves.toBeNull();
  });

  it('sends meeting changes as JSON with PATCH and accepts 204', async () => {
    const { client, requests } = clientWith([{ status: 204 }]);
    await client.updateMeeting(84516290377, { duration: 45 });
    expect(requests[0]).toMatchObject({ method: 'PATCH', url: 'https://api.zoom.example/v2/meetings/84516290377', body: '{"duration":45}' });
    expect(requests[0].headers['content-type']).toBe('application/json');
  });
});

describe('ZoomApiClient token refresh hook', () => {
  const expired = { status: 401, body: { code: 124, message: 'Access token is expired.' } };

  it('asks for a fresh token once on code 124 and retries with it', async () => {
    const onInvalidToken = jest.fn(async () => 'token-2');
    const { client, requests } = clientWith([expired, { status: 200, body: user }], { onInvalidToken });
    await expect(client.getMe()).resolves.toMatchObject({ id: 'u1' });
    expect(onInvalidToken).toHaveBeenCalledTimes(1);
    expect(requests.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('gives up with invalid_token when the fresh token is rejected too', async () => {
    const onInvalidToken = jest.fn(async () => 'token-2');
    const { client } = clientWith([expired, expired], { onInvalidToken });
    await expect(client.getMe()).rejects.toBeInstanceOf(ZoomInvalidTokenError);
    expect(onInvalidToken).toHaveBeenCalledTimes(1);
  });
});

describe('ZoomApiClient retries', () => {
  const limited = (retryAfter?: string): ScriptedAnswer => ({
    status: 429,
    body: { code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' },
    headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
  });

  it('waits out a 429 and succeeds', async () => {
    const { client, requests } = clientWith([limited('0'), { status: 200, body: user }]);
    await expect(client.getMe()).resolves.toMatchObject({ id: 'u1' });
    expect(requests).toHaveLength(2);
  });

  it('stops after maxRetries and reports rate_limited with Retry-After', async () => {
    const { client, requests } = clientWith([limited('0'), limited('0'), limited('0')], {}, { maxRetries: 2 });
    const error = await client.getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZoomRateLimitError);
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 0 });
    expect(requests).toHaveLength(3);
  });

  it('does not sit out a Retry-After longer than maxRetryDelayMs', async () => {
    const { client, requests } = clientWith([limited('3600'), { status: 200, body: user }]);
    await expect(client.getMe()).rejects.toMatchObject({ kind: 'rate_limited', retryAfterMs: 3_600_000 });
    expect(requests).toHaveLength(1);
  });

  it('retries a 5xx on reads but never repeats a POST that Zoom may have executed', async () => {
    const read = clientWith([{ status: 503 }, { status: 200, body: user }]);
    await expect(read.client.getMe()).resolves.toMatchObject({ id: 'u1' });
    const create = clientWith([{ status: 500, body: { code: 500, message: 'oops' } }, { status: 201, body: {} }]);
    await expect(create.client.createMeeting({ topic: 'T', type: 2 })).rejects.toMatchObject({ kind: 'server', status: 500 });
    expect(create.remaining()).toBe(1);
  });

  it('retries a 429 even on POST (Zoom did nothing)', async () => {
    const meeting = { id: 1, uuid: 'u==', host_id: 'h', topic: 'T', type: 2, join_url: 'https://zoom.example/j/1' };
    const { client } = clientWith([limited('0'), { status: 201, body: meeting }]);
    await expect(client.createMeeting({ topic: 'T', type: 2 })).resolves.toMatchObject({ id: '1' });
  });

  it('times out a call that does not answer, then reports timeout', async () => {
    const hanging = ((_: unknown, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as typeof fetch;
    const client = new ZoomApiClient({ ...config, timeoutMs: 20, maxRetries: 1, fetch: hanging }, { getAccessToken: async () => 't' });
    await expect(client.getMe()).rejects.toMatchObject({ kind: 'timeout', endpoint: 'getMe' });
  });

  it('reports a refused connection as network without the URL', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const { client } = clientWith([refused, refused, refused, refused]);
    const error = (await client.getVoicemail('vm-1').catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ kind: 'network' });
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).not.toContain('zoom.example');
  });
});

describe('ZoomApiClient pagination', () => {
  it('follows next_page_token and splits a long range into month windows', async () => {
    const { client, requests } = clientWith([
      { status: 200, body: { next_page_token: 'p2', total_records: 3, call_logs: [historyRecord('1'), historyRecord('2')] } },
      { status: 200, body: { next_page_token: '', call_logs: [historyRecord('3')] } },
      { status: 200, body: { next_page_token: '', call_logs: [] } },
    ]);
    const items = await collectZoomItems(client.listCallHistory({ from: '2026-10-10', to: '2026-11-24', pageSize: 2 }));
    expect(items.map((i) => i.id)).toEqual(['1', '2', '3']);
    const queries = requests.map((r) => Object.fromEntries(new URL(r.url).searchParams));
    expect(queries).toEqual([
      { from: '2026-10-10', to: '2026-11-09', page_size: '2' },
      { from: '2026-10-10', to: '2026-11-09', page_size: '2', next_page_token: 'p2' },
      { from: '2026-11-10', to: '2026-11-24', page_size: '2' },
    ]);
  });

  it('leaves a malformed item out of its page, named with its problem, and keeps the others', async () => {
    const { call_id: _missing, ...withoutCallId } = historyRecord('2');
    const { client } = clientWith([{ status: 200, body: { next_page_token: '', total_records: 3, call_logs: [historyRecord('1'), withoutCallId, historyRecord('3')] } }]);
    const pages = [];
    for await (const page of client.listCallHistory({ from: '2026-11-01', to: '2026-11-24' })) pages.push(page);
    expect(pages).toHaveLength(1);
    expect(pages[0].items.map((item) => item.id)).toEqual(['1', '3']);
    expect(pages[0].rejected).toEqual([{ at: 'listCallHistory call_logs[1]', id: '2', problem: expect.stringContaining('call_id') }]);
  });

  it('stops with invalid_response when Zoom repeats a page token', async () => {
    const page = { status: 200, body: { next_page_token: 'same', meetings: [] } };
    const { client } = clientWith([page, page]);
    await expect(collectZoomItems(client.listMeetings())).rejects.toMatchObject({ kind: 'invalid_response' });
  });
});

describe('ZoomApiClient.download', () => {
  it('streams the file with the range passed through', async () => {
    const fetchImpl = jest.fn(async () => new Response('partial', { status: 206, headers: { 'content-range': 'bytes 0-6/100', 'content-length': '7', 'content-type': 'audio/mpeg' } }));
    const client = new ZoomApiClient({ ...config, fetch: fetchImpl as unknown as typeof fetch }, { getAccessToken: async () => 'token-1' });
    const download = await client.download('https://zoom.us/v2/phone/recording/download/abc', { range: 'bytes=0-6' });
    expect(download).toMatchObject({ status: 206, contentLength: 7, contentRange: 'bytes 0-6/100', contentType: 'audio/mpeg' });
    const chunks: Buffer[] = [];
    for await (const chunk of download.body) chunks.push(Buffer.from(chunk));
    expect(Buffer.concat(chunks).toString()).toBe('partial');
    const init = (fetchImpl.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(new Headers(init.headers).get('range')).toBe('bytes=0-6');
  });

  it('uses a given download token instead of the user token', async () => {
    const { client, requests } = clientWith([{ status: 200, body: 'file' }]);
    await client.download('https://us06web.zoom.us/rec/download/f1', { accessToken: 'download-token' });
    expect(requests[0].headers.authorization).toBe('Bearer download-token');
  });

  it('never sends a token to a host outside Zoom and the configured bases', async () => {
    const { client, requests } = clientWith([]);
    await expect(client.download('https://evil.example/rec/download/f1')).rejects.toMatchObject({ kind: 'bad_request' });
    await expect(client.download('http://zoom.us/rec/download/f1')).rejects.toMatchObject({ kind: 'bad_request' });
    await expect(client.download('https://zoom.us.evil.example/x')).rejects.toMatchObject({ kind: 'bad_request' });
    expect(requests).toHaveLength(0);
  });

  it('classifies a JSON error from the download host', async () => {
    const { client } = clientWith([{ status: 404, body: { code: 3301, message: 'This recording does not exist.' } }]);
    await expect(client.download('https://api.zoom.example/v2/phone/voice_mails/download/x')).rejects.toMatchObject({
      kind: 'not_found',
      endpoint: 'downloadVoicemail',
    });
  });
});
