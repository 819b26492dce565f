import { createServer, type Server } from 'node:http';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LOGGER } from '../logging/logger';
import { METRICS_PATH, MetricsEndpoint } from './metrics-endpoint';

/**
 * The worker role's one HTTP listener: `GET /metrics` on METRICS_PORT, for Prometheus to scrape. Nothing else is
 * served there (404), so it adds no surface beyond the metrics themselves. A port already taken stops the boot.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: Server | null = null;

  constructor(
    private readonly endpoint: MetricsEndpoint,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((request, response) => {
      const path = (request.url ?? '').split('?')[0];
      if (request.method === 'GET' && path === METRICS_PATH) return void this.endpoint.serve(request, response);
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Only GET ${METRICS_PATH} here\n`);
    });
    await new Promise<void>((resolve, reject) => {
      const refused = (error: Error) => reject(new Error(`METRICS_PORT ${this.config.metrics.port}: ${error.message}`));
      server.once('error', refused);
      server.listen(this.config.metrics.port, this.config.host, () => {
        server.off('error', refused);
        resolve();
      });
    });
    server.on('error', (error) => this.logger.warn({ err: error.message }, 'Worker metrics server error'));
    this.server = server;
    this.logger.info({ port: this.config.metrics.port }, `Worker metrics at ${METRICS_PATH}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
