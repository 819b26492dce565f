import { useApolloClient, useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../apollo';
import { formatDuration, meetingTime, relativeTime } from '../format';
import { ACTIVITIES, ACTIVITY_ADDED, ACTIVITY_UPDATED, type Activity, type Page, RETRY_TRANSCRIPTION } from '../graphql';
import { MeetingActions } from '../meetings/MeetingActions';
import type { RecordingNotice } from '../recordings/RecordingActions';
import { RecordingEntry } from '../recordings/RecordingEntry';
import { CallLog } from '../softphone/CallLog';

const PAGE_SIZE = 20;
const ICONS: Record<string, string> = { CALL: '☎', VOICEMAIL: '✉', MEETING: '▶', RECORDING: '●', SMS: '✎', NOTE: '✍', EMAIL: '@' };

/** Zoom's inbound calls, voicemails and texts came to the agent's line: nobody did them "by" the agent (docs/architecture.md, Decisions). */
const cameIn = (activity: Activity) => activity.direction === 'INBOUND' || activity.type === 'VOICEMAIL';

function headline(activity: Activity): string {
  switch (activity.type) {
    case 'NOTE':
      return 'Note';
    case 'VOICEMAIL':
      return 'Voicemail';
    case 'MEETING':
      return `Zoom meeting · ${meetingTime(activity.occurredAt, activity.meeting?.timezone)}`;
    case 'RECORDING':
      return activity.body ?? 'Zoom recording';
    case 'SMS':
      return activity.direction === 'INBOUND' ? 'Text received' : 'Text sent';
    case 'CALL':
      return [activity.direction === 'INBOUND' ? 'Incoming call' : activity.direction === 'OUTBOUND' ? 'Outgoing call' : 'Call', activity.result?.toLowerCase()]
        .filter(Boolean)
        .join(' · ');
    default:
      return activity.type.charAt(0) + activity.type.slice(1).toLowerCase();
  }
}

const PLAYABLE = new Set(['recording', 'voicemail']);

function RetryTranscription({ activityId }: { activityId: string }) {
  const [retry, { loading, error }] = useMutation(RETRY_TRANSCRIPTION);
  return (
    <p className="form-error">
      The voicemail could not be transcribed.{' '}
      <button type="button" className="button small" disabled={loading} onClick={() => void retry({ variables: { activityId } }).catch(() => undefined)} data-testid="retry-transcription">
        Retry
      </button>
      {error && ` ${errorMessage(error)}`}
    </p>
  );
}

/** The body of every other activity: its text, transcript, meeting actions and files. */
function ActivityDetails({ activity, contactId, contactName }: { activity: Activity; contactId: string; contactName: string }) {
  // A meeting's join link is its Join button.
  const files = activity.attachments.filter((attachment) => attachment.kind !== 'join' || activity.type !== 'MEETING');
  return (
    <>
      {activity.body && <p className="timeline-text">{activity.body}</p>}
      {activity.transcript && <blockquote className="transcript">{activity.transcript}</blockquote>}
      {activity.type === 'MEETING' && <MeetingActions activity={activity} contactId={contactId} contactName={contactName} />}
      {activity.type === 'CALL' && <CallLog activity={activity} />}
      {activity.status === 'Transcription failed' && <RetryTranscription activityId={activity.id} />}
      {files.length > 0 && (
        <ul className="attachments">
          {files.map((attachment) => (
            <li key={attachment.url}>
              {PLAYABLE.has(attachment.kind) ? (
                // Streamed through the api from Zoom as it plays (seeking uses Range); nothing is downloaded first.
                <audio controls preload="none" src={attachment.url} aria-label={attachment.title ?? attachment.kind} data-testid={`play-${attachment.kind}`} />
              ) : (
                <a href={attachment.url} target="_blank" rel="noreferrer">
                  {attachment.title ?? attachment.kind}
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function byNewest(a: Activity, b: Activity): number {
  return b.occurredAt.localeCompare(a.occurredAt) || b.id.localeCompare(a.id);
}

/** A contact's timeline: the first page from the server, older pages on demand, new activity pushed live. */
export function Timeline({ contactId, contactName }: { contactId: string; contactName: string }) {
  const client = useApolloClient();
  // Read afresh on every visit: what arrived live on an earlier visit (or moved away since) is not in the cached page.
  const { data, loading, error } = useQuery<{ activities: Page<Activity> }>(ACTIVITIES, { variables: { contactId, first: PAGE_SIZE }, fetchPolicy: 'cache-and-network' });
  const [live, setLive] = useState<Activity[]>([]);
  /** Activities that were here and have left: a recording moved to another contact or detached. */
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());
  const [older, setOlder] = useState<{ items: Activity[]; cursor: string | null; hasMore: boolean } | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [notice, setNotice] = useState<RecordingNotice | null>(null);

  // An update says where the activity is now: still on this contact (shown as it is), or on another one or none.
  const apply = useCallback(
    (activity: Activity) => {
      const here = activity.contact?.id === contactId;
      setLive((items) => [...(here ? [activity] : []), ...items.filter((item) => item.id !== activity.id)]);
      setGone((ids) => {
        if (ids.has(activity.id) !== here) return ids;
        const next = new Set(ids);
        if (here) next.delete(activity.id);
        else next.add(activity.id);
        return next;
      });
    },
    [contactId],
  );
  useSubscription<{ activityAdded: Activity }>(ACTIVITY_ADDED, {
    variables: { contactId },
    onData: ({ data: event }) => event.data && apply(event.data.activityAdded),
  });
  useSubscription<{ activityUpdated: Activity }>(ACTIVITY_UPDATED, {
    variables: { contactId },
    onData: ({ data: event }) => event.data && apply(event.data.activityUpdated),
  });
  const recordingChanged = useCallback(
    (activity: Activity, message: RecordingNotice) => {
      apply(activity);
      setNotice(message);
    },
    [apply],
  );

  const firstPage = data?.activities;
  const items = useMemo(() => {
    const merged = new Map<string, Activity>();
    for (const activity of [...(older?.items ?? []), ...(firstPage?.edges.map((edge) => edge.node) ?? []), ...live]) merged.set(activity.id, activity);
    return [...merged.values()].filter((activity) => !gone.has(activity.id)).sort(byNewest);
  }, [firstPage, older, live, gone]);

  const cursor = older ? older.cursor : (firstPage?.pageInfo.endCursor ?? null);
  const hasMore = older ? older.hasMore : Boolean(firstPage?.pageInfo.hasNextPage);
  const loadOlder = async () => {
    setLoadingOlder(true);
    try {
      const result = await client.query<{ activities: Page<Activity> }>({ query: ACTIVITIES, variables: { contactId, first: PAGE_SIZE, after: cursor } });
      const page = result.data?.activities;
      if (page) setOlder((previous) => ({ items: [...(previous?.items ?? []), ...page.edges.map((edge) => edge.node)], cursor: page.pageInfo.endCursor, hasMore: page.pageInfo.hasNextPage }));
    } finally {
      setLoadingOlder(false);
    }
  };

  if (error) return <p className="form-error">{errorMessage(error)}</p>;
  return (
    <div>
      {notice && (
        <p className="banner success" role="status" data-testid="timeline-notice">
          {notice.text}
          {notice.link && <Link to={notice.link.to}>{notice.link.label}</Link>}
          <button type="button" className="button ghost small" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </p>
      )}
      <ol className="timeline" data-testid="timeline" aria-busy={loading} aria-live="polite">
        {items.map((activity) => (
          <li key={activity.id} className={`timeline-item type-${activity.type.toLowerCase()}`} data-testid="timeline-item" data-activity-type={activity.type}>
            <span className="timeline-icon" aria-hidden="true">
              {ICONS[activity.type] ?? '•'}
            </span>
            <div className="timeline-body">
              <div className="timeline-meta">
                <strong>{headline(activity)}</strong>
                {activity.durationSeconds !== null && <span>{formatDuration(activity.durationSeconds)}</span>}
                {activity.status && <span className="badge">{activity.status}</span>}
                <time dateTime={activity.occurredAt} title={new Date(activity.occurredAt).toLocaleString()}>
                  {relativeTime(activity.occurredAt)}
                </time>
                {activity.owner && !cameIn(activity) && <span className="muted">by {activity.owner.name}</span>}
              </div>
              {activity.type === 'RECORDING' ? (
                <RecordingEntry activity={activity} contactId={contactId} contactName={contactName} onChanged={recordingChanged} />
              ) : (
                <ActivityDetails activity={activity} contactId={contactId} contactName={contactName} />
              )}
            </div>
          </li>
        ))}
      </ol>
      {!loading && items.length === 0 && <p className="empty">Nothing on the timeline yet. Add a note to start.</p>}
      {hasMore && (
        <button type="button" className="button" onClick={loadOlder} disabled={loadingOlder}>
          {loadingOlder ? 'Loading…' : 'Load older'}
        </button>
      )}
    </div>
  );
}
