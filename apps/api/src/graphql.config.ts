import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver } from '@nestjs/apollo';
import { ZoomError } from '@switchboard/zoom';
import { type DocumentNode, GraphQLError, type GraphQLFormattedError, type GraphQLSchema, specifiedRules, validate } from 'graphql';
import type { Context } from 'graphql-ws';
import type { Logger } from 'pino';
import { AuthService, credentialFromHeaders, readCookie } from './auth/auth.service';
import type { GraphQLContext } from './auth/graphql-context';
import { LiveConnectionsService } from './auth/live-connections.service';
import type { AppConfig } from './platform/config/app-config';
import { errorLoggingPlugin } from './platform/graphql/error-logging';
import { zoomFailure } from './platform/graphql/errors';
import { graphqlLimits, limitRefusal } from './platform/graphql/limits';
import { cleanStringArguments } from './platform/graphql/string-arguments';
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
 * Zoom failures become codes the user can act on; a limit refused (Apollo files it under GRAPHQL_VALIDATION_FAILED)
 * is BAD_USER_INPUT; any other error without a code of ours is a bug: the client gets a generic message.
 * Logging is errorLoggingPlugin's, once per request.
 */
function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const refused = limitRefusal(formatted);
  if (refused) return refused;
  if (formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') return formatted;
  const cause = error instanceof GraphQLError ? error.originalError : error;
  if (cause instanceof ZoomError) {
    const mapped = zoomFailure(cause);
    return { message: mapped.message, path: formatted.path, extensions: mapped.extensions };
  }
  return { message: 'Something went wrong on our side', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

export function graphqlOptions(auth: AuthService, liveConnections: LiveConnectionsService, logger: Logger, config: AppConfig): ApolloDriverConfig {
  const limits = graphqlLimits({ production: config.production });
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    transformSchema: cleanStringArguments,
    playground: false,
    // For development tools and tests; production does not hand the schema out (docs/architecture.md, "Introspection").
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    // No cache hints are used, and Apollo's cache-control plugin would wrap every field's resolver to look for them.
    plugins: [ApolloServerPluginCacheControlDisabled(), ...limits.plugins, errorLoggingPlugin(logger)],
    formatError,
    context: (input: { req?: Request; res?: Response } | WsContext): GraphQLContext => {
      if (isWsContext(input)) return { transport: 'ws', principal: input.extra.principal as Principal };
      return { transport: 'http', req: input.req as Request, res: input.res as Response };
    },
    subscriptions: {
      'graphql-ws': {
        path: '/graphql',
        // Apollo's validation rules do not reach graphql-ws: a subscription's selection is held to the same depth and alias limits.
        validate: (schema: GraphQLSchema, document: DocumentNode) => validate(schema, document, [...specifiedRules, ...limits.validationRules]),
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
