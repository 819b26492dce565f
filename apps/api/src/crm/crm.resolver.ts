import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { InjectRepository } from '@nestjs/typeorm';
import { type ContactStage, contactDisplayName, type DealStage } from '@switchboard/crm-domain';
import { Repository } from 'typeorm';
import { AuthService, CurrentPrincipal, type GraphQLContext, type Principal, User, userById } from '../auth';
import { ContactStageEnum, DealStageEnum } from '../platform/graphql/enums';
import { type Connection, MAX_PAGE_SIZE, Paginated } from '../platform/graphql/pagination';
import { loadGroupedBy } from '../platform/graphql/request-loaders';
import { LiveEventsService } from '../platform/redis/live-events.service';
import { contactById } from './contact-loader';
import { ContactsService } from './contacts.service';
import { DEAL_CHANGED, type DealMessage, fromDealMessage } from './deal-events';
import { DealsService } from './deals.service';
import { ContactActivitiesOnDelete, ContactOrder } from './dto/contact-enums';
import { ContactInput, DealInput } from './dto/contact.input';
import { Contact } from './entities/contact.entity';
import { Deal } from './entities/deal.entity';
import { inSubscribersOrganisation } from './organisation-filter';

const ContactConnection = Paginated(Contact);

/** A contact's or deal's owner, through the request's one user loader (Activity.owner shares it). */
async function ownerOf(auth: AuthService, context: GraphQLContext, record: { organisationId: string; ownerId: string | null }): Promise<User | null> {
  if (!record.ownerId) return null;
  return userById(context, auth, record.organisationId).load(record.ownerId);
}

@Resolver(() => Contact)
export class ContactsResolver {
  constructor(
    private readonly contactsService: ContactsService,
    private readonly auth: AuthService,
    @InjectRepository(Deal) private readonly deals: Repository<Deal>,
  ) {}

  @Query(() => ContactConnection)
  contacts(
    @CurrentPrincipal() principal: Principal,
    @Args('search', { nullable: true }) search?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
    @Args('stage', { type: () => ContactStageEnum, nullable: true }) stage?: ContactStage,
    @Args('stages', { type: () => [ContactStageEnum], nullable: true, description: 'Any of these stages (with stage: either)' }) stages?: ContactStage[],
    @Args('ownerId', { type: () => ID, nullable: true }) ownerId?: string,
    @Args('tag', { nullable: true, description: 'Contacts with this tag, any letter case' }) tag?: string,
    @Args('orderBy', { type: () => ContactOrder, nullable: true, description: 'NAME when not given' }) orderBy?: ContactOrder,
  ): Promise<Connection<Contact>> {
    return this.contactsService.list(principal, { search, first, after, stages: [...(stage ? [stage] : []), ...(stages ?? [])], ownerId, tag, orderBy });
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

  @Mutation(() => Contact, { description: 'Answers the contact as it was; its deals stay, on no contact' })
  deleteContact(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('activities', { type: () => ContactActivitiesOnDelete }) activities: ContactActivitiesOnDelete,
  ): Promise<Contact> {
    return this.contactsService.remove(principal, id, activities);
  }

  @ResolveField(() => String)
  name(@Parent() contact: Contact): string {
    return contactDisplayName(contact.firstName, contact.lastName);
  }

  @ResolveField(() => User, { nullable: true })
  owner(@Parent() contact: Contact, @Context() context: GraphQLContext): Promise<User | null> {
    return ownerOf(this.auth, context, contact);
  }

  @ResolveField('deals', () => [Deal], { description: 'Newest first, at most 100' })
  contactDeals(@Parent() contact: Contact, @Context() context: GraphQLContext): Promise<Deal[]> {
    return loadGroupedBy(context, 'DealsOfContact', contact.organisationId, (organisationId, contactIds) => this.dealsOf(organisationId, contactIds), (deal) => deal.contactId as string).load(contact.id);
  }

  /** The deals of every contact on the page in one query: each contact's newest, a page at most, as `deals(contactId:)` lists them. */
  private dealsOf(organisationId: string, contactIds: string[]): Promise<Deal[]> {
    return this.deals
      .createQueryBuilder('deal')
      .where(
        `deal.id IN (SELECT ranked.id FROM (
           SELECT id, row_number() OVER (PARTITION BY contact_id ORDER BY created_at DESC, id DESC) AS position
             FROM deals WHERE organisation_id = :organisationId AND contact_id IN (:...contactIds)) ranked
          WHERE ranked.position <= :perContact)`,
        { organisationId, contactIds, perContact: MAX_PAGE_SIZE },
      )
      .orderBy('deal.created_at', 'DESC')
      .addOrderBy('deal.id', 'DESC')
      .getMany();
  }
}

@Resolver(() => Deal)
export class DealsResolver {
  constructor(
    private readonly dealsService: DealsService,
    private readonly contactsService: ContactsService,
    private readonly auth: AuthService,
    private readonly liveEvents: LiveEventsService,
  ) {}

  @Query(() => [Deal])
  deals(
    @CurrentPrincipal() principal: Principal,
    @Args('contactId', { type: () => ID, nullable: true }) contactId?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('stage', { type: () => DealStageEnum, nullable: true, description: 'Only the deals at this stage' }) stage?: DealStage,
  ): Promise<Deal[]> {
    return this.dealsService.list(principal, { contactId, stage, first });
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

  @Subscription(() => Deal, { description: 'Each deal of the organisation as it is after createDeal or updateDeal (a stage move too)', filter: inSubscribersOrganisation, resolve: fromDealMessage })
  dealChanged() {
    return this.liveEvents.iterator<DealMessage>([DEAL_CHANGED]);
  }

  @ResolveField(() => Contact, { nullable: true })
  async contact(@Parent() deal: Deal, @Context() context: GraphQLContext): Promise<Contact | null> {
    if (!deal.contactId) return null;
    return contactById(context, this.contactsService, deal.organisationId).load(deal.contactId);
  }

  @ResolveField(() => User, { nullable: true })
  owner(@Parent() deal: Deal, @Context() context: GraphQLContext): Promise<User | null> {
    return ownerOf(this.auth, context, deal);
  }
}
