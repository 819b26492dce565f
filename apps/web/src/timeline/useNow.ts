import { useCallback, useSyncExternalStore } from 'react';

/** One clock per interval, shared by every component reading it: a page of relative times ticks with one timer. */
interface Clock {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | null;
}

const clocks = new Map<number, Clock>();

function clockOf(intervalMs: number): Clock {
  let clock = clocks.get(intervalMs);
  if (!clock) {
    clock = { now: Date.now(), listeners: new Set(), timer: null };
    clocks.set(intervalMs, clock);
  }
  return clock;
}

function subscribe(intervalMs: number, listener: () => void): () => void {
  const clock = clockOf(intervalMs);
  clock.listeners.add(listener);
  if (!clock.timer) {
    // A clock nobody read for a while catches up with the real time before it ticks again.
    clock.now = Date.now();
    queueMicrotask(listener);
    clock.timer = setInterval(() => {
      clock.now = Date.now();
      for (const notify of clock.listeners) notify();
    }, intervalMs);
  }
  return () => {
    clock.listeners.delete(listener);
    if (clock.listeners.size === 0 && clock.timer) {
      clearInterval(clock.timer);
      clock.timer = null;
    }
  };
}

/**
 * The current time in ms, re-read every `intervalMs` while mounted: "just now" becomes "2 minutes ago" and
 * "in 5 minutes" becomes "Started" without a reload.
 */
export function useNow(intervalMs = 30_000): number {
  // One subscribe function per interval: a new one each render would make React unsubscribe and subscribe again,
  // stopping and restarting the clock (a new `now`, another render) without end.
  const subscribeToClock = useCallback((listener: () => void) => subscribe(intervalMs, listener), [intervalMs]);
  return useSyncExternalStore(subscribeToClock, () => clockOf(intervalMs).now);
}
