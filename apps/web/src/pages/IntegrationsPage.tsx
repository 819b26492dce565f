import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { SettingsTabs } from '../components/SettingsTabs';
import { DISCONNECT_ZOOM, REFRESH_ZOOM_CONNECTION, START_ZOOM_CONNECT, ZOOM_CONNECTION } from '../graphql';
import { RecordingsPlanNotice } from '../recordings/RecordingsPlanNotice';
import { SyncPanel } from '../zoom/SyncPanel';
import { type ZoomConnection, useZoomConnection } from '../zoom/useZoomConnection';

const CONNECT_FAILURES: Record<string, string> = {
  state: 'That Zoom sign-in was not started here or took too long. Please try again.',
  denied: 'Zoom access was not granted, so nothing was connected.',
  already_linked: 'That Zoom user is already connected to another Switchboard user.',
  zoom: 'Zoom could not complete the connection. Please try again in a minute.',
};

function formatDate(iso: string | null): string {
  return iso ? new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' }) : '';
}

/** The result of the OAuth round trip, carried back by the callback's redirect. */
function ConnectResult() {
  const [params, setParams] = useSearchParams();
  const outcome = params.get('zoom');
  if (!outcome) return null;
  const dismiss = () => setParams({}, { replace: true });
  const message = outcome === 'connected' ? 'Zoom is connected.' : (CONNECT_FAILURES[params.get('reason') ?? ''] ?? params.get('message') ?? 'Zoom could not be connected.');
  return (
    <div className={`banner ${outcome === 'connected' ? 'success' : 'error'}`} role="status" data-testid="zoom-connect-result">
      {message}
      <button type="button" className="button ghost small" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}

function ConnectedDetails({ connection }: { connection: ZoomConnection }) {
  return (
    <dl className="details" data-testid="zoom-details">
      <dt>Plan</dt>
      <dd data-testid="zoom-plan">{connection.planType}</dd>
      <dt>Zoom Phone</dt>
      <dd data-testid="zoom-phone">{connection.capabilities.phone ? (connection.phoneNumber ?? 'Licensed') : 'No Zoom Phone licence'}</dd>
      <dt>Connected since</dt>
      <dd>{formatDate(connection.connectedAt)}</dd>
      <dt>Permissions</dt>
      <dd>
        <details>
          <summary>{connection.scopes.length} Zoom scopes granted</summary>
          <ul className="scopes">
            {connection.scopes.map((scope) => (
              <li key={scope}>
                <code>{scope}</code>
              </li>
            ))}
          </ul>
        </details>
      </dd>
    </dl>
  );
}

export function IntegrationsPage() {
  const { connection } = useZoomConnection();
  const [error, setError] = useState<string | null>(null);
  const [startConnect, { loading: starting }] = useMutation<{ startZoomConnect: string }>(START_ZOOM_CONNECT);
  const [disconnect, { loading: disconnecting }] = useMutation(DISCONNECT_ZOOM, { refetchQueries: [{ query: ZOOM_CONNECTION }] });
  // Afterwards the card is re-read: a dead grant has turned the connection into "Reconnect Zoom" meanwhile.
  const [check, { loading: checking }] = useMutation(REFRESH_ZOOM_CONNECTION, { refetchQueries: [{ query: ZOOM_CONNECTION }] });

  const connect = async () => {
    setError(null);
    try {
      const { data } = await startConnect();
      if (data) window.location.assign(data.startZoomConnect);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  const checkConnection = async () => {
    setError(null);
    await check().catch((failure: Error) => setError(failure.message));
  };
  const confirmDisconnect = async () => {
    if (!window.confirm('Disconnect Zoom? New calls, meetings and voicemails stop arriving; what is already logged stays.')) return;
    setError(null);
    await disconnect().catch((failure: Error) => setError(failure.message));
  };

  const status = connection?.status ?? 'NOT_CONNECTED';
  return (
    <section className="page">
      <h1>Settings</h1>
      <SettingsTabs />
      <ConnectResult />
      <article className="card integration" data-testid="zoom-card" data-status={status}>
        <div className="integration-head">
          <span className="zoom-logo" aria-hidden="true">
            Z
          </span>
          <div>
            <h2>Zoom</h2>
            <p className="muted">Meetings, Zoom Phone calls, voicemails, recordings and AI summaries on your timelines, live.</p>
          </div>
        </div>
        {status === 'CONNECTED' && connection && (
          <>
            <p data-testid="zoom-connected-as">
              Connected as <strong>{connection.email}</strong>
            </p>
            <ConnectedDetails connection={connection} />
            <RecordingsPlanNotice connection={connection} />
            {connection.capabilities.phone && <SyncPanel kind="calls" />}
            {connection.capabilities.recordings && <SyncPanel kind="recordings" />}
            <div className="actions">
              <button type="button" className="button ghost" onClick={checkConnection} disabled={checking} data-testid="zoom-check" title="Reads your plan and Zoom Phone number from Zoom again">
                {checking ? 'Checking…' : 'Check connection'}
              </button>
              <button type="button" className="button danger" onClick={confirmDisconnect} disabled={disconnecting} data-testid="zoom-disconnect">
                {disconnecting ? 'Disconnecting…' : 'Disconnect Zoom'}
              </button>
            </div>
          </>
        )}
        {status === 'NEEDS_RECONNECT' && connection && (
          <>
            <p className="banner error" role="alert">
              Your Zoom connection ({connection.email}) stopped working{connection.lastError ? `: ${connection.lastError}` : ''}. Reconnect to keep
              calls and meetings arriving.
            </p>
            <div className="actions">
              <button type="button" className="button primary" onClick={connect} disabled={starting} data-testid="zoom-reconnect">
                Reconnect Zoom
              </button>
              <button type="button" className="button ghost" onClick={confirmDisconnect} disabled={disconnecting} data-testid="zoom-disconnect">
                Disconnect
              </button>
            </div>
          </>
        )}
        {status === 'NOT_CONNECTED' && (
          <>
            <button type="button" className="button primary" onClick={connect} disabled={starting || !connection?.available} data-testid="zoom-connect">
              {starting ? 'Opening Zoom…' : 'Connect Zoom'}
            </button>
            <p className="muted">You will be asked to approve Switchboard at Zoom. You can disconnect at any time.</p>
          </>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </article>
    </section>
  );
}
