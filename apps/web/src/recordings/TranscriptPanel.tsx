import { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import { mediaTimestamp } from '../format';
import { lineMatches, splitOnMatches, type TranscriptLine } from './transcript';

function Highlighted({ text, search }: { text: string; search: string }) {
  return (
    <>
      {splitOnMatches(text, search).map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </>
  );
}

/** One row: its time and speaker, the words; a button that seeks the player when the line has a time and there is a player. */
const Line = memo(function Line({ line, index, active, search, onSeek }: { line: TranscriptLine; index: number; active: boolean; search: string; onSeek?: (seconds: number) => void }) {
  const content = (
    <>
      {line.startSeconds !== null && <span className="cue-time">{mediaTimestamp(line.startSeconds)}</span>}
      <span className="cue-words">
        {line.speaker && (
          <strong className="cue-speaker">
            <Highlighted text={line.speaker} search={search} />
          </strong>
        )}
        <Highlighted text={line.text} search={search} />
      </span>
    </>
  );
  const start = line.startSeconds;
  return (
    <li data-index={index} className={active ? 'active' : undefined}>
      {start !== null && onSeek ? (
        <button type="button" className="cue" aria-current={active ? 'true' : undefined} onClick={() => onSeek(start)} title={`Play from ${mediaTimestamp(start)}`} data-testid="transcript-line" data-start={start}>
          {content}
        </button>
      ) : (
        <div className="cue" data-testid="transcript-line">
          {content}
        </div>
      )}
    </li>
  );
});

const countLabel = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * The readable transcript beside the player: a row per line, a search that filters and highlights, a click
 * that plays from that line, and the line being played highlighted (and kept in view) as the player advances.
 */
export function TranscriptPanel({ lines, activeIndex, onSeek, loading }: { lines: TranscriptLine[]; activeIndex: number; onSeek?: (seconds: number) => void; loading: boolean }) {
  const [search, setSearch] = useState('');
  const listRef = useRef<HTMLOListElement>(null);
  const countId = useId();
  const searching = search.trim() !== '';
  const visible = useMemo(() => lines.map((line, index) => ({ line, index })).filter(({ line }) => lineMatches(line, search)), [lines, search]);

  // Scrolls the panel only, never the page, so following the playback does not move what the agent is reading.
  useEffect(() => {
    const list = listRef.current;
    const row = list?.querySelector<HTMLElement>(`li[data-index="${activeIndex}"]`);
    if (!list || !row || searching) return;
    if (row.offsetTop < list.scrollTop || row.offsetTop + row.offsetHeight > list.scrollTop + list.clientHeight) {
      list.scrollTo({ top: Math.max(0, row.offsetTop - list.clientHeight / 3), behavior: 'smooth' });
    }
  }, [activeIndex, searching]);

  return (
    <section className="transcript-panel" aria-label="Transcript">
      <div className="transcript-head">
        <h3>Transcript</h3>
        <input
          type="search"
          className="transcript-search"
          placeholder="Search transcript"
          aria-label="Search the transcript"
          aria-describedby={countId}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          disabled={lines.length === 0}
          data-testid="transcript-search"
        />
        <span id={countId} className="muted transcript-count" aria-live="polite" data-testid="transcript-match-count">
          {searching ? (visible.length === 0 ? 'No matches' : countLabel(visible.length, 'match', 'matches')) : lines.length > 0 ? countLabel(lines.length, 'line', 'lines') : ''}
        </span>
      </div>
      {loading && lines.length === 0 ? (
        <p className="muted transcript-empty">Loading the transcript…</p>
      ) : lines.length === 0 ? (
        <p className="muted transcript-empty">No transcript for this recording yet. Zoom sends it a few minutes after the recording.</p>
      ) : (
        <ol className="transcript-lines" ref={listRef} data-testid="transcript">
          {visible.map(({ line, index }) => (
            <Line key={index} line={line} index={index} active={index === activeIndex} search={search} onSeek={onSeek} />
          ))}
          {searching && visible.length === 0 && <li className="muted transcript-empty">Nothing in the transcript matches “{search.trim()}”.</li>}
        </ol>
      )}
    </section>
  );
}
