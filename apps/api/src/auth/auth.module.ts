import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GraphQLAuthGuard } from './auth.guard';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { ApiToken } from './entities/api-token.entity';
import { Organisation } from './entities/organisation.entity';
import { Session } from './entities/session.entity';
import { User } from './entities/user.entity';
import { LiveConnectionsService } from './live-connections.service';
import { LoginRateLimiter } from './login-rate-limiter';

@Module({
  imports: [TypeOrmModule.forFeature([Organisation, User, Session, ApiToken])],
  providers: [AuthService, AuthResolver, LoginRateLimiter, LiveConnectionsService, { provide: APP_GUARD, useClass: GraphQLAuthGuard }],
  exports: [AuthService, LiveConnectionsService],
})
export class AuthModule {}
