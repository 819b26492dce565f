import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { errorMessage } from '../apollo';
import { CALL_SYNC, type CallSync, SYNC_ZOOM_CALLS } from '../graphql';

const count = new Intl.NumberFormat();
const ACTIVE = ['QUEUED', 'RUNNING'];

/** "Sync calls" on the Zoom card: the last 30 days of Zoom Phone calls, with a progress bar while they come in. */
export function CallSyncPanel() {
  const { data, startPolling, stopPolling } = useQuery<{ callSync: CallSync | null }>(CALL_SYNC, { fetchPolicy: 'cache-and-network' });
  const [sync, syncing] = useMutation<{ syncZoomCalls: CallSync }>(SYNC_ZOOM_CALLS, { refetchQueries: ['CallSync'] });
  const current = data?.callSync ?? null;
  const active = Boolean(current && ACTIVE.includes(current.status));
  useEffect(() => {
    if (active) startPolling(1000);
    else stopPolling();
    return () => stopPolling();
  }, [active, startPolling, stopPolling]);

  return (
    <div className="call-sync" data-testid="call-sync">
      <div className="row">
        <button type="button" className="button" onClick={() => void sync().catch(() => undefined)} disabled={active || syncing.loading} data-testid="zoom-sync-calls">
          {active ? 'Syncing calls…' : 'Sync calls'}
        </button>
        <span className="muted">Brings the last 30 days of Zoom Phone calls onto your contacts&rsquo; timelines.</span>
      </div>
      {current && (
        <div className="call-sync-progress">
          <progress max={100} value={current.percent} data-testid="call-sync-progress" aria-label="Call sync progress" />
          <span data-testid="call-sync-count">
            {current.status === 'DONE'
              ? `${count.format(current.processed)} calls synced${current.finishedAt ? ` · ${new Date(current.finishedAt).toLocaleString()}` : ''}`
              : current.status === 'FAILED'
                ? `Stopped after ${count.format(current.processed)} calls: ${current.error ?? 'unknown error'}`
                : current.total !== null
                  ? `${count.format(current.processed)} of ${count.format(current.total)} calls`
                  : 'Starting…'}
          </span>
        </div>
      )}
      {syncing.error && <p className="form-error">{errorMessage(syncing.error)}</p>}
    </div>
  );
}
