import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../apollo';
import { meetingTime } from '../format';
import { type Activity, UPCOMING_MEETINGS } from '../graphql';
import { RecordingsPlanNotice } from '../recordings/RecordingsPlanNotice';
import { meetingState } from '../timeline/summary';
import { useNow } from '../timeline/useNow';
import { useZoomConnection } from '../zoom/useZoomConnection';

type UpcomingMeeting = Activity & { contact: { id: string; name: string } | null };

/** Meetings from now on, soonest first: everyone's on the dashboard, one contact's on their page (with what their plan leaves out). */
export function UpcomingMeetings({ contactId }: { contactId?: string }) {
  const now = useNow(30_000);
  const { data, loading, error } = useQuery<{ upcomingMeetings: UpcomingMeeting[] }>(UPCOMING_MEETINGS, { variables: { first: 10, contactId }, fetchPolicy: 'cache-and-network' });
  const { connection } = useZoomConnection();
  const meetings = data?.upcomingMeetings ?? [];
  return (
    <section className="upcoming" aria-label="Upcoming meetings" data-testid="upcoming-meetings">
      <h2>Upcoming meetings</h2>
      {/* On a contact's page, where this contact's recordings would arrive. */}
      {contactId && <RecordingsPlanNotice connection={connection} />}
      {error && <p className="form-error">{errorMessage(error)}</p>}
      {meetings.length === 0 ? (
        <p className="muted">{loading && !data ? 'Loading…' : 'Nothing scheduled.'}</p>
      ) : (
        <ul className="plain upcoming-list">
          {meetings.map((meeting) => {
            const join = meeting.attachments.find((attachment) => attachment.kind === 'join');
            return (
              <li key={meeting.id} data-testid="upcoming-meeting">
                <strong>{meeting.body}</strong>
                <span className="muted block">
                  {meetingTime(meeting.occurredAt)}
                  {` · ${meetingState(meeting, now)}`}
                </span>
                {!contactId && meeting.contact && (
                  <Link className="block" to={`/contacts/${meeting.contact.id}`}>
                    with {meeting.contact.name}
                  </Link>
                )}
                {join && (
                  <a href={join.url} target="_blank" rel="noreferrer">
                    Join
                  </a>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
