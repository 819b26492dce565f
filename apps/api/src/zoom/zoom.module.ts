import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '../activity';
import { AuthModule } from '../auth';
import { WebhookModule } from '../webhook';
import { ZoomConnectionEntity, ZoomTokenEntity } from './entities/zoom-connection.entity';
import { ZoomClients } from './zoom-clients';
import { ZoomConnectionService } from './zoom-connection.service';
import { ZoomDeauthorizationHandler } from './zoom-deauthorization.handler';
import { ZoomOAuthController } from './zoom-oauth.controller';
import { ZoomTokenManager } from './zoom-token.manager';
import { ZoomTokenKeyRotationService } from './zoom-token-key-rotation.service';
import { ZoomTokenRepository } from './zoom-token.repository';
import { ZoomResolver } from './zoom.resolver';

/** Re-sealing the stored tokens with the current TOKEN_ENCRYPTION_KEY, for `cli rotate-token-key` and `check-token-keys`. */
@Module({
  imports: [TypeOrmModule.forFeature([ZoomConnectionEntity, ZoomTokenEntity])],
  providers: [ZoomTokenRepository, ZoomTokenKeyRotationService],
  exports: [ZoomTokenKeyRotationService],
})
export class ZoomTokenKeysModule {}

/** What a process runs of zoom besides ZoomModule, by role: the OAuth callback and the Zoom card on http. */
@Module({})
class ZoomRoleModule {}

/**
 * Zoom connections per user: OAuth, tokens, status and removal. Other modules import it as is and call
 * ZoomConnectionService, one instance however many import it; the app imports `register()`, which adds the role's parts.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ZoomConnectionEntity, ZoomTokenEntity]), ActivityModule, AuthModule, WebhookModule],
  providers: [ZoomClients, ZoomTokenManager, ZoomConnectionService, ZoomDeauthorizationHandler],
  exports: [ZoomConnectionService],
})
export class ZoomModule {
  static register(options: { http: boolean }): DynamicModule {
    return {
      module: ZoomRoleModule,
      imports: [ZoomModule, AuthModule],
      controllers: options.http ? [ZoomOAuthController] : [],
      providers: options.http ? [ZoomResolver] : [],
    };
  }
}
