import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { TokenCipher } from './crypto/token-cipher';
import { HealthController } from './health/health.controller';
import { LOGGER } from './logging/logger';
import { MailService } from './mail/mail.service';
import { LiveEventsService } from './redis/live-events.service';
import { createRedis, REDIS } from './redis/redis';

/** Config, logging, Redis, cross-process events, crypto and mail: what every other module may inject. */
@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  static forRoot(config: AppConfig, logger: Logger, options: { http: boolean }): DynamicModule {
    return {
      module: PlatformModule,
      controllers: options.http ? [HealthController] : [],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: REDIS, useFactory: () => createRedis(config.redisUrl) },
        { provide: LiveEventsService, useFactory: () => LiveEventsService.connect(config.redisUrl, config.redisPrefix) },
        { provide: TokenCipher, useFactory: () => new TokenCipher(config.tokenEncryptionKey) },
        MailService,
      ],
      exports: [APP_CONFIG, LOGGER, REDIS, LiveEventsService, TokenCipher, MailService],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
