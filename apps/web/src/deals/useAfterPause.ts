import { useCallback, useEffect, useRef } from 'react';

/** A call that runs `action` once calls have paused for `pauseMs`: a burst of live events, one refetch. */
export function useAfterPause(action: () => void, pauseMs: number): () => void {
  const latest = useRef(action);
  latest.current = action;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(), pauseMs);
  }, [pauseMs]);
}
