import type { TranscriptCue } from '../graphql';

/** A transcript row as the panel shows it: a timed cue, or a line of the plain-text transcript (no time to seek to). */
export interface TranscriptLine {
  startSeconds: number | null;
  speaker: string | null;
  text: string;
}

const SPEAKER_LINE = /^([^:]{1,60}):\s+(.*)$/;

/** The timed cues when Zoom's VTT gave them; else the plain `Speaker: words` lines of the transcript text. */
export function transcriptLines(cues: TranscriptCue[], plainText: string | null): TranscriptLine[] {
  if (cues.length > 0) return cues.map(({ startSeconds, speaker, text }) => ({ startSeconds, speaker, text }));
  return (plainText ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const match = SPEAKER_LINE.exec(line);
      return match ? { startSeconds: null, speaker: match[1], text: match[2] } : { startSeconds: null, speaker: null, text: line };
    });
}

/** The index of the line being played at `time`: the last one started by then (cues are in time order), or -1. */
export function lineAt(lines: TranscriptLine[], time: number): number {
  let low = 0;
  let high = lines.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const start = lines[middle].startSeconds;
    if (start === null) return -1;
    if (start <= time) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** Whether a line contains the search (speaker or words, ignoring case). */
export function lineMatches(line: TranscriptLine, search: string): boolean {
  const needle = search.trim().toLocaleLowerCase();
  return needle === '' || `${line.speaker ?? ''} ${line.text}`.toLocaleLowerCase().includes(needle);
}

/** `text` cut into the parts that match the search (ignoring case) and those that do not, for highlighting. */
export function splitOnMatches(text: string, search: string): Array<{ text: string; match: boolean }> {
  const needle = search.trim().toLocaleLowerCase();
  if (!needle) return [{ text, match: false }];
  const parts: Array<{ text: string; match: boolean }> = [];
  const haystack = text.toLocaleLowerCase();
  let from = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
    if (at > from) parts.push({ text: text.slice(from, at), match: false });
    parts.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false });
  return parts;
}
