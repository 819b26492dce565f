import { meetingActivityKey, parseVtt, recordingActivityKey, recordingFileKind, transcriptText } from './recordings';

const ZOOM_VTT = [
  'WEBVTT',
  '',
  '1',
  '00:00:01.000 --> 00:00:05.000',
  'Alex Agent: Thanks for joining. Today is about 12 Oak St.',
  '',
  '2',
  '00:00:05.500 --> 00:00:09.000',
  'Guest: Great, I have a few questions',
  'about the timeline.',
  '',
].join('\n');

describe('cloud recordings', () => {
  it('parses Zoom cues into speaker, text and times', () => {
    expect(parseVtt(ZOOM_VTT)).toEqual([
      { startMs: 1000, endMs: 5000, speaker: 'Alex Agent', text: 'Thanks for joining. Today is about 12 Oak St.' },
      { startMs: 5500, endMs: 9000, speaker: 'Guest', text: 'Great, I have a few questions about the timeline.' },
    ]);
  });

  it('renders one `Speaker: words` line per cue', () => {
    expect(transcriptText(parseVtt(ZOOM_VTT))).toBe('Alex Agent: Thanks for joining. Today is about 12 Oak St.\nGuest: Great, I have a few questions about the timeline.');
  });

  it('accepts CRLF, cues without numbers or speakers, hours over 99, and skips headers, notes and empty cues', () => {
    const vtt = 'WEBVTT - Zoom\r\n\r\nNOTE a comment\r\n\r\n01:02:03.004 --> 01:02:04.000\r\nJust words\r\n\r\n100:00:00.000 --> 100:00:01.000\r\n\r\n';
    expect(parseVtt(vtt)).toEqual([{ startMs: 3_723_004, endMs: 3_724_000, speaker: null, text: 'Just words' }]);
    expect(parseVtt('')).toEqual([]);
  });

  it('maps Zoom file types to attachment kinds', () => {
    expect(['MP4', 'M4A', 'TRANSCRIPT', 'VTT', 'CHAT', 'SUMMARY', 'CC', 'TIMELINE', undefined].map(recordingFileKind)).toEqual([
      'video', 'audio', 'transcript', 'transcript', 'chat', 'summary', null, null, null,
    ]);
  });

  it('keys meetings by id and recordings by instance', () => {
    expect(meetingActivityKey(123)).toBe('meeting:123');
    expect(recordingActivityKey('abc==')).toBe('recording:abc==');
  });
});
