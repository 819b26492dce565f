import { type LoaderScope, loadById } from '../platform/graphql/request-loaders';
import type { AuthService } from './auth.service';
import { User } from './entities/user.entity';

/** The request's one loader of an organisation's users by id: every owner, host and inviter field of a request shares its query. */
export function userById(scope: LoaderScope, auth: AuthService, organisationId: string) {
  return loadById(scope, User.name, organisationId, (organisation, ids) => auth.usersByIds(organisation, ids));
}
