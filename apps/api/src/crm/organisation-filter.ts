import type { GraphQLContext } from '../auth';

/** A subscription filter: a live event reaches only the signed-in users of the organisation it happened in. */
export function inSubscribersOrganisation(message: { organisationId: string }, _variables: unknown, context: GraphQLContext): boolean {
  return !!context.principal && message.organisationId === context.principal.organisationId;
}
