import { useMutation, useQuery } from '@apollo/client/react';
import { SettingsTabs } from '../components/SettingsTabs';
import { INTEGRATION_HEALTH, RETRY_TRANSCRIPTION, RETRY_WEBHOOK_EVENT } from '../graphql';

interface IntegrationHealth {
  webhookValidatedAt: string | null;
  lastEvents: Array<{ event: string; lastReceivedAt: string }>;
  inboxCounts: Array<{ status: string; count: number }>;
  failedEvents: Array<{ id: string; event: string; status: string; attempts: number; lastError: string | null; receivedAt: string }>;
  rejectedEvents: Array<{ id: string; event: string; reason: string; deliveries: number; receivedAt: string; lastDeliveredAt: string }>;
  failedTranscriptions: Array<{ activityId: string; attempts: number; lastError: string | null; failedAt: string }>;
  connections: Array<{ userEmail: string; zoomEmail: string; state: string; lastError: string | null; tokenExpiresAt: string | null }>;
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/**
 * Events refused at intake because they could never be stored: what Zoom sent, when, how often, and why, never
 * what the event said (nothing of it is kept). Nothing to retry: Zoom gives up on them after its own retries.
 */
function RejectedEvents({ events, total }: { events: IntegrationHealth['rejectedEvents']; total: number }) {
  return (
    <article className="card wide" data-testid="rejected-events-card">
      <h2>
        Rejected events{' '}
        {total > 0 && (
          <span className="badge danger" data-testid="rejected-count">
            {total}
          </span>
        )}
      </h2>
      <p className="muted">Zoom events that could not be stored, refused so that nothing was half-saved. Only the reason is kept, never what the event said; there is nothing to retry.</p>
      {events.length === 0 ? (
        <p className="muted">None</p>
      ) : (
        <table className="contacts-table" data-testid="rejected-events">
          <thead>
            <tr>
              <th>Event</th>
              <th>Received</th>
              <th>Deliveries</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {events.map((rejected) => (
              <tr key={rejected.id} data-testid="rejected-event">
                <td>
                  <code>{rejected.event}</code>
                </td>
                <td>
                  {when(rejected.receivedAt)}
                  {rejected.deliveries > 1 && <div className="muted">last {when(rejected.lastDeliveredAt)}</div>}
                </td>
                <td data-testid="rejected-deliveries">{rejected.deliveries}</td>
                <td className="error-text" data-testid="rejected-reason">
                  {rejected.reason}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total > events.length && <p className="hint">The latest {events.length} of {total}.</p>}
    </article>
  );
}

/** Admin only: do Zoom events arrive and get processed, and which Zoom grants are alive. */
export function IntegrationHealthPage() {
  const { data, loading, error, refetch } = useQuery<{ integrationHealth: IntegrationHealth }>(INTEGRATION_HEALTH, { fetchPolicy: 'cache-and-network' });
  const [retry, { loading: retrying }] = useMutation(RETRY_WEBHOOK_EVENT, { onCompleted: () => refetch() });
  const [retryTranscription, { loading: retryingTranscription }] = useMutation(RETRY_TRANSCRIPTION, { onCompleted: () => refetch() });
  const health = data?.integrationHealth;
  return (
    <section className="page" data-testid="integration-health">
      <h1>Settings</h1>
      <SettingsTabs />
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      {loading && !health && <p className="muted">Loading…</p>}
      {health && (
        <div className="health-grid">
          <article className="card">
            <h2>Webhook endpoint</h2>
            <p data-testid="webhook-validated">
              {health.webhookValidatedAt ? `Validated by Zoom ${when(health.webhookValidatedAt)}` : 'Not validated by Zoom yet'}
            </p>
            <h3>Events by status</h3>
            <ul className="plain" data-testid="inbox-counts">
              {health.inboxCounts.length === 0 && <li className="muted">No events received yet</li>}
              {health.inboxCounts.map((entry) => (
                <li key={entry.status}>
                  {entry.status}: <strong>{entry.count}</strong>
                </li>
              ))}
            </ul>
            <h3>Last event by type</h3>
            <ul className="plain">
              {health.lastEvents.map((seen) => (
                <li key={seen.event}>
                  <code>{seen.event}</code> {when(seen.lastReceivedAt)}
                </li>
              ))}
            </ul>
          </article>
          <article className="card">
            <h2>Zoom connections</h2>
            <ul className="plain" data-testid="connection-health">
              {health.connections.length === 0 && <li className="muted">Nobody has connected Zoom yet</li>}
              {health.connections.map((connection) => (
                <li key={connection.userEmail}>
                  {connection.userEmail} → {connection.zoomEmail}: <strong>{connection.state}</strong>
                  {connection.tokenExpiresAt && <span className="muted"> (token until {when(connection.tokenExpiresAt)})</span>}
                  {connection.lastError && <div className="form-error">{connection.lastError}</div>}
                </li>
              ))}
            </ul>
          </article>
          <article className="card wide">
            <h2>Failed events</h2>
            {health.failedEvents.length === 0 ? (
              <p className="muted">None</p>
            ) : (
              <table className="contacts-table" data-testid="failed-events">
                <thead>
                  <tr>
                    <th>Event</th>
                    <th>Received</th>
                    <th>Attempts</th>
                    <th>Error</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {health.failedEvents.map((failed) => (
                    <tr key={failed.id}>
                      <td>
                        <code>{failed.event}</code>
                      </td>
                      <td>{when(failed.receivedAt)}</td>
                      <td>{failed.attempts}</td>
                      <td className="error-text">
                        {failed.status === 'processed_with_errors' && <div className="muted">Processed without these malformed records:</div>}
                        {failed.lastError}
                      </td>
                      <td>
                        <button type="button" className="button small" disabled={retrying} onClick={() => retry({ variables: { id: failed.id } })}>
                          Retry
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </article>
          <RejectedEvents events={health.rejectedEvents} total={health.inboxCounts.find((entry) => entry.status === 'rejected')?.count ?? health.rejectedEvents.length} />
          <article className="card wide">
            <h2>Failed voicemail transcriptions</h2>
            {health.failedTranscriptions.length === 0 ? (
              <p className="muted">None</p>
            ) : (
              <table className="contacts-table" data-testid="failed-transcriptions">
                <thead>
                  <tr>
                    <th>Failed</th>
                    <th>Attempts</th>
                    <th>Error</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {health.failedTranscriptions.map((failed) => (
                    <tr key={failed.activityId}>
                      <td>{when(failed.failedAt)}</td>
                      <td>{failed.attempts}</td>
                      <td className="error-text">{failed.lastError}</td>
                      <td>
                        <button type="button" className="button small" disabled={retryingTranscription} onClick={() => retryTranscription({ variables: { activityId: failed.activityId } })}>
                          Retry
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </article>
        </div>
      )}
    </section>
  );
}
