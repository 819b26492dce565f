import { useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type Activity, RECORDING_TRANSCRIPT, type TranscriptCue } from '../graphql';
import { lineAt, transcriptLines } from './transcript';
import { TranscriptPanel } from './TranscriptPanel';

/** The file the player plays: the video when Zoom made one, else the audio-only file. */
export function playableFile(activity: Activity) {
  return activity.attachments.find((file) => file.kind === 'video') ?? activity.attachments.find((file) => file.kind === 'audio') ?? null;
}

export function hasTranscript(activity: Activity): boolean {
  return Boolean(activity.transcript) || activity.attachments.some((file) => file.kind === 'transcript');
}

/**
 * The recording's player and its transcript, side by side (stacked when narrow). The media streams through the
 * api from Zoom as it plays, with Range requests for seeking: nothing is downloaded first, nothing is stored.
 */
export function RecordingMedia({ activity }: { activity: Activity }) {
  const file = playableFile(activity);
  const player = useRef<HTMLMediaElement | null>(null);
  const [time, setTime] = useState(0);
  const { data, loading, refetch } = useQuery<{ activity: { id: string; transcriptCues: TranscriptCue[] } | null }>(RECORDING_TRANSCRIPT, {
    variables: { id: activity.id },
    skip: !hasTranscript(activity),
  });

  // Zoom sends the transcript after the media: when it lands on the open recording, its cues are read again.
  const transcript = activity.transcript;
  const shownTranscript = useRef(transcript);
  useEffect(() => {
    if (shownTranscript.current === transcript) return;
    shownTranscript.current = transcript;
    void refetch().catch(() => undefined);
  }, [transcript, refetch]);

  const lines = useMemo(() => transcriptLines(data?.activity?.transcriptCues ?? [], transcript), [data, transcript]);
  const seek = useCallback((seconds: number) => {
    const element = player.current;
    if (!element) return;
    element.currentTime = seconds;
    setTime(seconds);
    void element.play().catch(() => undefined);
  }, []);
  const attach = useCallback((element: HTMLMediaElement | null) => {
    player.current = element;
  }, []);
  const media = {
    ref: attach,
    src: file?.url,
    controls: true,
    preload: 'metadata',
    onTimeUpdate: (event: { currentTarget: HTMLMediaElement }) => setTime(event.currentTarget.currentTime),
    onSeeked: (event: { currentTarget: HTMLMediaElement }) => setTime(event.currentTarget.currentTime),
    'aria-label': `${activity.body ?? 'Recording'}: ${file?.kind === 'video' ? 'video' : 'audio'}`,
    'data-testid': 'recording-player',
    'data-kind': file?.kind,
  } as const;

  return (
    <div className={`recording-media${file ? '' : ' transcript-only'}`}>
      {file && <div className="recording-player">{file.kind === 'video' ? <video {...media} playsInline /> : <audio {...media} />}</div>}
      <TranscriptPanel lines={lines} activeIndex={lineAt(lines, time)} onSeek={file ? seek : undefined} loading={loading} />
    </div>
  );
}
