import type { ZoomConnection } from '../zoom/useZoomConnection';

/** Said wherever recordings would show (the Zoom card, a contact's meetings) when the connected Zoom plan has none. */
export function RecordingsPlanNotice({ connection }: { connection: ZoomConnection | undefined }) {
  if (connection?.status !== 'CONNECTED' || connection.capabilities.recordings) return null;
  return (
    <div className="banner warn" role="note" data-testid="recordings-plan-banner">
      <strong>Pro+ required for recordings</strong>
      <span>Zoom&rsquo;s free Basic plan has no cloud recordings, so meetings bring no recording, transcript or AI summary.</span>
    </div>
  );
}
