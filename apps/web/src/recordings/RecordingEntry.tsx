import { useId, useState } from 'react';
import type { Activity } from '../graphql';
import { RecordingActions, type RecordingNotice } from './RecordingActions';
import { hasTranscript, playableFile, RecordingMedia } from './RecordingMedia';
import { RecordingSummary } from './RecordingSummary';

/** The files a recording offers as links besides its player (the summary shows inline, the media plays). */
const FILE_LINKS: Record<string, string> = { chat: 'Chat', transcript: 'Transcript (VTT)' };

/**
 * A cloud recording on the timeline: the deal it is on, the AI Companion summary, the chat and transcript files,
 * and, opened on demand (so a timeline full of recordings asks Zoom for nothing until one is played), the player
 * with its transcript.
 */
export function RecordingEntry({ activity, contactId, contactName, onChanged }: { activity: Activity; contactId: string; contactName: string; onChanged: (activity: Activity, notice: RecordingNotice) => void }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const media = playableFile(activity);
  const openable = Boolean(media) || hasTranscript(activity);
  const links = Object.keys(FILE_LINKS).flatMap((kind) => activity.attachments.filter((file) => file.kind === kind));
  const what = media ? 'recording and transcript' : 'transcript';
  return (
    <div className="recording-entry" data-testid="recording">
      {activity.deal && (
        <p className="recording-deal">
          <span className="muted">Deal</span> <strong>{activity.deal.title}</strong>
        </p>
      )}
      {(openable || links.length > 0) && (
        <div className="recording-toolbar">
          {openable && (
            <button type="button" className={`button small${open ? '' : ' primary'}`} onClick={() => setOpen((value) => !value)} aria-expanded={open} aria-controls={panelId} data-testid="recording-toggle">
              <span aria-hidden="true">{open ? '▾' : '▶'}</span> {open ? `Hide ${what}` : `Show ${what}`}
            </button>
          )}
          {links.map((file) => (
            <a key={file.url} className="file-link" href={file.url} target="_blank" rel="noreferrer" data-testid={`recording-file-${file.kind}`}>
              {FILE_LINKS[file.kind]}
            </a>
          ))}
        </div>
      )}
      <div id={panelId}>{open && <RecordingMedia activity={activity} />}</div>
      <RecordingSummary activity={activity} />
      <RecordingActions activity={activity} contactId={contactId} contactName={contactName} onChanged={onChanged} />
    </div>
  );
}
