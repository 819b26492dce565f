import { TRANSCRIPT_ONLY_WORD } from '../src/cloud-recordings';
import { bodyOf, harnessForSuite, SimHarness } from './support/harness';

interface SimDelivery {
  event: string;
  status: string;
  missingScope?: string;
  body: { payload: { object: Record<string, unknown> } };
}

interface RecordingFileItem {
  id: string;
  file_type: string;
  file_extension: string;
  file_size: number;
  recording_type: string;
  play_url: string;
  download_url: string;
}

interface ListedRecording {
  uuid: string;
  topic: string;
  start_time: string;
  duration: number;
  recording_files: RecordingFileItem[];
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A UUID as a path segment: Zoom wants UUIDs encoded twice (some begin with "/" or hold "//"). */
const uuidPath = (uuid: string) => encodeURIComponent(encodeURIComponent(uuid));

/** A VTT's cues: start and end in ms, and the `Speaker: words` line. */
function vttCues(vtt: string) {
  const toMs = (clock: string) => {
    const [hours, minutes, seconds] = clock.split(':').map(Number);
    return ((hours * 60 + minutes) * 60 + seconds) * 1000;
  };
  return [...vtt.matchAll(/^(\d{2}:\d{2}:\d{2}\.\d{3}) --> (\d{2}:\d{2}:\d{2}\.\d{3})\n(.+)$/gm)].map(([, start, end, line]) => ({ startMs: toMs(start), endMs: toMs(end), line }));
}

describe('zoom-sim cloud recordings: files, transcript, chat and the AI Companion summary', () => {
  const harness = harnessForSuite({ resetEach: true });

  const deliveries = () => harness.control<SimDelivery[]>('GET', '/_sim/deliveries');
  const download = async (file: RecordingFileItem) => {
    const response = await harness.api(harness.agent, 'GET', file.download_url);
    expect(response.status).toBe(200);
    return { text: await response.text(), contentType: response.headers.get('content-type') };
  };
  const summaryOf = (uuid: string, token = harness.agent) => harness.api(token, 'GET', `/v2/meetings/${uuidPath(uuid)}/meeting_summary`);

  /** A meeting of `token`'s user, started and ended with `end` (30 minutes by default). */
  async function meetingEnded(end: Record<string, unknown>, token = harness.agent) {
    const meeting = await bodyOf(harness.api(token, 'POST', '/v2/users/me/meetings', { topic: 'Showing: 12 Alder St', type: 2, start_time: '2031-11-25T12:00:00Z', duration: 30 }));
    await harness.control('POST', `/_sim/meetings/${meeting.id}/start`);
    const ended = await harness.control('POST', `/_sim/meetings/${meeting.id}/end`, { durationMinutes: 30, ...end });
    return { id: meeting.id as number, uuid: ended.uuid as string, ended };
  }

  it('delivers MP4, M4A and the chat in recording.completed; the chat is Zoom chat text and only the media play', async () => {
    await meetingEnded({ withRecording: true, withTranscript: true });
    const [completed] = await harness.receiver.waitFor(1, 'recording.completed');
    const files: RecordingFileItem[] = completed.body.payload.object.recording_files;
    expect(files.map((file) => [file.file_type, file.file_extension, file.recording_type])).toEqual([
      ['MP4', 'MP4', 'shared_screen_with_speaker_view'],
      ['M4A', 'M4A', 'audio_only'],
      ['CHAT', 'TXT', 'chat_file'],
    ]);
    const [mp4, m4a, chat] = files;
    expect(mp4.play_url).toMatch(/\/rec\/play\//);
    expect(m4a.play_url).toMatch(/\/rec\/play\//);
    expect(chat.play_url).toBe('');
    const [transcript] = await harness.receiver.waitFor(1, 'recording.transcript_completed');
    expect(transcript.body.payload.object.recording_files[0]).toMatchObject({ file_type: 'TRANSCRIPT', play_url: '' });

    const { text, contentType } = await download(chat);
    expect(contentType).toMatch(/^text\/plain/);
    expect(Buffer.byteLength(text)).toBe(chat.file_size);
    const lines = text.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(line).toMatch(/^\d{2}:\d{2}:\d{2}\tFrom {2}\S.* to {2}Everyone:\t\S/);
    // Timed within the media (a minute here): 5 % of the way in.
    expect(lines).toContain('00:00:03\tFrom  Jordan Lee to  Everyone:\tHello everyone');
  });

  it('writes a transcript with the host and two named participants, spread over the media, the only place of its word', async () => {
    const { id, uuid } = await meetingEnded({ durationMinutes: 40, withRecording: true, withTranscript: true, withSummary: true });
    const [transcript] = await harness.receiver.waitFor(1, 'recording.transcript_completed');
    const vtt = (await download(transcript.body.payload.object.recording_files[0])).text;
    expect(vtt).toMatch(/^WEBVTT\n/);

    const cues = vttCues(vtt);
    expect(cues.length).toBeGreaterThanOrEqual(5);
    expect(cues[0]).toEqual({ startMs: 1000, endMs: 5000, line: 'Alex Agent: Thanks for joining. Today is about Showing: 12 Alder St.' });
    expect(cues[1].line).toBe('Jordan Lee: Great, I have a few questions about the timeline.');
    expect(new Set(cues.map((cue) => cue.line.split(':')[0]))).toEqual(new Set(['Alex Agent', 'Jordan Lee', 'Sam Rivera']));
    for (const [index, cue] of cues.entries()) {
      expect(cue.endMs).toBeGreaterThan(cue.startMs);
      if (index > 0) expect(cue.startMs).toBeGreaterThanOrEqual(cues[index - 1].endMs);
    }
    // The media of a 40-minute meeting play a minute (the simulator's cap); the talk fills it to its last seconds.
    expect(cues.at(-1)!.endMs).toBeLessThanOrEqual(60_000);
    expect(cues.at(-1)!.startMs).toBeGreaterThan(45_000);

    const word = new RegExp(TRANSCRIPT_ONLY_WORD, 'i');
    expect(vtt.match(new RegExp(TRANSCRIPT_ONLY_WORD, 'gi'))).toHaveLength(1);
    await harness.receiver.waitFor(1, 'meeting.summary_completed');
    const [completed] = harness.receiver.named('recording.completed');
    const chat = completed.body.payload.object.recording_files.find((file: RecordingFileItem) => file.file_type === 'CHAT');
    const everythingElse = [
      (await download(chat)).text,
      ...harness.receiver.events.map((received) => received.raw),
      await (await harness.api(harness.agent, 'GET', `/v2/meetings/${id}`)).text(),
      await (await harness.api(harness.agent, 'GET', `/v2/meetings/${id}/recordings`)).text(),
      await (await harness.api(harness.agent, 'GET', '/v2/users/me/recordings')).text(),
      await (await summaryOf(uuid)).text(),
      JSON.stringify(await harness.control('GET', '/_sim/meetings')),
    ];
    for (const text of everythingElse) expect(text).not.toMatch(word);
  });

  it('keeps the cues of the shortest meeting (one minute) apart and inside the recording', async () => {
    await meetingEnded({ durationMinutes: 1, withTranscript: true });
    const [transcript] = await harness.receiver.waitFor(1, 'recording.transcript_completed');
    const cues = vttCues((await download(transcript.body.payload.object.recording_files[0])).text);
    expect(cues[0]).toMatchObject({ startMs: 1000, endMs: 5000 });
    for (const [index, cue] of cues.entries()) if (index > 0) expect(cue.startMs).toBeGreaterThanOrEqual(cues[index - 1].endMs);
    expect(cues.at(-1)!.endMs).toBeLessThanOrEqual(60_000 - 8000);
  });

  it('answers "Meeting summary does not exist" until the summary is ready, then sends meeting.summary_completed', async () => {
    const { id, uuid, ended } = await meetingEnded({ withRecording: true, withSummary: true, summaryDelayMs: 3000 });
    expect(ended).toMatchObject({ summarized: true });
    const notYet = await summaryOf(uuid);
    expect(notYet.status).toBe(404);
    expect(await bodyOf(notYet)).toEqual({ code: 3322, message: 'Meeting summary does not exist.' });
    expect((await harness.api(harness.agent, 'GET', `/v2/meetings/${id}/meeting_summary`)).status).toBe(404);
    expect((await deliveries()).map((delivery) => delivery.event)).not.toContain('meeting.summary_completed');

    const [completed] = await harness.receiver.waitFor(1, 'meeting.summary_completed');
    const ready = await bodyOf(summaryOf(uuid));
    const { edited_summary: edits, ...summary } = ready;
    expect(edits).toEqual({ summary_details: '', next_steps: [] });
    expect(completed.body.payload).toEqual({ account_id: expect.any(String), object: summary });
    expect(Object.keys(summary).sort()).toEqual(
      [
        'meeting_host_id',
        'meeting_host_email',
        'meeting_uuid',
        'meeting_id',
        'meeting_topic',
        'meeting_start_time',
        'meeting_end_time',
        'summary_start_time',
        'summary_end_time',
        'summary_created_time',
        'summary_last_modified_time',
        'summary_title',
        'summary_overview',
        'summary_details',
        'next_steps',
      ].sort(),
    );
    expect(summary).toMatchObject({ meeting_uuid: uuid, meeting_id: id, meeting_host_email: 'agent@demo.test' });
    const endedAt = Date.parse(summary.meeting_end_time);
    // Made when it became ready: the delay after the end (whole seconds in Zoom's times).
    expect(Date.parse(summary.summary_created_time) - endedAt).toBeGreaterThanOrEqual(2000);
    expect(Date.parse(summary.summary_created_time) - endedAt).toBeLessThanOrEqual(5000);
  });

  it('sends meeting.summary_completed right after the recording events when there is no delay', async () => {
    const { ended } = await meetingEnded({ withRecording: true, withTranscript: true, withSummary: true });
    expect((await deliveries()).map((delivery) => delivery.event)).toEqual([
      'meeting.created',
      'meeting.started',
      'meeting.ended',
      'recording.completed',
      'recording.transcript_completed',
      'meeting.summary_completed',
    ]);
    expect(ended.deliveryIds).toHaveLength(4);
    await harness.receiver.waitFor(1, 'meeting.summary_completed');
  });

  it('drops meeting.summary_completed when asked, at once or later; the summary still becomes ready', async () => {
    const now = await meetingEnded({ withSummary: true, drop: ['meeting.summary_completed'] });
    expect((await summaryOf(now.uuid)).status).toBe(200);
    const later = await meetingEnded({ withSummary: true, summaryDelayMs: 200, drop: ['meeting.summary_completed'] });
    await pause(500);
    expect((await summaryOf(later.uuid)).status).toBe(200);
    expect((await deliveries()).map((delivery) => delivery.event)).not.toContain('meeting.summary_completed');
    expect(harness.receiver.named('meeting.summary_completed')).toEqual([]);
  });

  it('withholds meeting.summary_completed from a grant without meeting:read:summary, as its host is the event’s user', async () => {
    const narrow = (await harness.connect('agent@demo.test', 'meeting:write:meeting meeting:read:meeting')).access_token;
    await meetingEnded({ withSummary: true }, narrow);
    await harness.receiver.waitFor(1, 'meeting.ended');
    expect((await deliveries()).find((delivery) => delivery.event === 'meeting.summary_completed')).toMatchObject({ status: 'withheld', missingScope: 'meeting:read:summary' });
  });

  it('forgets a pending summary event on reset', async () => {
    await meetingEnded({ withSummary: true, summaryDelayMs: 300 });
    await harness.reset();
    await pause(600);
    expect(await deliveries()).toEqual([]);
    expect(harness.receiver.events).toEqual([]);
  });

  it('rejects a summary delay out of range or without a summary', async () => {
    const meeting = await bodyOf(harness.api(harness.agent, 'POST', '/v2/users/me/meetings', { topic: 'Delay', type: 2, start_time: '2031-11-25T12:00:00Z' }));
    await harness.control('POST', `/_sim/meetings/${meeting.id}/start`);
    const end = (body: Record<string, unknown>) => fetch(`${harness.url}/_sim/meetings/${meeting.id}/end`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const tooLong = await end({ withSummary: true, summaryDelayMs: 600_001 });
    expect(tooLong.status).toBe(400);
    expect(await bodyOf(tooLong)).toEqual({ error: 'summaryDelayMs must be a whole number from 0 to 600000' });
    const noSummary = await end({ summaryDelayMs: 1000 });
    expect(noSummary.status).toBe(400);
    expect((await bodyOf(noSummary)).error).toMatch(/^summaryDelayMs applies with withSummary/);
  });

  it('gives a Basic (free) account no cloud recording and no summary on any endpoint, and sends no recording event', async () => {
    const basic = (await harness.connect('basic@demo.test')).access_token;
    const { id, uuid, ended } = await meetingEnded({ withRecording: true, withTranscript: true, withSummary: true }, basic);
    expect(ended).toMatchObject({ recorded: false, summarized: false });
    expect((await deliveries()).map((delivery) => delivery.event)).toEqual(['meeting.created', 'meeting.started', 'meeting.ended']);
    await harness.receiver.waitFor(1, 'meeting.ended');

    const listed = await bodyOf(harness.api(basic, 'GET', '/v2/users/me/recordings'));
    expect(listed).toMatchObject({ total_records: 0, meetings: [] });
    for (const meetingPath of [String(id), uuidPath(uuid)]) {
      const recordings = await harness.api(basic, 'GET', `/v2/meetings/${meetingPath}/recordings`);
      expect(recordings.status).toBe(404);
      expect(await bodyOf(recordings)).toEqual({ code: 3301, message: 'This recording does not exist.' });
      const summary = await harness.api(basic, 'GET', `/v2/meetings/${meetingPath}/meeting_summary`);
      expect(summary.status).toBe(404);
      expect((await bodyOf(summary)).code).toBe(3322);
    }
    const history = await fetch(`${harness.url}/_sim/meetings/history`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userEmail: 'basic@demo.test', count: 3 }) });
    expect(history.status).toBe(400);
    expect((await bodyOf(history)).error).toMatch(/Basic plan, which has no cloud recording/);
    expect(await bodyOf(harness.api(basic, 'GET', '/v2/users/me/recordings'))).toMatchObject({ total_records: 0 });
  });

  describe('a bulk past of recorded meetings (POST /_sim/meetings/history)', () => {
    const history = (body: Record<string, unknown>) =>
      fetch(`${harness.url}/_sim/meetings/history`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userEmail: 'agent@demo.test', ...body }) });
    const listAll = async (query: string) => bodyOf(harness.api(harness.agent, 'GET', `/v2/users/me/recordings?page_size=300&${query}`));
    const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);

    it('records past meetings spread evenly over the days asked, the newest ended an hour ago, and sends nothing', async () => {
      const started = Date.now();
      const response = await history({ count: 12, days: 3, withTranscript: true });
      expect(response.status).toBe(201);
      expect(await bodyOf(response)).toEqual({ recorded: 12 });
      expect(await deliveries()).toEqual([]);

      const listed = await listAll(`from=${date(started - 4 * 86_400_000)}&to=${date(started)}`);
      const meetings: ListedRecording[] = listed.meetings;
      expect(meetings).toHaveLength(12);
      const starts = meetings.map((meeting) => Date.parse(meeting.start_time));
      expect(Math.min(...starts)).toBeGreaterThanOrEqual(started - 3 * 86_400_000 - 1000);
      const newest = meetings[0];
      expect(Date.parse(newest.start_time) + newest.duration * 60_000).toBeLessThanOrEqual(started - 3_600_000);
      const gaps = starts.slice(1).map((start, index) => starts[index] - start);
      expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1000);
      expect(gaps[0]).toBeGreaterThan(5 * 3_600_000);
      for (const meeting of meetings) expect(meeting.recording_files.map((file) => file.file_type)).toEqual(['MP4', 'M4A', 'TRANSCRIPT']);

      const recordings = await bodyOf(harness.api(harness.agent, 'GET', `/v2/meetings/${uuidPath(newest.uuid)}/recordings`));
      expect(recordings).toMatchObject({ uuid: newest.uuid, recording_count: 3 });
      const vtt = newest.recording_files[2];
      expect((await download(vtt)).text).toContain(`Today is about ${newest.topic}.`);
      // The media share one buffer: every MP4 is the same bytes.
      const [first, second] = meetings.map((meeting) => meeting.recording_files[0]);
      expect(first.file_size).toBe(second.file_size);
      expect((await download(first)).text).toBe((await download(second)).text);
    });

    it('keeps up to 5000 meetings, without the transcript unless asked', async () => {
      expect(await bodyOf(history({ count: 5000, days: 20 }))).toEqual({ recorded: 5000 });
      const listed = await listAll('');
      expect(listed.total_records).toBe(5000);
      expect(listed.meetings[0].recording_files.map((file: RecordingFileItem) => file.file_type)).toEqual(['MP4', 'M4A']);
    });

    it.each([
      [{ count: 0 }, 'count must be a whole number from 1 to 5000'],
      [{ count: 5001 }, 'count must be a whole number from 1 to 5000'],
      [{}, 'count must be a whole number from 1 to 5000'],
      [{ count: 5, days: 181 }, 'days must be a whole number from 1 to 180'],
      [{ count: 5, withTranscript: 'yes' }, 'withTranscript must be true or false'],
    ])('rejects %j', async (body, error) => {
      const response = await history(body);
      expect(response.status).toBe(400);
      expect(await bodyOf(response)).toEqual({ error });
    });
  });
});

describe('zoom-sim meetings made at Zoom with invitees', () => {
  const harness = harnessForSuite({ resetEach: false });

  const createAtZoom = (body: Record<string, unknown>) =>
    fetch(`${harness.url}/_sim/meetings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userEmail: 'agent@demo.test', topic: 'Booked at Zoom', startTime: '2031-11-25T12:00:00Z', durationMinutes: 45, ...body }),
    });
  const inviteesOf = async (meetingId: number) => (await bodyOf(harness.api(harness.agent, 'GET', `/v2/meetings/${meetingId}`))).settings.meeting_invitees;

  it('keeps the invitees of a meeting made at Zoom and shows them as settings.meeting_invitees', async () => {
    const created = await createAtZoom({ invitees: ['jordan.lee@example.net', 'sam.rivera@example.org'] });
    expect(created.status).toBe(201);
    const meeting = await bodyOf(created);
    expect(await inviteesOf(meeting.id)).toEqual([{ email: 'jordan.lee@example.net' }, { email: 'sam.rivera@example.org' }]);
    const [event] = await harness.receiver.waitFor(1, 'meeting.created');
    expect(event.body.payload.object.settings.meeting_invitees).toEqual([{ email: 'jordan.lee@example.net' }, { email: 'sam.rivera@example.org' }]);
    expect(await inviteesOf((await bodyOf(createAtZoom({}))).id)).toEqual([]);
  });

  it('names the bad invitee of a meeting made at Zoom', async () => {
    const bad = await createAtZoom({ invitees: ['jordan.lee@example.net', 'sam at example.org'] });
    expect(bad.status).toBe(400);
    expect(await bodyOf(bad)).toEqual({ error: 'invitees: "sam at example.org" is not an email address' });
    expect((await createAtZoom({ invitees: 'jordan.lee@example.net' })).status).toBe(400);
  });

  it('accepts and keeps settings.meeting_invitees on create and update, keeping only each email', async () => {
    const created = await harness.api(harness.agent, 'POST', '/v2/users/me/meetings', {
      topic: 'Invited',
      type: 2,
      start_time: '2031-11-25T12:00:00Z',
      settings: { meeting_invitees: [{ email: 'jordan.lee@example.net', internal_user: false }] },
    });
    const meeting = await bodyOf(created);
    expect(meeting.settings.meeting_invitees).toEqual([{ email: 'jordan.lee@example.net' }]);
    expect((await harness.api(harness.agent, 'PATCH', `/v2/meetings/${meeting.id}`, { settings: { meeting_invitees: [{ email: 'sam.rivera@example.org' }] } })).status).toBe(204);
    expect(await inviteesOf(meeting.id)).toEqual([{ email: 'sam.rivera@example.org' }]);
    expect((await harness.api(harness.agent, 'PATCH', `/v2/meetings/${meeting.id}`, { topic: 'Renamed' })).status).toBe(204);
    expect(await inviteesOf(meeting.id)).toEqual([{ email: 'sam.rivera@example.org' }]);
  });

  it.each([
    [[{ email: 'jordan.lee@example.net' }, { email: 'not-an-email' }], 'settings.meeting_invitees[1].email (not an email address: "not-an-email")'],
    [[{ name: 'Jordan' }], 'settings.meeting_invitees[0].email (not an email address: none given)'],
    [['jordan.lee@example.net'], 'settings.meeting_invitees[0].email (not an email address: none given)'],
  ])('rejects invitees %j with code 300 naming the bad one', async (invitees, field) => {
    const rejected = await harness.api(harness.agent, 'POST', '/v2/users/me/meetings', { topic: 'Invited', type: 2, start_time: '2031-11-25T12:00:00Z', settings: { meeting_invitees: invitees } });
    expect(rejected.status).toBe(400);
    expect(await bodyOf(rejected)).toEqual({ code: 300, message: `Invalid field: ${field}.` });
  });
});

describe('zoom-sim shutdown', () => {
  it('cancels a summary event still to come: nothing reaches the receiver after the simulator closed', async () => {
    const harness = await new SimHarness().start();
    const agent = (await harness.connect('agent@demo.test')).access_token;
    const meeting = await bodyOf(harness.api(agent, 'POST', '/v2/users/me/meetings', { topic: 'Pending', type: 2, start_time: '2031-11-25T12:00:00Z' }));
    await harness.control('POST', `/_sim/meetings/${meeting.id}/start`);
    await harness.control('POST', `/_sim/meetings/${meeting.id}/end`, { withSummary: true, summaryDelayMs: 300 });
    await harness.receiver.waitFor(1, 'meeting.ended');
    await harness.sim.close();
    await pause(600);
    expect(harness.receiver.named('meeting.summary_completed')).toEqual([]);
    await harness.stop();
  });
});
