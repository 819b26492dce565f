import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloDriver } from '@nestjs/apollo';
import { ZoomError } from '@switchboard/zoom';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Context } from 'graphql-ws';
import type { Logger } from 'pino';
import { AuthService, credentialFromHeaders, readCookie } from './auth/auth.service';
import type { GraphQLContext } from './auth/graphql-context';
import { LiveConnectionsService } from './auth/live-connections.service';
import { zoomFailure } from './platform/graphql/errors';
import { type Principal, SESSION_COOKIE } from './auth/principal';
import type { IncomingMessage } from 'node:http';
import type { Request, Response } from 'express';

interface SocketExtra {
  request: IncomingMessage;
  socket: { close(code?: number, reason?: string): void };
  principal?: Principal;
}
type WsContext = Context<Record<string, unknown> | undefined, SocketExtra>;

// graphql-ws contexts carry the socket in `extra`; `connectionParams` is absent when connection_init had no payload.
const isWsContext = (value: unknown): value is WsContext =>
  typeof value === 'object' && value !== null && 'extra' in value && typeof value.extra === 'object' && value.extra !== null && 'socket' in value.extra;

/**
 * Zoom failures become codes the user can act on; any other error without a code of ours is a bug: the client
 * gets a generic message, the log gets the detail.
 */
function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') return formatted;
    const cause = error instanceof GraphQLError ? error.originalError : error;
    if (cause instanceof ZoomError) {
      logger.warn({ kind: cause.kind, status: cause.status, zoomCode: cause.zoomCode, endpoint: cause.endpoint, path: formatted.path }, 'Zoom call failed');
      const mapped = zoomFailure(cause);
      return { message: mapped.message, path: formatted.path, extensions: mapped.extensions };
    }
    logger.error({ err: error, path: formatted.path }, 'GraphQL resolver failed');
    return { message: 'Something went wrong on our side', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

export function graphqlOptions(auth: AuthService, liveConnections: LiveConnectionsService, logger: Logger): ApolloDriverConfig {
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    playground: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: formatError(logger),
    context: (input: { req?: Request; res?: Response } | WsContext): GraphQLContext => {
      if (isWsContext(input)) return { transport: 'ws', principal: input.extra.principal as Principal };
      return { transport: 'http', req: input.req as Request, res: input.res as Response };
    },
    subscriptions: {
      'graphql-ws': {
        path: '/graphql',
        // graphql-ws clients send { authorization: "Bearer <token>" }; browsers may rely on the session cookie.
        onConnect: async (context: WsContext) => {
          const authorization = context.connectionParams?.authorization;
          const token =
            typeof authorization === 'string'
              ? credentialFromHeaders({ authorization })
              : readCookie(context.extra.request.headers.cookie, SESSION_COOKIE);
          const principal = await auth.authenticate(token);
          if (!principal) return false;
          context.extra.principal = principal;
          liveConnections.track(principal.credential.id, context.extra.socket);
          return true;
        },
        onClose: (context: WsContext) => {
          const principal = context.extra.principal;
          if (principal) liveConnections.untrack(principal.credential.id, context.extra.socket);
        },
      },
    },
  } as ApolloDriverConfig;
}
