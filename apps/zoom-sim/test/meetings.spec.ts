import { bodyOf, harnessForSuite, SimHarness } from './support/harness';

describe('zoom-sim meetings and cloud recordings', () => {
  const harness = harnessForSuite({ resetEach: true });

  const schedule = (body: Record<string, unknown> = {}) =>
    harness.api(harness.agent, 'POST', '/v2/users/me/meetings', { topic: 'Showing: 12 Alder St', type: 2, start_time: '2031-11-25T12:00:00', timezone: 'America/Los_Angeles', duration: 30, ...body });

  it('creates, reads, reschedules, lists and deletes a meeting with the events Zoom sends', async () => {
    const created = await schedule({ settings: { waiting_room: true, meeting_invitees: [{ email: 'jordan@example.net' }] } });
    expect(created.status).toBe(201);
    const meeting = await bodyOf(created);
    expect(meeting).toMatchObject({ topic: 'Showing: 12 Alder St', start_time: '2031-11-25T20:00:00Z', duration: 30, status: 'waiting', settings: { waiting_room: true } });
    expect(meeting.join_url).toMatch(new RegExp(`/j/${meeting.id}\\?pwd=`));

    expect(await bodyOf(harness.api(harness.agent, 'GET', `/v2/meetings/${meeting.id}`))).toMatchObject({ id: meeting.id, uuid: meeting.uuid });
    const patched = await harness.api(harness.agent, 'PATCH', `/v2/meetings/${meeting.id}`, { start_time: '2031-11-25T13:00:00', timezone: 'America/Los_Angeles' });
    expect(patched.status).toBe(204);
    const [updated] = await harness.receiver.waitFor(1, 'meeting.updated');
    expect(updated.body.payload).toMatchObject({ object: { id: meeting.id, start_time: '2031-11-25T21:00:00Z' }, old_object: { start_time: '2031-11-25T20:00:00Z' } });

    const upcoming = await bodyOf(harness.api(harness.agent, 'GET', '/v2/users/me/meetings?type=upcoming'));
    expect(upcoming.meetings).toEqual([expect.objectContaining({ id: meeting.id, start_time: '2031-11-25T21:00:00Z' })]);

    expect((await harness.api(harness.agent, 'DELETE', `/v2/meetings/${meeting.id}`)).status).toBe(204);
    const gone = await harness.api(harness.agent, 'GET', `/v2/meetings/${meeting.id}`);
    expect(gone.status).toBe(404);
    expect(await bodyOf(gone)).toEqual({ code: 3001, message: `Meeting does not exist: ${meeting.id}.` });
    await harness.receiver.waitFor(1, 'meeting.deleted');
    expect(harness.receiver.named('meeting.created')).toHaveLength(1);
  });

  it('rejects bad meeting input with code 300 and another user cannot see the meeting', async () => {
    const bad = await schedule({ start_time: 'next tuesday' });
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).code).toBe(300);
    const meeting = await bodyOf(schedule());
    const admin = (await harness.connect('admin@demo.test')).access_token;
    expect((await harness.api(admin, 'GET', `/v2/meetings/${meeting.id}`)).status).toBe(404);
    const broken = await fetch(`${harness.url}/v2/users/me/meetings`, { method: 'POST', headers: { authorization: `Bearer ${harness.agent}`, 'content-type': 'application/json' }, body: '{' });
    expect(broken.status).toBe(400);
  });

  it('caps meeting create/update per user per day with the documented 429', async () => {
    await harness.control('POST', '/_sim/config', { rateLimits: { meetingWritesPerUserPerDay: 2 } });
    expect((await schedule()).status).toBe(201);
    expect((await schedule()).status).toBe(201);
    const capped = await schedule();
    expect(capped.status).toBe(429);
    expect(capped.headers.get('x-ratelimit-type')).toBe('Daily-limit');
    expect(Number(capped.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await bodyOf(capped)).toEqual({
      code: 429,
      message: 'You have exceeded the daily rate limit (2) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.',
    });
  });

  it('answers past the per-second limit with 429, Retry-After and the rate-limit headers', async () => {
    await harness.control('POST', '/_sim/config', { rateLimits: { perSecond: { Pro: { light: 2 } } } });
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let index = 0; index < 6; index += 1) {
      const response = await harness.api(harness.agent, 'GET', '/v2/users/me');
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses).toContain(429);
    expect(limited!.headers.get('retry-after')).toBe('1');
    expect(limited!.headers.get('x-ratelimit-category')).toBe('Light');
    expect(await bodyOf(limited!)).toEqual({ code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' });
  });

  it('starts and ends a meeting, then publishes the recording, transcript and summary', async () => {
    const meeting = await bodyOf(schedule());
    const started = await harness.control('POST', `/_sim/meetings/${meeting.id}/start`);
    expect(started.uuid).toBe(meeting.uuid);
    const ended = await harness.control('POST', `/_sim/meetings/${meeting.id}/end`, { durationMinutes: 45, withRecording: true, withTranscript: true, withSummary: true });
    expect(ended).toMatchObject({ recorded: true, summarized: true });
    const [endedEvent] = await harness.receiver.waitFor(1, 'meeting.ended');
    const times = endedEvent.body.payload.object;
    expect(Date.parse(times.end_time) - Date.parse(times.start_time)).toBe(45 * 60_000);

    const [completed] = await harness.receiver.waitFor(1, 'recording.completed');
    expect(completed.body.payload.object.recording_files.map((file: { file_type: string }) => file.file_type)).toEqual(['MP4', 'M4A', 'CHAT']);
    const [transcript] = await harness.receiver.waitFor(1, 'recording.transcript_completed');
    const vtt = transcript.body.payload.object.recording_files[0];
    const withToken = await fetch(`${vtt.download_url}?access_token=${completed.body.download_token}`);
    expect(await withToken.text()).toMatch(/^WEBVTT/);
    expect((await fetch(vtt.download_url)).status).toBe(401);

    const recordings = await bodyOf(harness.api(harness.agent, 'GET', `/v2/meetings/${encodeURIComponent(encodeURIComponent(meeting.uuid))}/recordings`));
    expect(recordings).toMatchObject({ uuid: meeting.uuid, recording_count: 4, type: '2' });
    const listed = await bodyOf(harness.api(harness.agent, 'GET', '/v2/users/me/recordings'));
    expect(listed.meetings).toHaveLength(1);
    const summary = await bodyOf(harness.api(harness.agent, 'GET', `/v2/meetings/${encodeURIComponent(encodeURIComponent(meeting.uuid))}/meeting_summary`));
    expect(summary).toMatchObject({ meeting_uuid: meeting.uuid, meeting_topic: 'Showing: 12 Alder St', next_steps: expect.any(Array) });

    expect((await harness.control('GET', '/_sim/meetings?userEmail=agent@demo.test')).map((entry: { id: number }) => entry.id)).toEqual([meeting.id]);
  });
});

describe('zoom-sim OpenAI-compatible transcription errors', () => {
  const harness = new SimHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  const upload = (fields: Record<string, Blob | string>, headers: Record<string, string> = { authorization: 'Bearer sk-test' }) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    return fetch(`${harness.url}/v1/audio/transcriptions`, { method: 'POST', headers, body: form });
  };

  it('answers in OpenAI error shape: no key, no model, too large, injected fault', async () => {
    const audio = new Blob([Buffer.from('RIFF....WAVE')], { type: 'audio/wav' });
    const noKey = await upload({ file: audio, model: 'whisper-1' }, {});
    expect(noKey.status).toBe(401);
    expect((await bodyOf(noKey)).error).toMatchObject({ code: 'invalid_api_key' });
    const noModel = await upload({ file: audio });
    expect(noModel.status).toBe(400);
    expect((await bodyOf(noModel)).error).toMatchObject({ param: 'model', type: 'invalid_request_error' });
    const huge = await upload({ file: new Blob([Buffer.alloc(25 * 1024 * 1024 + 1)]), model: 'whisper-1' });
    expect(huge.status).toBe(413);
    await harness.control('POST', '/_sim/faults', { path: '/v1/audio/transcriptions', status: 500, count: 1 });
    const fault = await upload({ file: audio, model: 'whisper-1' });
    expect(fault.status).toBe(500);
    expect((await bodyOf(fault)).error).toMatchObject({ type: 'server_error' });
    expect(await bodyOf(upload({ file: audio, model: 'whisper-1' }))).toEqual({ text: '' });
  });
});
