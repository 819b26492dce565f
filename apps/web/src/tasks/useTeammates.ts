import { useQuery } from '@apollo/client/react';
import { useCurrentUser } from '../session';
import { TEAMMATES, type Teammate } from './queries';

/** The people a task can be handed to: the organisation's users, which the api lists to admins. */
export function useTeammates(): Teammate[] {
  const viewer = useCurrentUser();
  const { data } = useQuery<{ users: Teammate[] }>(TEAMMATES, { skip: viewer.role !== 'admin' });
  return data?.users ?? [];
}
