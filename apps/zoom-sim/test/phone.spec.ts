import { bodyOf, harnessForSuite } from './support/harness';

describe('zoom-sim Zoom Phone', () => {
  const harness = harnessForSuite({ resetEach: true });

  const call = (body: Record<string, unknown>) => harness.control('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', ...body });
  const names = () => harness.receiver.events.map((received) => received.body.event);

  it('emits an answered inbound call with its recording as Zoom does, with one call_id throughout', async () => {
    const { callId, recordingId } = await call({ direction: 'inbound', counterpartNumber: '+14155550187', counterpartName: 'JORDAN LEE', outcome: 'answered', durationSeconds: 95, withRecording: true });
    await harness.receiver.waitFor(6);
    expect(names()).toEqual([
      'phone.callee_ringing',
      'phone.callee_answered',
      'phone.callee_ended',
      'phone.recording_completed',
      'phone.callee_call_element_completed',
      'phone.callee_call_history_completed',
    ]);
    for (const received of harness.receiver.events) {
      const object = received.body.payload.object;
      const ids = object.call_id ?? object.recordings?.[0].call_id ?? object.call_logs?.[0].call_id ?? object.call_elements?.[0].call_id;
      expect(ids).toBe(callId);
    }
    const [history] = harness.receiver.named('phone.callee_call_history_completed');
    const record = history.body.payload.object.call_logs[0];
    expect(record).toMatchObject({ direction: 'inbound', result: 'answered', talk_time: 95, caller_did_number: '+14155550187', caller_name: 'JORDAN LEE', callee_ext_number: '1001', recording_id: recordingId });
    expect(Date.parse(record.end_time) - Date.parse(record.answer_time)).toBe(95_000);

    const listed = await bodyOf(harness.api(harness.agent, 'GET', '/v2/phone/users/me/call_history'));
    expect(listed.call_logs).toEqual([record]);
    expect(listed.call_elements[0]).toMatchObject({ call_id: callId, call_history_uuid: record.id });

    const [recordingEvent] = harness.receiver.named('phone.recording_completed');
    const downloadUrl = recordingEvent.body.payload.object.recordings[0].download_url;
    const whole = await harness.api(harness.agent, 'GET', downloadUrl);
    expect(whole.status).toBe(200);
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(bytes.subarray(0, 4).toString()).toBe('RIFF');
    const part = await harness.api(harness.agent, 'GET', downloadUrl, undefined, { range: 'bytes=0-9' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-9/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(0, 10));
    const admin = (await harness.connect('admin@demo.test')).access_token;
    expect((await harness.api(admin, 'GET', downloadUrl)).status).toBe(404);
    expect((await harness.api('expired', 'GET', downloadUrl)).status).toBe(401);
  });

  it('leaves a voicemail whose audio transcribes, through the OpenAI-compatible endpoint, to the scenario text', async () => {
    const transcript = 'Hi Alex, Sam Rivera here about the condo on Pine. Call me back this afternoon.';
    const { voicemailId } = await call({ direction: 'inbound', counterpartNumber: '+14155550142', outcome: 'voicemail', durationSeconds: 27, voicemailTranscript: transcript });
    const [received] = await harness.receiver.waitFor(1, 'phone.voicemail_received');
    const voicemail = received.body.payload.object;
    expect(voicemail).toMatchObject({ id: voicemailId, duration: 27, caller_number: '+14155550142', callee_number: '1001' });
    expect(names()).toEqual(expect.arrayContaining(['phone.callee_ringing', 'phone.callee_missed']));

    const audio = Buffer.from(await (await harness.api(harness.agent, 'GET', voicemail.download_url)).arrayBuffer());
    const transcribe = async (format?: string) => {
      const form = new FormData();
      form.append('file', new Blob([audio], { type: 'audio/wav' }), 'voicemail.wav');
      form.append('model', 'whisper-1');
      if (format) form.append('response_format', format);
      return fetch(`${harness.url}/v1/audio/transcriptions`, { method: 'POST', headers: { authorization: 'Bearer sk-test' }, body: form });
    };
    expect(await bodyOf(transcribe())).toEqual({ text: transcript });
    expect(await (await transcribe('text')).text()).toBe(transcript);
    expect(await bodyOf(transcribe('verbose_json'))).toMatchObject({ task: 'transcribe', text: transcript });

    const detail = await bodyOf(harness.api(harness.agent, 'GET', `/v2/phone/voice_mails/${voicemailId}`));
    expect(detail).toMatchObject({ id: voicemailId, status: 'unread', transcription: { content: transcript } });
    const list = await bodyOf(harness.api(harness.agent, 'GET', '/v2/phone/users/me/voice_mails'));
    expect(list).toMatchObject({ total_records: 1, voice_mails: [{ id: voicemailId, status: 'read' }] });
  });

  it('gives both users of an internal call caller_ and callee_ variants with the same call_id', async () => {
    const { callId } = await call({ direction: 'internal', counterpartNumber: '1002', outcome: 'answered', durationSeconds: 30 });
    const histories = [...(await harness.receiver.waitFor(1, 'phone.caller_call_history_completed')), ...(await harness.receiver.waitFor(1, 'phone.callee_call_history_completed'))];
    expect(histories.map((received) => received.body.payload.object.call_logs[0])).toEqual([
      expect.objectContaining({ call_id: callId, direction: 'outbound', connect_type: 'internal' }),
      expect.objectContaining({ call_id: callId, direction: 'inbound', connect_type: 'internal' }),
    ]);
    expect(names()).toEqual(expect.arrayContaining(['phone.caller_ringing', 'phone.callee_ringing', 'phone.caller_connected', 'phone.callee_answered', 'phone.caller_ended', 'phone.callee_ended']));
  });

  it('reports an unanswered outbound call without an answer time', async () => {
    await call({ direction: 'outbound', counterpartNumber: '+442071838750', outcome: 'missed' });
    const [history] = await harness.receiver.waitFor(1, 'phone.caller_call_history_completed');
    const record = history.body.payload.object.call_logs[0];
    expect(record).toMatchObject({ direction: 'outbound', result: 'no_answer', talk_time: 0, callee_country_iso_code: 'GB' });
    expect(record).not.toHaveProperty('answer_time');
  });

  it('delivers duplicates and out of order when asked', async () => {
    const { deliveryIds } = await call({ direction: 'inbound', counterpartNumber: '+14155550187', outcome: 'missed', delivery: { order: 'reverse', duplicates: 1 } });
    expect(deliveryIds).toHaveLength(8);
    await harness.receiver.waitFor(8);
    expect(names()[0]).toBe('phone.callee_call_history_completed');
    expect(harness.receiver.named('phone.callee_ringing')).toHaveLength(2);
  });

  it('pages call history with next_page_token and checks the date window', async () => {
    for (let index = 0; index < 5; index += 1) await call({ direction: 'inbound', counterpartNumber: `+1415555020${index}`, outcome: 'missed' });
    const seen: string[] = [];
    let token = '';
    let pages = 0;
    do {
      const body = await bodyOf(harness.api(harness.agent, 'GET', `/v2/phone/users/me/call_history?page_size=2&next_page_token=${token}`));
      expect(body).toMatchObject({ page_size: 2, total_records: 5 });
      seen.push(...body.call_logs.map((record: { call_id: string }) => record.call_id));
      token = body.next_page_token;
      pages += 1;
    } while (token);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);

    const stale = await harness.api(harness.agent, 'GET', '/v2/phone/users/me/call_history?next_page_token=made-up');
    expect(stale.status).toBe(400);
    const tooLong = await harness.api(harness.agent, 'GET', '/v2/phone/users/me/call_history?from=2026-01-01&to=2026-03-01');
    expect(tooLong.status).toBe(400);
    expect((await bodyOf(tooLong)).code).toBe(300);
    const noPhone = (await harness.connect('pro-nophone@demo.test')).access_token;
    const unlicensed = await harness.api(noPhone, 'GET', '/v2/phone/users/me/call_history');
    expect(unlicensed.status).toBe(404);
    expect((await bodyOf(unlicensed)).code).toBe(1001);
  });

  describe('call records beyond the plain call', () => {
    const historyEvents = () => harness.receiver.named('phone.callee_call_history_completed').map((received) => received.body.payload.object);

    it('rings a call queue\'s members unanswered before the user answers: one call_id, a path each, in one event or one per path', async () => {
      const { callId } = await call({ direction: 'inbound', counterpartNumber: '+14155550187', outcome: 'answered', durationSeconds: 300, callQueueRings: 2 });
      const [history] = await harness.receiver.waitFor(1, 'phone.callee_call_history_completed');
      const paths = history.body.payload.object.call_logs;
      expect(paths.map((path: Record<string, unknown>) => [path.call_id, path.event, path.result, path.talk_time, path.callee_ext_type])).toEqual([
        [callId, 'ring_to_member', 'no_answer', 0, 'call_queue'],
        [callId, 'ring_to_member', 'no_answer', 0, 'call_queue'],
        [callId, 'incoming', 'answered', 300, 'user'],
      ]);
      expect(new Set(paths.map((path: { call_path_id: string }) => path.call_path_id)).size).toBe(3);
      expect(paths.map((path: { start_time: string }) => Date.parse(path.start_time))).toEqual([...paths.map((path: { start_time: string }) => Date.parse(path.start_time))].sort());
      const [elements] = harness.receiver.named('phone.callee_call_element_completed');
      expect(elements.body.payload.object.call_elements.map((element: { call_history_uuid: string }) => element.call_history_uuid)).toEqual(paths.map((path: { id: string }) => path.id));
      const listed = await bodyOf(harness.api(harness.agent, 'GET', '/v2/phone/users/me/call_history'));
      expect(listed).toMatchObject({ total_records: 3, call_logs: paths });
      expect(listed.call_elements).toHaveLength(3);

      harness.receiver.clear();
      await call({ direction: 'inbound', counterpartNumber: '+14155550187', outcome: 'answered', durationSeconds: 300, callQueueRings: 2, splitPaths: true });
      await harness.receiver.waitFor(3, 'phone.callee_call_history_completed');
      expect(historyEvents().map((object) => object.call_logs.length)).toEqual([1, 1, 1]);
    });

    it('writes any result asked for, only the spec\'s required fields, or a record without the fields named', async () => {
      await call({ direction: 'inbound', counterpartNumber: '+14155550187', outcome: 'missed', result: 'ring_timeout' });
      await call({ direction: 'inbound', counterpartNumber: '+14155550187', outcome: 'answered', minimal: true });
      await call({ direction: 'outbound', counterpartNumber: '+14155550187', outcome: 'answered', omitFields: ['direction'] });
      await harness.receiver.waitFor(2, 'phone.callee_call_history_completed');
      const [timedOut, minimal] = historyEvents().map((object) => object.call_logs[0]);
      expect(timedOut.result).toBe('ring_timeout');
      expect(Object.keys(minimal).sort()).toEqual(['call_id', 'call_path_id', 'id', 'result', 'start_time']);
      const [element] = harness.receiver.named('phone.callee_call_element_completed').slice(-1);
      expect(Object.keys(element.body.payload.object.call_elements[0]).sort()).toEqual(['call_element_id', 'call_history_uuid', 'call_id', 'result', 'start_time']);
      const [outbound] = await harness.receiver.waitFor(1, 'phone.caller_call_history_completed');
      expect(outbound.body.payload.object.call_logs[0]).not.toHaveProperty('direction');
      expect(outbound.body.payload.object.call_logs[0]).toMatchObject({ caller_ext_number: '1001', callee_did_number: '+14155550187' });
    });

    it('never sends the events a scenario drops, as when Zoom loses a webhook', async () => {
      const { deliveryIds } = await call({ direction: 'inbound', counterpartNumber: '+14155550187', outcome: 'missed', drop: ['phone.callee_call_history_completed', 'phone.callee_missed'] });
      await harness.receiver.waitFor(deliveryIds.length);
      expect(names()).toEqual(['phone.callee_ringing', 'phone.callee_call_element_completed']);
    });
  });

  it('refuses scenario input it cannot play, saying why', async () => {
    const bad = await fetch(`${harness.url}/_sim/phone/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userEmail: 'agent@demo.test', direction: 'outbound', outcome: 'voicemail', counterpartNumber: '+14155550187' }),
    });
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).error).toMatch(/voicemail/);
    const refused = async (body: Record<string, unknown>) =>
      (await bodyOf(fetch(`${harness.url}/_sim/phone/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userEmail: 'agent@demo.test', counterpartNumber: '+14155550187', ...body }) }))).error;
    expect(await refused({ direction: 'outbound', callQueueRings: 2 })).toMatch(/callQueueRings/);
    expect(await refused({ result: 'Call Connected' })).toMatch(/result/);
    expect(await refused({ omitFields: 'direction' })).toMatch(/omitFields/);
    expect(await refused({ drop: 'phone.callee_ringing' })).toMatch(/drop/);
  });
});
