import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LOGGER } from '../logging/logger';
import { MetricsRegistry } from './metrics-registry';

export const METRICS_PATH = '/metrics';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * `GET /metrics`, answered the same on the http port (MetricsController) and on a worker's METRICS_PORT
 * (WorkerMetricsServer). With METRICS_TOKEN set it asks for `Authorization: Bearer <token>`: on the http role the
 * path shares the public port that the Ingress exposes, and the metrics tell an outsider how busy the service is
 * and how its Zoom connections fare.
 */
@Injectable()
export class MetricsEndpoint {
  private readonly expectedAuthorization: Buffer | null;

  constructor(
    private readonly metrics: MetricsRegistry,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.expectedAuthorization = config.metrics.bearerToken ? digest(`Bearer ${config.metrics.bearerToken}`) : null;
  }

  async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!this.authorised(request.headers.authorization)) {
      response.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"' });
      response.end('/metrics needs Authorization: Bearer <METRICS_TOKEN>\n');
      return;
    }
    try {
      const body = await this.metrics.exposition();
      response.writeHead(200, { 'content-type': this.metrics.contentType, 'cache-control': 'no-store' });
      response.end(body);
    } catch (error) {
      // Every reading is bounded and never throws; this is for a bug, which must answer the scrape, not crash the process.
      this.logger.error({ err: (error as Error).message }, 'Could not render the metrics');
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('metrics unavailable\n');
    }
  }

  /** Compared as digests, in constant time, so the comparison says nothing about the token's length or prefix. */
  private authorised(authorization: string | undefined): boolean {
    if (!this.expectedAuthorization) return true;
    return authorization !== undefined && timingSafeEqual(digest(authorization), this.expectedAuthorization);
  }
}
