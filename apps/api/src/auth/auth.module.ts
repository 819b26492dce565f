import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GraphQLAuthGuard } from './auth.guard';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { ApiToken } from './entities/api-token.entity';
import { Invite } from './entities/invite.entity';
import { Organisation } from './entities/organisation.entity';
import { Session } from './entities/session.entity';
import { User } from './entities/user.entity';
import { InvitesService } from './invites.service';
import { LiveConnectionsService } from './live-connections.service';
import { LoginRateLimiter } from './login-rate-limiter';
import { OnboardingResolver } from './onboarding.resolver';
import { OrganisationSignupService } from './organisation-signup.service';
import { InvitesResolver, PeopleResolver } from './people.resolver';
import { PeopleService } from './people.service';
import { TokenHasher } from './token-hasher';

@Module({
  imports: [TypeOrmModule.forFeature([Organisation, User, Session, ApiToken, Invite])],
  providers: [
    AuthService,
    AuthResolver,
    LoginRateLimiter,
    LiveConnectionsService,
    PeopleService,
    PeopleResolver,
    InvitesService,
    InvitesResolver,
    OrganisationSignupService,
    OnboardingResolver,
    TokenHasher,
    { provide: APP_GUARD, useClass: GraphQLAuthGuard },
  ],
  exports: [AuthService, LiveConnectionsService],
})
export class AuthModule {}
