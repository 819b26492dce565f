import { useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ACTIVITY_ADDED, type Activity } from '../graphql';
import { SMS_THREAD } from './queries';

/** The latest texts a thread shows; older ones stay on the timeline. */
const THREAD_SIZE = 50;
const sentAt = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

function SmsBubble({ message }: { message: Activity }) {
  const received = message.direction === 'INBOUND';
  return (
    <li className={`sms-bubble ${received ? 'received' : 'sent'}`} data-testid="sms-bubble" data-direction={message.direction ?? undefined}>
      <p>{message.body}</p>
      <time dateTime={message.occurredAt}>
        {sentAt.format(new Date(message.occurredAt))}
        {!received && message.owner && ` · ${message.owner.name}`}
      </time>
    </li>
  );
}

/** A contact's texts as a conversation: theirs on the left, ours on the right, oldest first, new ones live. */
export function SmsThread({ contactId }: { contactId: string }) {
  const { data, loading } = useQuery<{ activities: { edges: Array<{ node: Activity }> } }>(SMS_THREAD, { variables: { contactId, first: THREAD_SIZE }, fetchPolicy: 'cache-and-network' });
  const [arrived, setArrived] = useState<Activity[]>([]);
  useSubscription<{ activityAdded: Activity }>(ACTIVITY_ADDED, {
    variables: { contactId },
    onData: ({ data: event }) => {
      const activity = event.data?.activityAdded;
      if (activity?.type === 'SMS' && activity.contact?.id === contactId) setArrived((items) => [...items.filter((item) => item.id !== activity.id), activity]);
    },
  });
  const messages = useMemo(() => {
    const byId = new Map<string, Activity>();
    for (const message of [...(data?.activities.edges.map((edge) => edge.node) ?? []), ...arrived]) byId.set(message.id, message);
    return [...byId.values()].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.id.localeCompare(b.id));
  }, [data, arrived]);

  // The newest text is where a conversation is read from.
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight });
  }, [messages]);

  return (
    <section className="sms-thread" aria-labelledby={`sms-thread-${contactId}`} data-testid="sms-thread">
      <h2 id={`sms-thread-${contactId}`}>Text messages</h2>
      {messages.length === 0 ? (
        !loading && <p className="muted">No texts yet. Texts sent and received on Zoom Phone appear here.</p>
      ) : (
        <ol className="sms-bubbles" ref={list} aria-live="polite">
          {messages.map((message) => (
            <SmsBubble key={message.id} message={message} />
          ))}
        </ol>
      )}
    </section>
  );
}
