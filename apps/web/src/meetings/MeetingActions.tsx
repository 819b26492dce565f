import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { errorMessage } from '../apollo';
import { type Activity, CANCEL_MEETING } from '../graphql';
import { useCurrentUser } from '../session';
import { MeetingForm } from './MeetingForm';

const OPEN = ['Scheduled', 'Started'];

/** Join for everyone; Start, Reschedule and Cancel for the host, while the meeting has not ended or been cancelled. */
export function MeetingActions({ activity, contactId, contactName }: { activity: Activity; contactId: string; contactName: string }) {
  const user = useCurrentUser();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState('');
  const [cancel, cancelling] = useMutation(CANCEL_MEETING, { refetchQueries: ['UpcomingMeetings'] });
  const join = activity.attachments.find((attachment) => attachment.kind === 'join');
  const open = OPEN.includes(activity.status ?? '');
  const isHost = Boolean(activity.meeting) && activity.owner?.id === user.id;
  const confirmCancel = () => {
    if (window.confirm(`Cancel "${activity.body}"? It is deleted in Zoom and ${contactName} gets a cancellation.`)) void cancel({ variables: { activityId: activity.id } }).catch(() => undefined);
  };
  if (!open) return null;
  return (
    <div className="meeting-actions">
      <div className="row">
        {join && (
          <a className="button small primary" href={join.url} target="_blank" rel="noreferrer" data-testid="meeting-join">
            Join
          </a>
        )}
        {isHost && (
          <>
            {/* The start link is fetched from Zoom on click: it carries a host token, so the page never holds it. */}
            <a className="button small" href={`/meetings/${activity.id}/start`} target="_blank" rel="noreferrer" data-testid="meeting-start-link">
              Start as host
            </a>
            <button type="button" className="button small ghost" onClick={() => setEditing((value) => !value)} data-testid="meeting-reschedule">
              Reschedule
            </button>
            <button type="button" className="button small danger" onClick={confirmCancel} disabled={cancelling.loading} data-testid="meeting-cancel">
              Cancel meeting
            </button>
          </>
        )}
      </div>
      {cancelling.error && <p className="form-error">{errorMessage(cancelling.error)}</p>}
      {notice && <p className="banner success">{notice}</p>}
      {editing && activity.meeting && (
        <MeetingForm
          contactId={contactId}
          contactName={contactName}
          meeting={activity}
          onDone={(message) => {
            setEditing(false);
            setNotice(message);
          }}
        />
      )}
    </div>
  );
}
