import type { Request, Response } from 'express';
import type { Principal } from './principal';

/** What resolvers see: an HTTP request (principal resolved lazily by the guard) or a graphql-ws connection. */
export type GraphQLContext =
  | { transport: 'http'; req: Request; res: Response; principal?: Principal | null }
  | { transport: 'ws'; principal: Principal };

/** The client's address as Express sees it through the trusted proxies; subscriptions over a socket share one. */
export function clientAddress(context: GraphQLContext): string {
  return context.transport === 'http' ? (context.req.ip ?? 'unknown') : 'ws';
}
