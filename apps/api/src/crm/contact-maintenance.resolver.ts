import { Args, Field, ID, Mutation, ObjectType, Query, Resolver, Subscription } from '@nestjs/graphql';
import { CurrentPrincipal, type Principal } from '../auth';
import { LiveEventsService } from '../platform/redis/live-events.service';
import { CONTACT_DELETED, type ContactDeletedMessage } from './contact-events';
import { ContactImportService } from './contact-import.service';
import { ContactsService } from './contacts.service';
import { ContactImportReport } from './dto/contact-import.model';
import { Contact } from './entities/contact.entity';
import { inSubscribersOrganisation } from './organisation-filter';

@ObjectType()
export class ContactDeletion {
  @Field(() => ID)
  contactId: string;

  @Field(() => [ID], { description: 'The deals that were the contact\'s and now have no contact' })
  dealIds: string[];
}

/** Duplicate checks, CSV import and the live notice of a deleted contact. */
@Resolver()
export class ContactMaintenanceResolver {
  constructor(
    private readonly contactsService: ContactsService,
    private readonly importService: ContactImportService,
    private readonly liveEvents: LiveEventsService,
  ) {}

  @Query(() => [Contact], { description: 'Contacts with one of these emails (any letter case) or phone numbers (same E.164), but excludeId' })
  contactDuplicates(
    @CurrentPrincipal() principal: Principal,
    @Args('emails', { type: () => [String], nullable: true }) emails?: string[],
    @Args('phones', { type: () => [String], nullable: true }) phones?: string[],
    @Args('excludeId', { type: () => ID, nullable: true }) excludeId?: string,
  ): Promise<Contact[]> {
    return this.contactsService.duplicates(principal, { emails, phones, excludeId });
  }

  @Mutation(() => ContactImportReport, { description: 'CSV with a header line (First name, Last name, Email, Phone, Stage, Tags, Lead source, ...); at most 5,000 rows and 2 MB' })
  importContacts(
    @CurrentPrincipal() principal: Principal,
    @Args('csv') csv: string,
    @Args('dryRun', { type: () => Boolean }) dryRun: boolean,
  ): Promise<ContactImportReport> {
    return this.importService.importCsv(principal, csv, dryRun);
  }

  @Subscription(() => ContactDeletion, {
    filter: inSubscribersOrganisation,
    resolve: (message: ContactDeletedMessage) => message,
  })
  contactDeleted() {
    return this.liveEvents.iterator<ContactDeletedMessage>([CONTACT_DELETED]);
  }
}
