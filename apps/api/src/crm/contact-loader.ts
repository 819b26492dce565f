import { type LoaderScope, loadById } from '../platform/graphql/request-loaders';
import type { ContactsService } from './contacts.service';
import { Contact } from './entities/contact.entity';

/** The request's one loader of an organisation's contacts by id: every contact field of a request shares its query. */
export function contactById(scope: LoaderScope, contacts: ContactsService, organisationId: string) {
  return loadById(scope, Contact.name, organisationId, (organisation, ids) => contacts.findMany(organisation, ids));
}
