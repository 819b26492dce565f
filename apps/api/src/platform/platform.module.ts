import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { TokenCipher } from './crypto/token-cipher';
import { HealthController } from './health/health.controller';
import { LOGGER } from './logging/logger';
import { MailService } from './mail/mail.service';
import { MetricsEndpoint } from './observability/metrics-endpoint';
import { MetricsRegistry } from './observability/metrics-registry';
import { MetricsController } from './observability/metrics.controller';
import { QueueDepthMetrics } from './observability/queue-depth.metrics';
import { Tracing } from './observability/tracing';
import { WorkerMetricsServer } from './observability/worker-metrics.server';
import { LiveEventsService } from './redis/live-events.service';
import { createRedis, REDIS } from './redis/redis';

/**
 * Config, logging, Redis, cross-process events, crypto, mail and observability (traces, /metrics): what every other
 * module may inject.
 */
@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** `workerMetrics`: serve /metrics on METRICS_PORT, for the worker role (the CLI's commands serve nothing). */
  static forRoot(config: AppConfig, logger: Logger, options: { http: boolean; workerMetrics?: boolean }): DynamicModule {
    return {
      module: PlatformModule,
      imports: [DiscoveryModule],
      controllers: options.http ? [HealthController, MetricsController] : [],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: REDIS, useFactory: () => createRedis(config.redisUrl) },
        { provide: LiveEventsService, useFactory: () => LiveEventsService.connect(config.redisUrl, config.redisPrefix) },
        { provide: TokenCipher, useFactory: () => new TokenCipher(config.tokenEncryptionKey, config.tokenEncryptionPreviousKeys) },
        MailService,
        { provide: Tracing, useFactory: () => Tracing.start(config.tracing, logger) },
        MetricsRegistry,
        MetricsEndpoint,
        QueueDepthMetrics,
        ...(options.workerMetrics ? [WorkerMetricsServer] : []),
      ],
      exports: [APP_CONFIG, LOGGER, REDIS, LiveEventsService, TokenCipher, MailService, MetricsRegistry],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
