import { useCallback, useState } from 'react';

export type DockSide = 'left' | 'right';

export interface PanePreference {
  open: boolean;
  side: DockSide;
}

/** Per browser, like the window layout it is: another computer of the same agent may have no room for the pane. */
const STORAGE_KEY = 'switchboard.softphone-pane';
const CLOSED_ON_THE_RIGHT: PanePreference = { open: false, side: 'right' };

function stored(): PanePreference {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return CLOSED_ON_THE_RIGHT;
    const { open, side } = value as Partial<PanePreference>;
    return { open: open === true, side: side === 'left' ? 'left' : 'right' };
  } catch {
    return CLOSED_ON_THE_RIGHT;
  }
}

/** Whether the softphone pane is open and where it is docked, remembered in this browser. */
export function usePanePreference(): [PanePreference, (change: Partial<PanePreference>) => void] {
  const [preference, setPreference] = useState(stored);
  const change = useCallback((update: Partial<PanePreference>) => {
    setPreference((current) => {
      const next = { ...current, ...update };
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      return next;
    });
  }, []);
  return [preference, change];
}
