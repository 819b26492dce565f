// Cloud recordings of Zoom meetings as CRM activities: the keys, the kind of each file, the transcript as text.

/** The MEETING activity of a Zoom meeting (its numeric id: every instance of a recurring meeting shares it). */
export const meetingActivityKey = (zoomMeetingId: string | number) => `meeting:${zoomMeetingId}`;

/** The one RECORDING activity of a meeting instance (Zoom's meeting UUID). */
export const recordingActivityKey = (meetingUuid: string) => `recording:${meetingUuid}`;

export type RecordingAttachmentKind = 'video' | 'audio' | 'transcript' | 'chat' | 'summary';

const KIND_BY_FILE_TYPE: Record<string, RecordingAttachmentKind> = {
  MP4: 'video',
  M4A: 'audio',
  TRANSCRIPT: 'transcript',
  VTT: 'transcript',
  CHAT: 'chat',
  SUMMARY: 'summary',
};

const TITLE_BY_KIND: Record<RecordingAttachmentKind, string> = {
  video: 'Meeting video',
  audio: 'Meeting audio',
  transcript: 'Meeting transcript',
  chat: 'Meeting chat',
  summary: 'Meeting summary',
};

/** The attachment kind of a cloud recording file by Zoom's `file_type`; null for files the timeline does not list (CC, TIMELINE, ...). */
export function recordingFileKind(fileType: string | null | undefined): RecordingAttachmentKind | null {
  return (fileType && KIND_BY_FILE_TYPE[fileType.toUpperCase()]) || null;
}

export const recordingAttachmentTitle = (kind: RecordingAttachmentKind) => TITLE_BY_KIND[kind];

/** One cue of a WebVTT transcript; times in milliseconds from the start of the recording. */
export interface TranscriptCue {
  startMs: number;
  endMs: number;
  /** Null when the cue names no speaker. */
  speaker: string | null;
  text: string;
}

const TIMING = /^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s+-->\s+((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})/;

function vttTimeMs(value: string): number {
  const [clock, fraction] = value.replace(',', '.').split('.');
  const parts = clock.split(':').map(Number);
  while (parts.length < 3) parts.unshift(0);
  const [hours, minutes, seconds] = parts;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + Number(fraction.padEnd(3, '0').slice(0, 3));
}

/**
 * Parses a WebVTT transcript as Zoom writes it: optional cue numbers, a timing line `HH:MM:SS.mmm --> HH:MM:SS.mmm`,
 * then `Speaker: text` (the speaker is optional; several text lines are joined with a space). Headers, NOTE and
 * STYLE blocks and cues without text are left out.
 */
export function parseVtt(vtt: string): TranscriptCue[] {
  const cues: TranscriptCue[] = [];
  const blocks = vtt.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split(/\n{2,}/);
  for (const block of blocks) {
    const lines = block.split('\n');
    const timingAt = lines.findIndex((line) => TIMING.test(line));
    if (timingAt < 0) continue;
    const [, start, end] = TIMING.exec(lines[timingAt])!;
    const words = lines
      .slice(timingAt + 1)
      .map((line) => line.trim())
      .filter(Boolean)
      .join(' ')
      .replace(/<[^>]+>/g, '')
      .trim();
    if (!words) continue;
    const named = /^([^:]{1,100}):\s+(.*)$/.exec(words);
    cues.push({ startMs: vttTimeMs(start), endMs: vttTimeMs(end), speaker: named ? named[1].trim() : null, text: named ? named[2].trim() : words });
  }
  return cues;
}

/** The transcript as the timeline shows it: one `Speaker: words` line per cue. */
export function transcriptText(cues: TranscriptCue[]): string {
  return cues.map((cue) => (cue.speaker ? `${cue.speaker}: ${cue.text}` : cue.text)).join('\n');
}
