import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { contactDisplayName } from '@switchboard/crm-domain';
import { AuthService, CurrentPrincipal, type Principal, User } from '../auth';
import { type Connection, Paginated } from '../platform/graphql/pagination';
import { ContactsService } from './contacts.service';
import { DealsService } from './deals.service';
import { ContactInput, DealInput } from './dto/contact.input';
import { Contact } from './entities/contact.entity';
import { Deal } from './entities/deal.entity';

const ContactConnection = Paginated(Contact);

async function ownerOf(auth: AuthService, record: { organisationId: string; ownerId: string | null }): Promise<User | null> {
  return record.ownerId ? ((await auth.usersByIds(record.organisationId, [record.ownerId]))[0] ?? null) : null;
}

@Resolver(() => Contact)
export class ContactsResolver {
  constructor(
    private readonly contactsService: ContactsService,
    private readonly dealsService: DealsService,
    private readonly auth: AuthService,
  ) {}

  @Query(() => ContactConnection)
  contacts(
    @CurrentPrincipal() principal: Principal,
    @Args('search', { nullable: true }) search?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<Connection<Contact>> {
    return this.contactsService.list(principal, { search, first, after });
  }

  @Query(() => Contact, { nullable: true })
  contact(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<Contact | null> {
    return this.contactsService.get(principal, id);
  }

  @Query(() => [Contact], { description: 'Every contact with this number, in any format' })
  contactByPhone(@CurrentPrincipal() principal: Principal, @Args('number') number: string): Promise<Contact[]> {
    return this.contactsService.byPhone(principal, number);
  }

  @Mutation(() => Contact)
  createContact(@CurrentPrincipal() principal: Principal, @Args('input') input: ContactInput): Promise<Contact> {
    return this.contactsService.create(principal, input);
  }

  @Mutation(() => Contact)
  updateContact(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: ContactInput,
  ): Promise<Contact> {
    return this.contactsService.update(principal, id, input);
  }

  @Mutation(() => Boolean)
  deleteContact(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.contactsService.remove(principal, id);
  }

  @ResolveField(() => String)
  name(@Parent() contact: Contact): string {
    return contactDisplayName(contact.firstName, contact.lastName);
  }

  @ResolveField(() => User, { nullable: true })
  owner(@Parent() contact: Contact): Promise<User | null> {
    return ownerOf(this.auth, contact);
  }

  @ResolveField('deals', () => [Deal])
  contactDeals(@CurrentPrincipal() principal: Principal, @Parent() contact: Contact): Promise<Deal[]> {
    return this.dealsService.list(principal, { contactId: contact.id, first: 100 });
  }
}

@Resolver(() => Deal)
export class DealsResolver {
  constructor(
    private readonly dealsService: DealsService,
    private readonly contactsService: ContactsService,
    private readonly auth: AuthService,
  ) {}

  @Query(() => [Deal])
  deals(
    @CurrentPrincipal() principal: Principal,
    @Args('contactId', { type: () => ID, nullable: true }) contactId?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
  ): Promise<Deal[]> {
    return this.dealsService.list(principal, { contactId, first });
  }

  @Query(() => Deal, { nullable: true })
  async deal(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<Deal | null> {
    return (await this.dealsService.findMany(principal.organisationId, [id]))[0] ?? null;
  }

  @Mutation(() => Deal)
  createDeal(@CurrentPrincipal() principal: Principal, @Args('input') input: DealInput): Promise<Deal> {
    return this.dealsService.create(principal, input);
  }

  @Mutation(() => Deal)
  updateDeal(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: DealInput,
  ): Promise<Deal> {
    return this.dealsService.update(principal, id, input);
  }

  @ResolveField(() => Contact, { nullable: true })
  async contact(@CurrentPrincipal() principal: Principal, @Parent() deal: Deal): Promise<Contact | null> {
    return deal.contactId ? this.contactsService.get(principal, deal.contactId) : null;
  }

  @ResolveField(() => User, { nullable: true })
  owner(@Parent() deal: Deal): Promise<User | null> {
    return ownerOf(this.auth, deal);
  }
}
