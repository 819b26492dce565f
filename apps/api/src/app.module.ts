import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { ActivityModule } from './activity/activity.module';
import { AuthModule } from './auth/auth.module';
import { AuthService } from './auth/auth.service';
import { LiveConnectionsService } from './auth/live-connections.service';
import { CrmModule } from './crm/crm.module';
import { MeetingsModule } from './meetings/meetings.module';
import { dataSourceOptions } from './database';
import { graphqlOptions } from './graphql.config';
import type { AppConfig } from './platform/config/app-config';
import { PhoneModule } from './phone/phone.module';
import { PlatformModule } from './platform/platform.module';
import { TranscriptionModule } from './transcription/transcription.module';
import { redisConnectionOptions } from './platform/redis/redis';
import { WebhookModule } from './webhook/webhook.module';
import { ZoomModule } from './zoom/zoom.module';

/** One codebase, three roles: `http` serves GraphQL and Zoom's HTTP endpoints, `worker` runs queues and crons. */
@Module({})
export class AppModule {
  static register(config: AppConfig, logger: Logger): DynamicModule {
    const http = config.role !== 'worker';
    const worker = config.role !== 'http';
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(config, logger, { http }),
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl)),
        BullModule.forRoot({ connection: redisConnectionOptions(config.redisUrl), prefix: `${config.redisPrefix}:bull` }),
        ...(worker ? [ScheduleModule.forRoot()] : []),
        ...(http
          ? [
              GraphQLModule.forRootAsync<ApolloDriverConfig>({
                driver: ApolloDriver,
                imports: [AuthModule],
                inject: [AuthService, LiveConnectionsService],
                useFactory: (auth: AuthService, liveConnections: LiveConnectionsService) => graphqlOptions(auth, liveConnections, logger),
              }),
            ]
          : []),
        AuthModule,
        CrmModule,
        ActivityModule,
        ZoomModule.register({ http }),
        WebhookModule.register({ http, worker }),
        PhoneModule.register({ http, worker }),
        MeetingsModule.register({ http }),
        TranscriptionModule.register({ http, worker }),
      ],
    };
  }
}
