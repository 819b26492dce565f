import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { UserRole } from '@switchboard/crm-domain';
import { Activity } from '../activity';
import { CurrentPrincipal, type Principal, RequireRole } from '../auth';
import { AgentCallLogService } from './agent-call-log.service';
import { CallDispositionsService } from './call-dispositions.service';
import { LogCallInput } from './dto/call-log.input';

/** A call's outcome and notes, the organisation's list of outcomes, and calls logged by hand. */
@Resolver()
export class CallLogResolver {
  constructor(
    private readonly callLog: AgentCallLogService,
    private readonly dispositions: CallDispositionsService,
  ) {}

  @Query(() => [String], { description: 'The call outcomes agents pick from, in order' })
  callDispositions(@CurrentPrincipal() principal: Principal): Promise<string[]> {
    return this.dispositions.list(principal.organisationId);
  }

  @RequireRole(UserRole.ADMIN)
  @Mutation(() => [String], { description: 'Replaces the call outcomes (admins); calls logged with a removed one keep it' })
  setCallDispositions(@CurrentPrincipal() principal: Principal, @Args('values', { type: () => [String] }) values: string[]): Promise<string[]> {
    return this.dispositions.set(principal, values);
  }

  @Mutation(() => Activity, { description: "A call's outcome (one of callDispositions) and notes: a left-out argument stays, null clears it" })
  updateCallLog(
    @CurrentPrincipal() principal: Principal,
    @Args('activityId', { type: () => ID }) activityId: string,
    @Args('disposition', { type: () => String, nullable: true }) disposition?: string | null,
    @Args('notes', { type: () => String, nullable: true }) notes?: string | null,
  ): Promise<Activity> {
    return this.callLog.update(principal, activityId, { disposition, notes });
  }

  @Mutation(() => Activity, { description: 'Logs a call made outside Zoom on a contact' })
  logCall(@CurrentPrincipal() principal: Principal, @Args('input') input: LogCallInput): Promise<Activity> {
    return this.callLog.logCall(principal, input);
  }
}
