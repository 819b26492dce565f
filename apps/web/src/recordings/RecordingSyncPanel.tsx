import { RECORDING_SYNC, SYNC_ZOOM_RECORDINGS } from '../graphql';
import { SyncPanel } from '../zoom/SyncPanel';

/** "Sync recordings" on the Zoom card: cloud recordings Zoom has that are not on a timeline yet (a lost webhook, an earlier meeting). */
export function RecordingSyncPanel() {
  return (
    <SyncPanel
      query={RECORDING_SYNC}
      field="recordingSync"
      mutation={SYNC_ZOOM_RECORDINGS}
      noun={{ one: 'recording', many: 'recordings' }}
      description="Brings your Zoom cloud recordings, transcripts and AI summaries onto the contacts you met."
    />
  );
}
