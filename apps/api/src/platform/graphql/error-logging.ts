import type { ApolloServerPlugin } from '@apollo/server';
import { type ArgumentsHost, Catch, Inject } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';
import { ZoomError } from '@switchboard/zoom';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { LOGGER } from '../logging/logger';
import { ErrorCode } from './errors';

/** Our codes and Apollo's for requests it refuses itself: the caller asked for something wrong, nothing broke. */
const USER_ERROR_CODES: ReadonlySet<unknown> = new Set([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

type ErrorKind = 'user' | 'zoom' | 'bug';

const causeOf = (error: unknown): unknown => (error instanceof GraphQLError && error.originalError ? error.originalError : error);

/** A Zoom failure (mapped to a code the user can act on by formatError), a refusal of ours, or a bug. */
function errorKind(error: unknown): ErrorKind {
  if (causeOf(error) instanceof ZoomError) return 'zoom';
  return error instanceof GraphQLError && USER_ERROR_CODES.has(error.extensions.code) ? 'user' : 'bug';
}

/**
 * One log line per request that had errors, however many fields (or aliases of one field) failed: refusals at
 * info, Zoom failures at warn, bugs at error with the first one's stack. Runs before formatError, so it sees the
 * errors as thrown.
 */
export function errorLoggingPlugin(logger: Logger): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, operationName, request }) {
          const kinds = errors.map(errorKind);
          const errorCodes: Record<string, number> = {};
          for (const error of errors) {
            const name = String(error.extensions.code ?? 'INTERNAL_SERVER_ERROR');
            errorCodes[name] = (errorCodes[name] ?? 0) + 1;
          }
          const summary = { operation: operationName ?? request.operationName ?? null, errors: errors.length, errorCodes, path: errors[0].path };
          const bug = errors[kinds.indexOf('bug')];
          if (bug) return logger.error({ ...summary, err: causeOf(bug), path: bug.path }, 'GraphQL resolver failed');
          const zoom = causeOf(errors[kinds.indexOf('zoom')]);
          if (zoom instanceof ZoomError) {
            return logger.warn({ ...summary, kind: zoom.kind, status: zoom.status, zoomCode: zoom.zoomCode, endpoint: zoom.endpoint }, 'Zoom call failed');
          }
          logger.info({ ...summary, message: errors[0].message }, 'GraphQL request refused');
        },
      };
    },
  };
}

/**
 * Nest logs every exception a resolver throws, at error level, once per field: a wrong password, or a thousand
 * aliases of one refused field, would each be an error line. GraphQL errors go on to Apollo untouched instead
 * (errorLoggingPlugin logs the request once); on graphql-ws, which Apollo's plugins do not see, bugs are logged
 * here. Every other transport keeps Nest's default handling.
 */
@Catch()
export class GraphQLExceptionFilter extends BaseExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() !== 'graphql') return super.catch(exception, host);
    const context = host.getArgByIndex<{ transport?: string } | undefined>(2);
    if (context?.transport === 'ws' && errorKind(exception) === 'bug') this.logger.error({ err: exception }, 'GraphQL subscription resolver failed');
    return exception;
  }
}
