import { useQuery } from '@apollo/client/react';
import { TEAMMATES, type Teammate } from './queries';

/** The people a task can be handed to: the organisation's active users. */
export function useTeammates(): Teammate[] {
  const { data } = useQuery<{ colleagues: Teammate[] }>(TEAMMATES);
  return data?.colleagues ?? [];
}
