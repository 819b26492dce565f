export { AuthModule } from './auth.module';
export { AuthService, credentialFromHeaders, readCookie } from './auth.service';
export { LiveConnectionsService } from './live-connections.service';
export { CurrentPrincipal, Public, RequireRole } from './auth.guard';
export { type Principal, SESSION_COOKIE } from './principal';
export { clientAddress, type GraphQLContext } from './graphql-context';
export { User } from './entities/user.entity';
export { userById } from './user-loader';
