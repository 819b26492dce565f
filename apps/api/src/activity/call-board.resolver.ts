import { Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { AuthService, CurrentPrincipal, type Principal, User } from '../auth';
import { Contact, ContactsService } from '../crm';
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

  @ResolveField(() => Contact, { nullable: true })
  async contact(@Parent() call: LiveCall): Promise<Contact | null> {
    if (!call.contactId) return null;
    return (await this.contacts.findMany(call.organisationId, [call.contactId]))[0] ?? null;
  }

  @ResolveField(() => User, { nullable: true })
  async owner(@Parent() call: LiveCall): Promise<User | null> {
    return (await this.auth.usersByIds(call.organisationId, [call.ownerId]))[0] ?? null;
  }
}
