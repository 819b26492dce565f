import type { Request, Response } from 'express';
import type { Principal } from './principal';

/** What resolvers see: an HTTP request (principal resolved lazily by the guard) or a graphql-ws connection. */
export type GraphQLContext =
  | { transport: 'http'; req: Request; res: Response; principal?: Principal | null }
  | { transport: 'ws'; principal: Principal };
