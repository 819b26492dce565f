import type { DocumentNode } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { errorMessage } from '../apollo';
import { CALL_SYNC, RECORDING_SYNC, SYNC_ZOOM_CALLS, SYNC_ZOOM_RECORDINGS, type SyncProgress } from '../graphql';

const count = new Intl.NumberFormat();
const ACTIVE = ['QUEUED', 'RUNNING'];

interface ZoomSync {
  /** Reads the current sync (`{ [field]: SyncProgress | null }`) and starts one (`{ [mutationField]: SyncProgress }`). */
  query: DocumentNode;
  field: string;
  mutation: DocumentNode;
  /** What is synced, e.g. { one: 'call', many: 'calls' }: the labels and the test ids (`call-sync`, `zoom-sync-calls`) derive from it. */
  noun: { one: string; many: string };
  description: string;
}

/** The Zoom backfills the card offers, each its own "Sync …" button. */
const ZOOM_SYNCS = {
  /** The last 30 days of Zoom Phone calls. */
  calls: { query: CALL_SYNC, field: 'callSync', mutation: SYNC_ZOOM_CALLS, noun: { one: 'call', many: 'calls' }, description: 'Brings the last 30 days of Zoom Phone calls onto your contacts’ timelines.' },
  /** Cloud recordings Zoom has that are not on a timeline yet (a lost webhook, an earlier meeting). */
  recordings: { query: RECORDING_SYNC, field: 'recordingSync', mutation: SYNC_ZOOM_RECORDINGS, noun: { one: 'recording', many: 'recordings' }, description: 'Brings your Zoom cloud recordings, transcripts and AI summaries onto the contacts you met.' },
} satisfies Record<string, ZoomSync>;

/** A "Sync …" button on the Zoom card: one Zoom backfill, with a progress bar while its items come in. */
export function SyncPanel({ kind }: { kind: keyof typeof ZOOM_SYNCS }) {
  const { query, field, mutation, noun, description }: ZoomSync = ZOOM_SYNCS[kind];
  const { data, startPolling, stopPolling } = useQuery<Record<string, SyncProgress | null>>(query, { fetchPolicy: 'cache-and-network' });
  const [sync, syncing] = useMutation(mutation, { refetchQueries: [query] });
  const current = data?.[field] ?? null;
  const active = Boolean(current && ACTIVE.includes(current.status));
  useEffect(() => {
    if (active) startPolling(1000);
    else stopPolling();
    return () => stopPolling();
  }, [active, startPolling, stopPolling]);

  const { one, many } = noun;
  const label = `${many.charAt(0).toUpperCase()}${many.slice(1)}`;
  return (
    <div className="sync-panel" data-testid={`${one}-sync`}>
      <div className="row">
        <button type="button" className="button" onClick={() => void sync().catch(() => undefined)} disabled={active || syncing.loading} data-testid={`zoom-sync-${many}`}>
          {active ? `Syncing ${many}…` : `Sync ${many}`}
        </button>
        <span className="muted">{description}</span>
      </div>
      {current && (
        <div className="sync-progress">
          <progress max={100} value={current.percent} data-testid={`${one}-sync-progress`} aria-label={`${label} sync progress`} />
          <span data-testid={`${one}-sync-count`}>
            {current.status === 'DONE'
              ? `${count.format(current.processed)} ${many} synced${current.finishedAt ? ` · ${new Date(current.finishedAt).toLocaleString()}` : ''}`
              : current.status === 'FAILED'
                ? `Stopped after ${count.format(current.processed)} ${many}: ${current.error ?? 'unknown error'}`
                : current.total !== null
                  ? `${count.format(current.processed)} of ${count.format(current.total)} ${many}`
                  : 'Starting…'}
          </span>
        </div>
      )}
      {syncing.error && <p className="form-error">{errorMessage(syncing.error)}</p>}
    </div>
  );
}
