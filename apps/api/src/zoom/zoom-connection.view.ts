import { LiveEventsService } from '../platform/redis/live-events.service';
import { ZoomConnection, ZoomConnectionStatus } from './dto/zoom-connection.model';
import type { ZoomConnectionEntity } from './entities/zoom-connection.entity';
import { ConnectionState, hasCloudRecordings } from './zoom-connection';

export const ZOOM_CONNECTION_CHANGED = 'zoom.connection-changed';

/** A connection change as it crosses Redis (dates as ISO strings), addressed to its Switchboard user. */
export interface ZoomConnectionChanged {
  userId: string;
  connection: Omit<ZoomConnection, 'connectedAt'> & { connectedAt: string | null };
}

const PLAN_NAMES: Record<number, string> = { 1: 'Basic', 2: 'Pro or higher' };


export function toZoomConnectionModel(connection: ZoomConnectionEntity | null): ZoomConnection {
  const active = connection && connection.state !== ConnectionState.REVOKED ? connection : null;
  return {
    status: !active ? ZoomConnectionStatus.NOT_CONNECTED : active.state === ConnectionState.CONNECTED ? ZoomConnectionStatus.CONNECTED : ZoomConnectionStatus.NEEDS_RECONNECT,
    email: active?.email ?? null,
    accountId: active?.zoomAccountId ?? null,
    zoomUserId: active?.zoomUserId ?? null,
    planType: active ? (PLAN_NAMES[active.planType] ?? `Zoom plan type ${active.planType}`) : null,
    phoneNumber: active?.phoneNumber ?? null,
    scopes: active?.scopes ?? [],
    connectedAt: active?.connectedAt ?? null,
    capabilities: { recordings: Boolean(active && hasCloudRecordings(active)), phone: Boolean(active?.phoneNumber || active?.phoneExtension) },
    lastError: active?.state === ConnectionState.NEEDS_RECONNECT ? active.lastError : null,
    available: true,
  };
}

/** Tells the user's open pages (any api process) that their Zoom card changed. */
export async function announceConnectionChange(liveEvents: LiveEventsService, userId: string, connection: ZoomConnectionEntity | null): Promise<void> {
  const model = toZoomConnectionModel(connection);
  await liveEvents.publish<ZoomConnectionChanged>(ZOOM_CONNECTION_CHANGED, {
    userId,
    connection: { ...model, connectedAt: model.connectedAt?.toISOString() ?? null },
  });
}
