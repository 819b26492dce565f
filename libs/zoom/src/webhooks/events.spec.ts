import { ZoomResponseError } from '../errors';
import { ZOOM_EVENT_SCOPES } from '../rest/endpoints';
import { ZOOM_KNOWN_EVENTS, callHistoryCompletedEventSchema, parseZoomEvent, parseZoomListEvent, phoneRecordingCompletedEventSchema } from './events';

const account = { account_id: 'acct-1' };
const historyRecord = {
  id: 'hist-1',
  call_path_id: 'path-1',
  call_id: '7441063528719044321',
  direction: 'inbound',
  connect_type: 'external',
  caller_did_number: '+14155550187',
  callee_did_number: '+14155550123',
  start_time: '2026-11-24T14:02:11Z',
  answer_time: '2026-11-24T14:02:20Z',
  end_time: '2026-11-24T14:03:55Z',
  result: 'answered',
  talk_time: 95,
  a_field_zoom_added_later: { nested: true },
};

describe('parseZoomEvent', () => {
  it('parses a call history event and keeps fields it does not know', () => {
    const parsed = parseZoomEvent({
      event: 'phone.callee_call_history_completed',
      event_ts: 1795960935123,
      payload: { ...account, object: { user_id: 'user-1', call_logs: [historyRecord] } },
    });
    if (!parsed.known || parsed.event !== 'phone.callee_call_history_completed') throw new Error('expected a known call history event');
    expect(parsed.payload.object.call_logs[0]).toMatchObject({ call_id: '7441063528719044321', talk_time: 95 });
    expect(parsed.payload.object.call_logs[0]).toHaveProperty('a_field_zoom_added_later', { nested: true });
  });

  it('normalises meeting ids to strings whether Zoom sent a number or a string', () => {
    const base = { uuid: 'u==', host_id: 'h', topic: 'T', type: 2, start_time: '2026-11-24T22:00:04Z', duration: 45 };
    const started = parseZoomEvent({ event: 'meeting.started', event_ts: 1, payload: { ...account, object: { ...base, id: '87203361945' } } });
    const created = parseZoomEvent({ event: 'meeting.created', event_ts: 1, payload: { ...account, object: { ...base, id: 87203361945 } } });
    for (const parsed of [started, created]) {
      if (!parsed.known || !('object' in parsed.payload)) throw new Error('expected a meeting event');
      expect(parsed.payload.object).toMatchObject({ id: '87203361945' });
    }
  });

  it('parses a raw JSON string or Buffer body', () => {
    const body = JSON.stringify({ event: 'endpoint.url_validation', event_ts: 1, payload: { plainToken: 'plain' } });
    for (const raw of [body, Buffer.from(body)]) {
      const parsed = parseZoomEvent(raw);
      expect(parsed).toMatchObject({ known: true, event: 'endpoint.url_validation', payload: { plainToken: 'plain' } });
    }
  });

  it('keeps the top-level download_token of recording events', () => {
    const parsed = parseZoomEvent({
      event: 'recording.completed',
      event_ts: 1,
      download_token: 'dl-token',
      payload: {
        ...account,
        object: {
          id: 1,
          uuid: 'u==',
          host_id: 'h',
          topic: 'T',
          start_time: '2026-11-24T22:00:04Z',
          recording_files: [{ id: 'f1', file_type: 'MP4', download_url: 'https://zoom.example/rec/download/f1' }],
        },
      },
    });
    expect(parsed).toMatchObject({ known: true, download_token: 'dl-token', payload: { object: { id: '1', recording_files: [{ id: 'f1' }] } } });
  });

  it('returns unknown events unvalidated, marked known: false', () => {
    const body = { event: 'webinar.started', event_ts: 1, payload: { anything: true } };
    expect(parseZoomEvent(body)).toEqual({ event: 'webinar.started', known: false, body });
  });

  it('throws invalid_response for a known event missing a required field', () => {
    const { call_id: _omitted, ...withoutCallId } = historyRecord;
    const attempt = () =>
      parseZoomEvent({
        event: 'phone.caller_call_history_completed',
        event_ts: 1,
        payload: { ...account, object: { user_id: 'user-1', call_logs: [withoutCallId] } },
      });
    expect(attempt).toThrow(ZoomResponseError);
    expect(attempt).toThrow(/payload\.object\.call_logs\.0\.call_id/);
  });

  it('requires of a call history record only what Zoom\'s spec requires: id, call_id, call_path_id, result, start_time', () => {
    const minimal = { id: 'hist-2', call_id: '744', call_path_id: 'path-2', result: 'answered', start_time: '2026-11-24T14:02:11Z' };
    const parsed = parseZoomEvent({ event: 'phone.callee_call_history_completed', event_ts: 1, payload: { ...account, object: { user_id: 'user-1', call_logs: [minimal] } } });
    expect(parsed).toMatchObject({ known: true, payload: { object: { call_logs: [minimal] } } });
    for (const field of Object.keys(minimal)) {
      const { [field]: _omitted, ...without } = minimal as Record<string, string>;
      expect(() => parseZoomEvent({ event: 'phone.callee_call_history_completed', event_ts: 1, payload: { ...account, object: { user_id: 'user-1', call_logs: [without] } } })).toThrow(
        new RegExp(`call_logs\\.0\\.${field}`),
      );
    }
  });

  describe('parseZoomListEvent', () => {
    const historyEvent = (callLogs: unknown[]) => ({ event: 'phone.callee_call_history_completed', event_ts: 1, payload: { ...account, object: { user_id: 'user-1', call_logs: callLogs } } });

    it('keeps the valid records of an event and names the malformed ones, instead of failing the event', () => {
      const { call_id: _omitted, ...withoutCallId } = historyRecord;
      const { event, rejected } = parseZoomListEvent(callHistoryCompletedEventSchema, historyEvent([{ ...withoutCallId, id: 'hist-bad' }, historyRecord, { ...historyRecord, start_time: 'soon' }]));
      expect(event.payload.object.call_logs).toEqual([historyRecord]);
      expect(event.payload.object.user_id).toBe('user-1');
      expect(rejected).toEqual([
        { at: 'payload.object.call_logs[0]', id: 'hist-bad', problem: expect.stringContaining('call_id') },
        { at: 'payload.object.call_logs[2]', id: 'hist-1', problem: 'start_time: not a date-time' },
      ]);
    });

    it('still rejects a malformed envelope, or a list that is not one', () => {
      expect(() => parseZoomListEvent(callHistoryCompletedEventSchema, { ...historyEvent([historyRecord]), payload: { object: { call_logs: [historyRecord] } } })).toThrow(/account_id/);
      expect(() => parseZoomListEvent(callHistoryCompletedEventSchema, historyEvent('not a list' as unknown as unknown[]))).toThrow(/call_logs/);
    });

    it('reads a phone recording event record by record too', () => {
      const recording = { id: 'rec-1', date_time: '2026-11-24T14:02:11Z', download_url: 'https://zoom.us/v2/phone/recording/download/x' };
      const body = { event: 'phone.recording_completed', event_ts: 1, payload: { ...account, object: { recordings: [recording, { id: 'rec-2' }] } } };
      const { event, rejected } = parseZoomListEvent(phoneRecordingCompletedEventSchema, body);
      expect(event.payload.object.recordings).toEqual([recording]);
      expect(rejected.map((item) => item.id)).toEqual(['rec-2']);
    });
  });

  it.each([['not json at all'], [{ no_event: true }], [null]])('throws invalid_response for a body without an event: %p', (body) => {
    expect(() => parseZoomEvent(body)).toThrow(expect.objectContaining({ kind: 'invalid_response' }));
  });

  it('has a schema for every event we subscribe to', () => {
    for (const event of Object.keys(ZOOM_EVENT_SCOPES)) expect(ZOOM_KNOWN_EVENTS).toContain(event);
  });
});
