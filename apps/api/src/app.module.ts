import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { ActivityModule } from './activity';
import { AuthModule, AuthService, LiveConnectionsService } from './auth';
import { BookingModule } from './booking';
import { CrmModule } from './crm';
import { dataSourceOptions, webhookIntakeDataSourceOptions } from './database';
import { graphqlOptions } from './graphql.config';
import { IntegrationHealthModule } from './integration-health';
import { MeetingsModule } from './meetings';
import { PhoneModule } from './phone';
import type { AppConfig } from './platform/config/app-config';
import { GraphQLExceptionFilter } from './platform/graphql/error-logging';
import { PlatformModule } from './platform/platform.module';
import { redisConnectionOptions } from './platform/redis/redis';
import { RecordingsModule } from './recordings';
import { TasksModule } from './tasks';
import { TranscriptionModule } from './transcription';
import { WebhookModule } from './webhook';
import { ZoomModule } from './zoom';

/** One codebase, three roles: `http` serves GraphQL and Zoom's HTTP endpoints, `worker` runs queues and crons. */
@Module({})
export class AppModule {
  static register(config: AppConfig, logger: Logger): DynamicModule {
    const http = config.role !== 'worker';
    const worker = config.role !== 'http';
    return {
      module: AppModule,
      imports: [
        // A worker serves no other HTTP, so its metrics get a port of their own.
        PlatformModule.forRoot(config, logger, { http, workerMetrics: !http }),
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl)),
        ...(http ? [TypeOrmModule.forRoot(webhookIntakeDataSourceOptions(config.databaseUrl))] : []),
        BullModule.forRoot({ connection: redisConnectionOptions(config.redisUrl), prefix: `${config.redisPrefix}:bull` }),
        ...(worker ? [ScheduleModule.forRoot()] : []),
        ...(http
          ? [
              GraphQLModule.forRootAsync<ApolloDriverConfig>({
                driver: ApolloDriver,
                imports: [AuthModule],
                inject: [AuthService, LiveConnectionsService],
                useFactory: (auth: AuthService, liveConnections: LiveConnectionsService) => graphqlOptions(auth, liveConnections, logger, config),
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
        BookingModule.register({ http }),
        RecordingsModule.register({ http, worker }),
        TranscriptionModule.register({ http, worker }),
        TasksModule.register({ http }),
        ...(http ? [IntegrationHealthModule] : []),
      ],
      providers: http ? [{ provide: APP_FILTER, useClass: GraphQLExceptionFilter }] : [],
    };
  }
}
