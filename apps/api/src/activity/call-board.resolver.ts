import { Context, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { AuthService, CurrentPrincipal, type GraphQLContext, type Principal, User, userById } from '../auth';
import { Contact, contactById, ContactsService } from '../crm';
import { CallBoardService } from './call-board.service';
import { LiveCall } from './dto/live-call.model';

@Resolver(() => LiveCall)
export class CallBoardResolver {
  constructor(
    private readonly callBoard: CallBoardService,
    private readonly contacts: ContactsService,
    private readonly auth: AuthService,
  ) {}

  @Query(() => [LiveCall], { description: 'The calls in progress in your organisation' })
  liveCalls(@CurrentPrincipal() principal: Principal): Promise<LiveCall[]> {
    return this.callBoard.board(principal.organisationId);
  }

  @Subscription(() => [LiveCall], { name: 'callBoard', description: 'The calls in progress in your organisation: now, then whole again on every change' })
  callBoardUpdates(@CurrentPrincipal() principal: Principal) {
    return this.callBoard.updates(principal.organisationId);
  }

  /** Through the request's contact and user loaders (Activity.contact and .owner share them): one query each for the whole board. */
  @ResolveField(() => Contact, { nullable: true })
  contact(@Parent() call: LiveCall, @Context() context: GraphQLContext): Promise<Contact | null> {
    if (!call.contactId) return Promise.resolve(null);
    return contactById(context, this.contacts, call.organisationId).load(call.contactId);
  }

  @ResolveField(() => User, { nullable: true })
  owner(@Parent() call: LiveCall, @Context() context: GraphQLContext): Promise<User | null> {
    return userById(context, this.auth, call.organisationId).load(call.ownerId);
  }
}
