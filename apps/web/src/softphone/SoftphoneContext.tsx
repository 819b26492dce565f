import { useQuery } from '@apollo/client/react';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef } from 'react';
import { SmartEmbedBridge } from './bridge';
import { SOFTPHONE_CONFIG, type SoftphoneConfig } from './queries';
import { type DockSide, usePanePreference } from './usePanePreference';
import { type ScreenPop, useSmartEmbedHandlers } from './useSmartEmbedHandlers';

interface Softphone {
  /** The server told us where Zoom's Smart Embed lives. */
  config: SoftphoneConfig | null;
  /** The pane is open: numbers dial and text through it rather than through zoomphonecall:// or tel: links. */
  on: boolean;
  side: DockSide;
  bridge: SmartEmbedBridge | null;
  screenPops: ScreenPop[];
  /** Something the pane could not do (save a call log, say), for the pane to show. */
  problem: string | null;
  setOpen(open: boolean): void;
  dockTo(side: DockSide): void;
  dial(number: string): void;
  text(number: string): void;
  dismissScreenPop(callId: string): void;
  clearProblem(): void;
}

const ignore = () => undefined;
/** Outside the signed-in shell there is no pane: numbers keep their links. */
const NO_SOFTPHONE: Softphone = {
  config: null,
  on: false,
  side: 'right',
  bridge: null,
  screenPops: [],
  problem: null,
  setOpen: ignore,
  dockTo: ignore,
  dial: ignore,
  text: ignore,
  dismissScreenPop: ignore,
  clearProblem: ignore,
};

const SoftphoneContext = createContext<Softphone>(NO_SOFTPHONE);

export const useSoftphone = () => useContext(SoftphoneContext);

/** The softphone for the whole signed-in app: one pane, one bridge to its iframe, whatever page is open. */
export function SoftphoneProvider({ children }: { children: ReactNode }) {
  const { data } = useQuery<{ softphone: SoftphoneConfig }>(SOFTPHONE_CONFIG);
  const config = data?.softphone ?? null;
  const origin = config?.smartEmbedOrigin;
  const [preference, setPreference] = usePanePreference();
  const { handlers, screenPops, dismissScreenPop, problem, clearProblem } = useSmartEmbedHandlers();
  // The bridge lives as long as the origin; each message is handled by the handlers of the latest render.
  const latestHandlers = useRef(handlers);
  useEffect(() => {
    latestHandlers.current = handlers;
  });
  const bridge = useMemo(() => (origin ? new SmartEmbedBridge(origin, () => latestHandlers.current) : null), [origin]);

  const value = useMemo<Softphone>(
    () => ({
      config,
      on: Boolean(config && bridge && preference.open),
      side: preference.side,
      bridge,
      screenPops,
      problem,
      setOpen: (open) => setPreference({ open }),
      dockTo: (side) => setPreference({ side }),
      dial: (number) => bridge?.send('zp-make-call', { number, autoDial: true }),
      text: (number) => bridge?.send('zp-input-sms', { number }),
      dismissScreenPop,
      clearProblem,
    }),
    [config, bridge, preference, setPreference, screenPops, problem, dismissScreenPop, clearProblem],
  );
  return <SoftphoneContext.Provider value={value}>{children}</SoftphoneContext.Provider>;
}
