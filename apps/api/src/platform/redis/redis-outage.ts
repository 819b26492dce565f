import { Logger } from '@nestjs/common';

/** What emits a Redis connection's events: ioredis itself, BullMQ's queues and workers. */
interface RedisEvents {
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'ready' | 'end', listener: () => void): unknown;
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);
/** ioredis's and BullMQ's words for a connection that is not there or does not answer (not a command Redis refused). */
const UNREACHABLE_MESSAGES = /connect ETIMEDOUT|Connection is closed|Stream isn't writeable|Reached the max retries per request limit|Command timed out/;

export function isRedisUnreachable(error: Error): boolean {
  const { code } = error as Error & { code?: string };
  return (code !== undefined && UNREACHABLE_CODES.has(code)) || error.name === 'MaxRetriesPerRequestError' || UNREACHABLE_MESSAGES.test(error.message);
}

/** An AggregateError (both addresses of "localhost" refused) has no message of its own. */
const describe = (error: Error) => error.message || (error as Error & { code?: string }).code || error.name;

/**
 * This process's view of whether Redis is reachable, fed by every Redis connection it holds (commands, the two
 * live-event connections, BullMQ's queues and workers). The first connection to fail starts an outage, logged once
 * as a warning; it ends, logged once, when every connection that failed is ready again. Unheard, ioredis prints
 * "Unhandled error event" for each connection on each reconnection attempt, and a listener that logs each error
 * writes as much: dozens of lines a second that bury what happened. Nothing here is needed by another process.
 */
export class RedisOutage {
  /** The connections failing now, each by the object that reported it. */
  private readonly failing = new Set<object>();
  private startedAt = 0;
  private droppedEvents = 0;

  constructor(private readonly logger: Pick<Logger, 'warn' | 'log'> = new Logger('Redis')) {}

  get inProgress(): boolean {
    return this.failing.size > 0;
  }

  /** An error of `connection`: part of an outage when it says Redis is out of reach, else `otherError`'s to log. */
  heard(connection: object, name: string, error: Error, otherError: (error: Error) => void = (other) => this.logger.warn(`Redis ${name}: ${describe(other)}`)): void {
    if (isRedisUnreachable(error)) this.failed(connection, name, describe(error));
    else otherError(error);
  }

  /** `connection` cannot reach Redis: the first such connection starts an outage. */
  failed(connection: object, name: string, reason: string): void {
    if (!this.inProgress) {
      this.startedAt = Date.now();
      this.droppedEvents = 0;
      this.logger.warn(
        `Redis is unreachable (${name}: ${reason}); until it is back live updates are not delivered, Zoom events and jobs wait in PostgreSQL, and login attempts are counted per process`,
      );
    }
    this.failing.add(connection);
  }

  /** `connection` is ready (again), or closed for good: either way it no longer keeps the outage going. */
  recovered(connection: object): void {
    if (!this.failing.delete(connection) || this.inProgress) return;
    const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(1);
    this.logger.log(`Redis is reachable again after ${seconds} s; ${this.droppedEvents} live events could not be delivered meanwhile`);
  }

  /** A live event published to nobody: counted into the outage's closing line, or logged when no outage explains it. */
  dropped(event: string, error?: Error): void {
    if (this.inProgress) this.droppedEvents += 1;
    else this.logger.warn(`Could not publish the live event ${event} (${error ? describe(error) : 'no connection'}); the change it announces is stored`);
  }

  /** Hears an ioredis client's errors, reconnections and end under `name`. */
  watch(client: RedisEvents, name: string): void {
    client.on('error', (error) => this.heard(client, name, error));
    client.on('ready', () => this.recovered(client));
    client.on('end', () => this.recovered(client));
  }
}

/** One per process: an outage is one event however many connections notice it. */
export const redisOutage = new RedisOutage();
