import { useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { CALL_BOARD, type LiveCall } from '../graphql';

/** The organisation's calls in progress: the server sends the whole board on subscribing and on every change. */
export function useCallBoard(): LiveCall[] {
  const [calls, setCalls] = useState<LiveCall[]>([]);
  useSubscription<{ callBoard: LiveCall[] }>(CALL_BOARD, { onData: ({ data }) => data.data && setCalls(data.data.callBoard) });
  return calls;
}

/** Who is on the other end, in the words a person would use. */
export function counterpartLabel(call: LiveCall): string {
  return call.contact?.name ?? call.counterpartName ?? call.counterpartNumber ?? 'an unknown number';
}
