import { useQuery } from '@apollo/client/react';
import { SettingsTabs } from '../components/SettingsTabs';
import { ZOOM_CONNECTION } from '../graphql';

interface ZoomConnection {
  status: 'NOT_CONNECTED' | 'CONNECTED' | 'NEEDS_RECONNECT';
  email: string | null;
  planType: string | null;
  available: boolean;
}

export function IntegrationsPage() {
  const { data } = useQuery<{ zoomConnection: ZoomConnection }>(ZOOM_CONNECTION);
  const connection = data?.zoomConnection;
  return (
    <section className="page">
      <h1>Settings</h1>
      <SettingsTabs />
      <article className="card integration" data-testid="zoom-card">
        <div className="integration-head">
          <span className="zoom-logo" aria-hidden="true">
            Z
          </span>
          <div>
            <h2>Zoom</h2>
            <p className="muted">Meetings, Zoom Phone calls, voicemails, recordings and AI summaries on your timelines, live.</p>
          </div>
        </div>
        {connection?.status === 'CONNECTED' ? (
          <p>Connected as {connection.email}</p>
        ) : (
          <>
            <button type="button" className="button primary" disabled={!connection?.available} aria-describedby="zoom-availability" data-testid="zoom-connect">
              Connect Zoom
            </button>
            {!connection?.available && (
              <p id="zoom-availability" className="muted">
                Zoom connection arrives in the next release; your data stays here.
              </p>
            )}
          </>
        )}
      </article>
    </section>
  );
}
