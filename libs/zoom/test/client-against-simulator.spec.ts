import { startZoomSim, type ZoomSim } from '../../../apps/zoom-sim/testing/zoom-sim-process';
import {
  collectZoomItems,
  ZoomApiClient,
  type ZoomClientConfig,
  ZoomError,
  ZoomGrantError,
  ZoomInvalidTokenError,
  ZoomNotFoundError,
  ZoomOAuthClient,
  ZoomRateLimitError,
  ZoomScopeError,
  ZoomServerError,
  ZoomTransportError,
  requiredZoomScopes,
} from '../src';

// The real client against the simulator over HTTP: the same code that will talk to zoom.us, with only the
// base URLs changed. The simulator runs as its own process from the build (npm test builds first).
describe('libs/zoom against the Zoom simulator', () => {
  let sim: ZoomSim;
  let config: ZoomClientConfig;
  const REDIRECT = 'http://localhost:3000/oauth/zoom/callback';

  beforeAll(async () => {
    sim = await startZoomSim();
    config = { oauthBase: sim.url, apiBase: `${sim.url}/v2`, clientId: 'sim-client-id', clientSecret: 'sim-client-secret', redirectUri: REDIRECT, retryBaseDelayMs: 20 };
  });
  beforeEach(() => sim.control('POST', '/_sim/reset'));
  afterAll(() => sim.stop());

  /** Runs the browser leg of OAuth (consent auto-approved as `email`) and exchanges the code. */
  async function connect(email: string, scopes = requiredZoomScopes(), oauthConfig = config) {
    const oauth = new ZoomOAuthClient(oauthConfig);
    const { verifier, challenge } = oauth.createPkcePair();
    const authorizeUrl = new URL(oauth.buildAuthorizeUrl({ state: oauth.createState(), codeChallenge: challenge, scopes, loginHint: email }));
    authorizeUrl.searchParams.set('auto_approve', '1');
    const consent = await fetch(authorizeUrl, { redirect: 'manual' });
    const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
    return { oauth, tokens: await oauth.exchangeCode(code, verifier) };
  }

  const apiFor = (accessToken: string, overrides: Partial<ZoomClientConfig> = {}) => new ZoomApiClient({ ...config, ...overrides }, { getAccessToken: async () => accessToken });

  it('connects with PKCE, refreshes with rotation (a reused refresh token is invalid_grant) and revokes', async () => {
    const { oauth, tokens } = await connect('agent@demo.test');
    expect(tokens.scopes.sort()).toEqual(requiredZoomScopes());
    const refreshed = await oauth.refresh(tokens.refreshToken);
    expect(refreshed.refreshToken).not.toBe(tokens.refreshToken);
    const reuse = await oauth.refresh(tokens.refreshToken).catch((error: unknown) => error);
    expect(reuse).toBeInstanceOf(ZoomGrantError);
    expect((reuse as ZoomError).kind).toBe('invalid_grant');

    await oauth.revoke(refreshed.accessToken);
    const afterRevoke = await apiFor(refreshed.accessToken).getMe().catch((error: unknown) => error);
    expect(afterRevoke).toBeInstanceOf(ZoomInvalidTokenError);
    expect(((await oauth.refresh(refreshed.refreshToken).catch((error: unknown) => error)) as ZoomError).requiresReconnect).toBe(true);

    const wrongSecret = await new ZoomOAuthClient({ ...config, clientSecret: 'wrong' }).refresh('anything').catch((error: unknown) => error);
    expect((wrongSecret as ZoomError).kind).toBe('invalid_client');
  });

  it('reads the user, the Zoom Phone profile and null for a user without a licence', async () => {
    const api = apiFor((await connect('agent@demo.test')).tokens.accessToken);
    expect(await api.getMe()).toMatchObject({ email: 'agent@demo.test', type: 2 });
    expect(await api.getPhoneUser()).toMatchObject({ extension_number: 1001, phone_numbers: [{ number: '+14155550100' }] });
    const unlicensed = apiFor((await connect('pro-nophone@demo.test')).tokens.accessToken);
    expect(await unlicensed.getPhoneUser()).toBeNull();
  });

  it('lists call history across pages and month windows, call logs, recordings and voicemails, and streams downloads', async () => {
    const api = apiFor((await connect('agent@demo.test')).tokens.accessToken);
    await sim.control('POST', '/_sim/config', { rateLimits: { phonePerSecond: { Pro: { heavy: 100 } } } });
    const callIds: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      callIds.push((await sim.control('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', direction: 'inbound', counterpartNumber: `+1415555030${index}`, outcome: 'missed' })).callId);
    }
    const { voicemailId } = await sim.control('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', direction: 'inbound', counterpartNumber: '+14155550142', outcome: 'voicemail', voicemailTranscript: 'Call me back.' });
    const { recordingId } = await sim.control('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', direction: 'outbound', counterpartNumber: '+14155550187', outcome: 'answered', withRecording: true });

    const to = new Date();
    const from = new Date(to.getTime() - 70 * 86_400_000);
    const pages = [];
    for await (const page of api.listCallHistory({ from, to, pageSize: 2 })) pages.push(page);
    const listed = pages.flatMap((page) => page.items.map((record) => record.call_id));
    expect(listed).toEqual(expect.arrayContaining(callIds));
    expect(new Set(listed).size).toBe(7);
    expect(pages.filter((page) => page.items.length > 0).length).toBeGreaterThanOrEqual(4);
    expect(new Set(pages.map((page) => page.window?.from)).size).toBeGreaterThan(1);

    expect(await collectZoomItems(api.listCallLogs({ from, to }))).toHaveLength(7);
    // Calls end just before now and start earlier: a day back keeps a run just after midnight UTC honest.
    const dayAgo = new Date(to.getTime() - 86_400_000);
    const [recording] = await collectZoomItems(api.listPhoneRecordings({ from: dayAgo, to }));
    expect(recording.id).toBe(recordingId);
    const [voicemail] = await collectZoomItems(api.listVoicemails({ from: dayAgo, to }));
    expect(voicemail.id).toBe(voicemailId);
    expect((await api.getVoicemail(voicemailId)).transcription?.content).toBe('Call me back.');

    const audio = await api.download(voicemail.download_url, { kind: 'voicemail' });
    const chunks: Buffer[] = [];
    for await (const chunk of audio.body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 4).toString()).toBe('RIFF');
    const ranged = await api.download(recording.download_url, { range: 'bytes=0-3' });
    expect(ranged).toMatchObject({ status: 206, contentLength: 4 });
    ranged.body.destroy();
  });

  it('schedules, reads, reschedules, lists and deletes meetings; fetches recordings, the summary and a file by download token', async () => {
    const api = apiFor((await connect('agent@demo.test')).tokens.accessToken);
    const meeting = await api.createMeeting({ topic: 'Listing review', type: 2, start_time: '2031-11-25T12:00:00', timezone: 'America/Los_Angeles', duration: 45 });
    expect(meeting).toMatchObject({ topic: 'Listing review', start_time: '2031-11-25T20:00:00Z' });
    await api.updateMeeting(meeting.id, { start_time: '2031-11-25T13:00:00', timezone: 'America/Los_Angeles' });
    expect((await api.getMeeting(meeting.id)).start_time).toBe('2031-11-25T21:00:00Z');
    expect((await collectZoomItems(api.listMeetings({ type: 'upcoming' }))).map((item) => item.id)).toEqual([meeting.id]);

    await sim.control('POST', `/_sim/meetings/${meeting.id}/start`);
    const { uuid } = await sim.control('POST', `/_sim/meetings/${meeting.id}/end`, { durationMinutes: 40, withRecording: true, withTranscript: true, withSummary: true });
    const recordings = await api.getMeetingRecordings(uuid);
    expect(recordings.recording_files.map((file) => file.file_type)).toEqual(['MP4', 'M4A', 'CHAT', 'TRANSCRIPT']);
    // The instance started 40 minutes ago: yesterday's date for a run just after midnight UTC.
    const today = new Date();
    const yesterday = new Date(today.getTime() - 86_400_000);
    expect((await collectZoomItems(api.listUserRecordings({ from: yesterday, to: today }))).map((item) => item.uuid)).toEqual([uuid]);
    expect((await api.getMeetingSummary(uuid)).summary_overview).toContain('Listing review');

    const transcript = recordings.recording_files.find((file) => file.file_type === 'TRANSCRIPT')!;
    const file = await api.download(transcript.download_url, { kind: 'cloud_recording', accessToken: recordings.download_access_token! });
    let text = '';
    for await (const chunk of file.body) text += chunk.toString();
    expect(text).toMatch(/^WEBVTT/);

    await api.deleteMeeting(meeting.id);
    expect(await api.getMeeting(meeting.id).catch((error: unknown) => error)).toBeInstanceOf(ZoomNotFoundError);
  });

  it('recovers from 429 by honouring Retry-After, and stops at a daily cap', async () => {
    const api = apiFor((await connect('agent@demo.test')).tokens.accessToken);
    await sim.control('POST', '/_sim/config', { rateLimits: { perSecond: { Pro: { light: 1 } }, meetingWritesPerUserPerDay: 1 } });
    const results = await Promise.all([api.getMe(), api.getMe(), api.getMe()]);
    expect(results.map((user) => user.email)).toEqual(['agent@demo.test', 'agent@demo.test', 'agent@demo.test']);
    const log = await sim.control<{ path: string; status: number }[]>('GET', '/_sim/requests?path=/v2/users/me');
    expect(log.filter((entry) => entry.status === 429).length).toBeGreaterThan(0);

    await api.createMeeting({ topic: 'One', type: 2, start_time: '2031-01-01T10:00:00Z' });
    const capped = await api.createMeeting({ topic: 'Two', type: 2, start_time: '2031-01-01T11:00:00Z' }).catch((error: unknown) => error);
    expect(capped).toBeInstanceOf(ZoomRateLimitError);
    expect((capped as ZoomRateLimitError).rateLimit.type).toBe('Daily-limit');
  });

  it('classifies missing scopes, expired tokens, 5xx and timeouts', async () => {
    const narrow = apiFor((await connect('agent@demo.test', ['user:read:user'])).tokens.accessToken);
    const scope = await narrow.createMeeting({ topic: 'x', type: 2, start_time: '2031-01-01T10:00:00Z' }).catch((error: unknown) => error);
    expect(scope).toBeInstanceOf(ZoomScopeError);
    expect((scope as ZoomScopeError).missingScopes).toContain('meeting:write:meeting');

    const { tokens } = await connect('agent@demo.test');
    await sim.control('POST', '/_sim/tokens/expire', { userEmail: 'agent@demo.test' });
    const expired = await apiFor(tokens.accessToken).getMe().catch((error: unknown) => error);
    expect(expired).toBeInstanceOf(ZoomInvalidTokenError);
    expect((expired as ZoomError).zoomCode).toBe(124);

    const fresh = apiFor((await connect('agent@demo.test')).tokens.accessToken, { maxRetries: 1 });
    await sim.control('POST', '/_sim/faults', { path: '/v2/users/me', status: 500, count: 1 });
    expect((await fresh.getMe()).email).toBe('agent@demo.test');
    await sim.control('POST', '/_sim/faults', { path: '/v2/users/me', status: 503, count: 2 });
    expect(await fresh.getMe().catch((error: unknown) => error)).toBeInstanceOf(ZoomServerError);

    const impatient = apiFor((await connect('agent@demo.test')).tokens.accessToken, { timeoutMs: 100, maxRetries: 0 });
    await sim.control('POST', '/_sim/faults', { path: '/v2/users/me', status: 200, delayMs: 500, count: 1 });
    const timeout = await impatient.getMe().catch((error: unknown) => error);
    expect(timeout).toBeInstanceOf(ZoomTransportError);
    expect((timeout as ZoomError).kind).toBe('timeout');
  });
});
