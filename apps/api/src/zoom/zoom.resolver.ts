import { Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { CurrentPrincipal, type GraphQLContext, type Principal } from '../auth';
import { LiveEventsService } from '../platform/redis/live-events.service';
import { ZoomConnection } from './dto/zoom-connection.model';
import { ZoomConnectionService } from './zoom-connection.service';
import { ZOOM_CONNECTION_CHANGED, type ZoomConnectionChanged } from './zoom-connection.view';

/** The Zoom card: connect (OAuth in the browser), status, disconnect, and live changes (a grant died). */
@Resolver(() => ZoomConnection)
export class ZoomResolver {
  constructor(
    private readonly connections: ZoomConnectionService,
    private readonly liveEvents: LiveEventsService,
  ) {}

  @Query(() => ZoomConnection)
  zoomConnection(@CurrentPrincipal() principal: Principal): Promise<ZoomConnection> {
    return this.connections.status(principal);
  }

  @Mutation(() => String, { description: 'The Zoom authorize URL to send the browser to' })
  startZoomConnect(@CurrentPrincipal() principal: Principal): Promise<string> {
    return this.connections.startConnect(principal);
  }

  @Mutation(() => ZoomConnection, { description: 'Revokes the grant at Zoom and deletes the tokens; logged activities stay' })
  disconnectZoom(@CurrentPrincipal() principal: Principal): Promise<ZoomConnection> {
    return this.connections.disconnect(principal);
  }

  @Mutation(() => ZoomConnection, { description: "Reads the Zoom profile again (plan, phone number) through the stored grant: the card's Check connection" })
  refreshZoomConnection(@CurrentPrincipal() principal: Principal): Promise<ZoomConnection> {
    return this.connections.refreshProfile(principal);
  }

  @Subscription(() => ZoomConnection, {
    description: "The caller's Zoom connection whenever it changes (connected, needs reconnect, disconnected)",
    filter: (message: ZoomConnectionChanged, _variables: unknown, context: GraphQLContext) => message.userId === context.principal?.userId,
    resolve: (message: ZoomConnectionChanged) => ({ ...message.connection, connectedAt: message.connection.connectedAt ? new Date(message.connection.connectedAt) : null }),
  })
  zoomConnectionChanged() {
    return this.liveEvents.iterator<ZoomConnectionChanged>([ZOOM_CONNECTION_CHANGED]);
  }
}
