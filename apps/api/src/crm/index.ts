export { CrmModule } from './crm.module';
export { type ContactRemovalStep, ContactsService, escapeLike } from './contacts.service';
export { DealsService } from './deals.service';
export { Contact } from './entities/contact.entity';
export { contactById } from './contact-loader';
export { Deal } from './entities/deal.entity';
