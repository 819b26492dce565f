import { useApolloClient, useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../apollo';
import { formatDuration, meetingTime, relativeTime } from '../format';
import { type Activity, type Page, RETRY_TRANSCRIPTION } from '../graphql';
import { ActivityDeal, canFileOnDeal } from '../deals/ActivityDeal';
import { MeetingActions } from '../meetings/MeetingActions';
import type { RecordingNotice } from '../recordings/RecordingActions';
import { RecordingEntry } from '../recordings/RecordingEntry';
import { CallLog } from '../softphone/CallLog';
import { NoteEntry } from '../timeline/NoteEntry';
import { TIMELINE_ACTIVITIES, TIMELINE_ACTIVITY_ADDED, TIMELINE_ACTIVITY_UPDATED, type TimelineActivity, TYPE_FILTERS, type TypeFilter } from '../timeline/queries';
import { dayHeading, isUpcomingMeeting, meetingState, summaryLine } from '../timeline/summary';
import { TypeFilterBar } from '../timeline/TypeFilterBar';
import { useNow } from '../timeline/useNow';

const PAGE_SIZE = 20;
const ICONS: Record<string, string> = { CALL: '☎', VOICEMAIL: '✉', MEETING: '▶', RECORDING: '●', SMS: '✎', NOTE: '✍', EMAIL: '@' };

/** Zoom's inbound calls, voicemails and texts came to the agent's line: nobody did them "by" the agent (docs/architecture.md, Decisions). */
const cameIn = (activity: Activity) => activity.direction === 'INBOUND' || activity.type === 'VOICEMAIL';

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
function ActivityDetails({ activity, contactId, contactName }: { activity: TimelineActivity; contactId: string; contactName: string }) {
  // A meeting's join link is its Join button.
  const files = activity.attachments.filter((attachment) => attachment.kind !== 'join' || activity.type !== 'MEETING');
  return (
    <>
      {activity.type === 'NOTE' ? <NoteEntry note={activity} /> : activity.body && <p className="timeline-text">{activity.body}</p>}
      {activity.transcript && <blockquote className="transcript">{activity.transcript}</blockquote>}
      {activity.type === 'MEETING' && <MeetingActions activity={activity} contactId={contactId} contactName={contactName} />}
      {activity.type === 'CALL' && <CallLog activity={activity} />}
      {activity.status === 'Transcription failed' && <RetryTranscription activityId={activity.id} />}
      {canFileOnDeal(activity) && <ActivityDeal activity={activity} />}
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

const shows = (filter: TypeFilter, activity: Activity) => !filter.types || filter.types.includes(activity.type);

/** Consecutive entries of one day of the viewer's, newest day first. */
function byDay(items: TimelineActivity[], now: number): Array<{ heading: string; items: TimelineActivity[] }> {
  const days: Array<{ heading: string; items: TimelineActivity[] }> = [];
  for (const activity of items) {
    const heading = dayHeading(activity.occurredAt, now);
    if (days.at(-1)?.heading === heading) days.at(-1)!.items.push(activity);
    else days.push({ heading, items: [activity] });
  }
  return days;
}

function TimelineEntry({ activity, contactId, contactName, now, onRecordingChanged }: { activity: TimelineActivity; contactId: string; contactName: string; now: number; onRecordingChanged: (activity: Activity, notice: RecordingNotice) => void }) {
  const isMeeting = activity.type === 'MEETING';
  return (
    <li className={`timeline-item type-${activity.type.toLowerCase()}`} data-testid="timeline-item" data-activity-type={activity.type} data-activity-id={activity.id} data-call-result={activity.result ?? undefined}>
      <span className="timeline-icon" aria-hidden="true">
        {ICONS[activity.type] ?? '•'}
      </span>
      <div className="timeline-body">
        <div className="timeline-meta">
          <strong data-testid="timeline-summary">{summaryLine(activity)}</strong>
          {activity.type === 'RECORDING' && activity.durationSeconds !== null && <span>{formatDuration(activity.durationSeconds)}</span>}
          {isMeeting ? (
            <span className="badge" data-testid="meeting-state">
              {meetingState(activity, now)}
            </span>
          ) : (
            activity.status && <span className="badge">{activity.status}</span>
          )}
          <time dateTime={activity.occurredAt} title={new Date(activity.occurredAt).toLocaleString()}>
            {isMeeting ? meetingTime(activity.occurredAt, activity.meeting?.timezone) : relativeTime(activity.occurredAt, now)}
          </time>
          {activity.owner && !cameIn(activity) && <span className="muted">by {activity.owner.name}</span>}
        </div>
        {activity.type === 'RECORDING' ? (
          <RecordingEntry activity={activity} contactId={contactId} contactName={contactName} onChanged={onRecordingChanged} />
        ) : (
          <ActivityDetails activity={activity} contactId={contactId} contactName={contactName} />
        )}
      </div>
    </li>
  );
}

/**
 * A contact's timeline: meetings still to come apart, then the history grouped by day, one kind or all. The first
 * page comes from the server (one cache entry per filter), older pages on demand; what happens meanwhile is pushed
 * live for every kind and shown under whichever filter it matches, so switching filters never loses it.
 */
export function Timeline({ contactId, contactName, dealId }: { contactId: string; contactName: string; dealId?: string }) {
  const client = useApolloClient();
  const now = useNow(30_000);
  // A deal's timeline lists what is on the deal, from any of its contacts; live events then come for the whole organisation.
  const scope = dealId ? { dealId } : { contactId };
  const [filter, setFilter] = useState<TypeFilter>(TYPE_FILTERS[0]);
  // Read afresh on every visit: what arrived live on an earlier visit (or moved away since) is not in the cached page.
  const { data, loading, error } = useQuery<{ activities: Page<TimelineActivity> }>(TIMELINE_ACTIVITIES, { variables: { ...scope, types: filter.types, first: PAGE_SIZE }, fetchPolicy: 'cache-and-network' });
  const [live, setLive] = useState<TimelineActivity[]>([]);
  /** Activities that were here and have left: moved to another contact, detached, or deleted. */
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());
  /** Older pages, of the filter they were loaded for. */
  const [older, setOlder] = useState<{ filter: TypeFilter; items: TimelineActivity[]; cursor: string | null; hasMore: boolean } | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [notice, setNotice] = useState<RecordingNotice | null>(null);

  // An update says where the activity is now: still on this contact (shown as it is), on another one or none, or deleted.
  const apply = useCallback(
    (activity: TimelineActivity) => {
      const here = (dealId ? activity.deal?.id === dealId : activity.contact?.id === contactId) && !activity.deleted;
      // A deleted note leaves every cached page too, so no filter's page brings it back on the next visit.
      if (activity.deleted) client.cache.evict({ id: client.cache.identify({ __typename: 'Activity', id: activity.id }) });
      setLive((items) => [...(here ? [activity] : []), ...items.filter((item) => item.id !== activity.id)]);
      setGone((ids) => {
        if (ids.has(activity.id) !== here) return ids;
        const next = new Set(ids);
        if (here) next.delete(activity.id);
        else next.add(activity.id);
        return next;
      });
    },
    [client, contactId, dealId],
  );
  useSubscription<{ activityAdded: TimelineActivity }>(TIMELINE_ACTIVITY_ADDED, {
    variables: { contactId: dealId ? null : contactId },
    onData: ({ data: event }) => event.data && apply(event.data.activityAdded),
  });
  useSubscription<{ activityUpdated: TimelineActivity }>(TIMELINE_ACTIVITY_UPDATED, {
    variables: { contactId: dealId ? null : contactId },
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
  const olderPages = older?.filter === filter ? older : null;
  const items = useMemo(() => {
    const merged = new Map<string, TimelineActivity>();
    for (const activity of [...(olderPages?.items ?? []), ...(firstPage?.edges.map((edge) => edge.node) ?? []), ...live]) merged.set(activity.id, activity);
    return [...merged.values()].filter((activity) => !gone.has(activity.id) && shows(filter, activity)).sort(byNewest);
  }, [firstPage, olderPages, live, gone, filter]);
  // Meetings still to come are newest by start time, so the first page always holds them: they never sit in the history.
  const upcoming = items.filter((activity) => isUpcomingMeeting(activity, now)).reverse();
  const history = byDay(
    items.filter((activity) => !isUpcomingMeeting(activity, now)),
    now,
  );

  const cursor = olderPages ? olderPages.cursor : (firstPage?.pageInfo.endCursor ?? null);
  const hasMore = olderPages ? olderPages.hasMore : Boolean(firstPage?.pageInfo.hasNextPage);
  const loadOlder = async () => {
    setLoadingOlder(true);
    try {
      const result = await client.query<{ activities: Page<TimelineActivity> }>({ query: TIMELINE_ACTIVITIES, variables: { ...scope, types: filter.types, first: PAGE_SIZE, after: cursor } });
      const page = result.data?.activities;
      if (page) setOlder({ filter, items: [...(olderPages?.items ?? []), ...page.edges.map((edge) => edge.node)], cursor: page.pageInfo.endCursor, hasMore: page.pageInfo.hasNextPage });
    } finally {
      setLoadingOlder(false);
    }
  };
  const entry = (activity: TimelineActivity) => <TimelineEntry key={activity.id} activity={activity} contactId={contactId} contactName={contactName} now={now} onRecordingChanged={recordingChanged} />;

  return (
    <div className="timeline-view">
      <TypeFilterBar value={filter} onChange={setFilter} />
      {error && <p className="form-error">{errorMessage(error)}</p>}
      {notice && (
        <p className="banner success" role="status" data-testid="timeline-notice">
          {notice.text}
          {notice.link && <Link to={notice.link.to}>{notice.link.label}</Link>}
          <button type="button" className="button ghost small" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </p>
      )}
      {upcoming.length > 0 && (
        <section className="timeline-upcoming" aria-label="Coming up" data-testid="timeline-upcoming">
          <h3 className="timeline-day">Coming up</h3>
          <ol className="timeline">{upcoming.map(entry)}</ol>
        </section>
      )}
      <div data-testid="timeline" aria-busy={loading} aria-live="polite">
        {history.map((day) => (
          <section key={day.heading} className="timeline-group" aria-label={day.heading} data-testid="timeline-day">
            <h3 className="timeline-day">{day.heading}</h3>
            <ol className="timeline">{day.items.map(entry)}</ol>
          </section>
        ))}
      </div>
      {loading && !data && <p className="muted">Loading the timeline…</p>}
      {!loading && items.length === 0 && <p className="empty">{filter.types ? `No ${filter.noun} with ${contactName} yet.` : 'Nothing on the timeline yet. Add a note to start.'}</p>}
      {hasMore && (
        <button type="button" className="button" onClick={loadOlder} disabled={loadingOlder}>
          {loadingOlder ? 'Loading…' : 'Load older'}
        </button>
      )}
    </div>
  );
}
