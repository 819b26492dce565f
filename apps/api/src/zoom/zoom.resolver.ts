import { Mutation, Query, Resolver } from '@nestjs/graphql';
import { appError, ErrorCode } from '../platform/graphql/errors';
import { ZoomConnection, ZoomConnectionStatus } from './dto/zoom-connection.model';

const NOT_CONNECTED: ZoomConnection = {
  status: ZoomConnectionStatus.NOT_CONNECTED,
  email: null,
  accountId: null,
  zoomUserId: null,
  planType: null,
  phoneNumber: null,
  scopes: [],
  connectedAt: null,
  capabilities: { recordings: false, phone: false },
  available: false,
};

/** The Zoom card's contract; connecting accounts arrives with the connection lifecycle. */
@Resolver(() => ZoomConnection)
export class ZoomResolver {
  @Query(() => ZoomConnection)
  zoomConnection(): ZoomConnection {
    return NOT_CONNECTED;
  }

  @Mutation(() => String, { description: 'The Zoom authorize URL to send the browser to' })
  startZoomConnect(): string {
    throw appError(ErrorCode.ZOOM_NOT_CONNECTED, 'Connecting Zoom is not available on this server yet');
  }

  @Mutation(() => ZoomConnection)
  disconnectZoom(): ZoomConnection {
    return NOT_CONNECTED;
  }
}
