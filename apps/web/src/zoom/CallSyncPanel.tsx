import { CALL_SYNC, SYNC_ZOOM_CALLS } from '../graphql';
import { SyncPanel } from './SyncPanel';

/** "Sync calls" on the Zoom card: the last 30 days of Zoom Phone calls, with a progress bar while they come in. */
export function CallSyncPanel() {
  return (
    <SyncPanel
      query={CALL_SYNC}
      field="callSync"
      mutation={SYNC_ZOOM_CALLS}
      noun={{ one: 'call', many: 'calls' }}
      description="Brings the last 30 days of Zoom Phone calls onto your contacts’ timelines."
    />
  );
}
