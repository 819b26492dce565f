import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '../activity/activity.module';
import { AuthModule } from '../auth/auth.module';
import { ZoomConnectionEntity, ZoomTokenEntity } from './entities/zoom-connection.entity';
import { IntegrationHealthResolver } from './integration-health.resolver';
import { ZoomClients } from './zoom-clients';
import { ZoomConnectionService } from './zoom-connection.service';
import { ZoomDeauthorizationHandler } from './zoom-deauthorization.handler';
import { ZoomOAuthController } from './zoom-oauth.controller';
import { ZoomTokenManager } from './zoom-token.manager';
import { ZoomResolver } from './zoom.resolver';

/** Zoom connections per user: OAuth, tokens, status and removal. Other modules call ZoomConnectionService. */
@Module({})
export class ZoomModule {
  static register(options: { http: boolean }): DynamicModule {
    return {
      module: ZoomModule,
      // Global: call, meeting and recording modules ask it whose Zoom user an event is about.
      global: true,
      imports: [TypeOrmModule.forFeature([ZoomConnectionEntity, ZoomTokenEntity]), AuthModule, ActivityModule],
      controllers: options.http ? [ZoomOAuthController] : [],
      providers: [ZoomClients, ZoomTokenManager, ZoomConnectionService, ZoomDeauthorizationHandler, ...(options.http ? [ZoomResolver, IntegrationHealthResolver] : [])],
      exports: [ZoomConnectionService],
    };
  }
}
