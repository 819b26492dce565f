import { ZOOM_ENDPOINTS, ZOOM_EVENT_SCOPES, encodeZoomPathParam, fillZoomPath, requiredZoomScopes } from './endpoints';

describe('ZOOM_ENDPOINTS', () => {
  it('names each entry after its key and declares at least one granular scope', () => {
    for (const [key, endpoint] of Object.entries(ZOOM_ENDPOINTS)) {
      expect(endpoint.name).toBe(key);
      expect(endpoint.scopes.length).toBeGreaterThan(0);
      for (const scope of endpoint.scopes) expect(scope).toMatch(/^[a-z_]+:(read|write|update|delete):[a-z_]+$/);
    }
  });

  it('declares the scopes of the reference table for the core calls', () => {
    expect(ZOOM_ENDPOINTS.getMe.scopes).toEqual(['user:read:user']);
    expect(ZOOM_ENDPOINTS.createMeeting).toMatchObject({ method: 'POST', path: '/users/{userId}/meetings', scopes: ['meeting:write:meeting'] });
    expect(ZOOM_ENDPOINTS.listCallHistory).toMatchObject({ path: '/phone/users/{userId}/call_history', paginated: true, monthCappedRange: true });
    expect(ZOOM_ENDPOINTS.getMeetingSummary.scopes).toEqual(['meeting:read:summary']);
  });

  it('declares each call\'s rate-limit label, as Zoom\'s Phone spec gives it for the phone calls', () => {
    const labels = Object.fromEntries(Object.entries(ZOOM_ENDPOINTS).map(([name, endpoint]) => [name, 'rateLimit' in endpoint ? endpoint.rateLimit : undefined]));
    expect(labels).toEqual({
      // Zoom's Phone API spec, "Rate Limit Label" of each operation.
      getPhoneUser: 'light',
      listCallHistory: 'medium',
      listCallLogs: 'medium',
      listPhoneRecordings: 'medium',
      listVoicemails: 'medium',
      getVoicemail: 'light',
      downloadPhoneRecording: 'medium',
      downloadVoicemail: 'medium',
      // No labelled spec for these in our store: Zoom's docs as integrations quote them (unconfirmed).
      getMe: 'light',
      createMeeting: 'medium',
      getMeeting: 'light',
      updateMeeting: 'light',
      deleteMeeting: 'light',
      listMeetings: 'medium',
      listUserRecordings: 'medium',
      getMeetingRecordings: 'light',
      getMeetingSummary: 'light',
      // A zoom.us file URL, outside the labelled REST API: not paced.
      downloadCloudRecording: undefined,
    });
  });
});

describe('requiredZoomScopes', () => {
  it('is the sorted, de-duplicated union of endpoint and event scopes', () => {
    const scopes = requiredZoomScopes();
    expect(scopes).toEqual([...new Set(scopes)].sort());
    const endpointScopes = Object.values(ZOOM_ENDPOINTS).flatMap((e) => [...e.scopes]);
    const eventScopes = Object.values(ZOOM_EVENT_SCOPES).flatMap((s) => [...s]);
    expect(new Set(scopes)).toEqual(new Set([...endpointScopes, ...eventScopes]));
    expect(scopes).toEqual([
      'cloud_recording:read:list_recording_files',
      'cloud_recording:read:list_user_recordings',
      'cloud_recording:read:recording',
      'meeting:delete:meeting',
      'meeting:read:list_meetings',
      'meeting:read:meeting',
      'meeting:read:summary',
      'meeting:update:meeting',
      'meeting:write:meeting',
      'phone:read:call',
      'phone:read:call_log',
      'phone:read:call_recording',
      'phone:read:list_call_logs',
      'phone:read:list_recordings',
      'phone:read:list_voicemails',
      'phone:read:sms_message',
      'phone:read:user',
      'phone:read:voicemail',
      'user:read:user',
    ]);
  });

  it('asks for the scopes Zoom attaches to call events, not only the REST list scope', () => {
    expect(requiredZoomScopes()).toEqual(expect.arrayContaining(['phone:read:call_log', 'phone:read:call', 'phone:read:list_call_logs']));
  });
});

describe('path building', () => {
  it('encodes ordinary ids once', () => {
    expect(fillZoomPath('/meetings/{meetingId}', { meetingId: 84516290377 })).toBe('/meetings/84516290377');
    expect(fillZoomPath('/meetings/{meetingUuid}/meeting_summary', { meetingUuid: 'bY2uR8kPQzS5nT1wXv7Jcw==' })).toBe(
      '/meetings/bY2uR8kPQzS5nT1wXv7Jcw%3D%3D/meeting_summary',
    );
  });

  it('double-encodes UUIDs that start with "/" or contain "//"', () => {
    expect(encodeZoomPathParam('/ajXp112QmuoKj4854875==')).toBe('%252FajXp112QmuoKj4854875%253D%253D');
    expect(encodeZoomPathParam('abc//def==')).toBe('abc%252F%252Fdef%253D%253D');
    expect(encodeZoomPathParam('abc/def')).toBe('abc%2Fdef');
  });

  it('refuses a missing parameter instead of calling a wrong URL', () => {
    expect(() => fillZoomPath('/phone/voice_mails/{voicemailId}', {})).toThrow(/voicemailId/);
    expect(() => fillZoomPath('/phone/voice_mails/{voicemailId}', { voicemailId: '' })).toThrow(/voicemailId/);
  });
});
