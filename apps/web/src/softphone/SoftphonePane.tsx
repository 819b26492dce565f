import { useCallback } from 'react';
import { useSoftphone } from './SoftphoneContext';
import './softphone.css';

/** Zoom's documented iframe attributes for Smart Embed: its audio and video, and what its pages may do. */
const FRAME_ALLOW = 'microphone; camera; autoplay; clipboard-write';
const FRAME_SANDBOX = 'allow-forms allow-popups allow-popups-to-escape-sandbox allow-scripts allow-same-origin allow-downloads';

/** The docked softphone: Zoom Phone Smart Embed in an iframe, on the left or right of every page while open. */
export function SoftphonePane() {
  const { on, config, side, bridge, problem, setOpen, dockTo, clearProblem } = useSoftphone();
  // Listening starts as the iframe is attached, before it can load and post anything.
  const attach = useCallback((frame: HTMLIFrameElement | null) => (frame && bridge ? bridge.attach(frame) : undefined), [bridge]);
  if (!on || !config || !bridge) return null;
  const otherSide = side === 'right' ? 'left' : 'right';
  return (
    <aside className={`softphone-pane dock-${side}`} aria-label="Zoom Phone" data-testid="softphone-pane">
      <div className="softphone-head">
        <strong>Zoom Phone</strong>
        <button type="button" className="button ghost small" onClick={() => dockTo(otherSide)} title={`Dock on the ${otherSide}`} data-testid="softphone-dock">
          {side === 'right' ? '⇤' : '⇥'}
          <span className="visually-hidden">Dock on the {otherSide}</span>
        </button>
        <button type="button" className="button ghost small" onClick={() => setOpen(false)} title="Close the softphone" data-testid="softphone-close">
          ×<span className="visually-hidden">Close the softphone</span>
        </button>
      </div>
      {problem && (
        <p className="softphone-problem" role="alert">
          {problem}
          <button type="button" className="button ghost small" onClick={clearProblem}>
            Dismiss
          </button>
        </p>
      )}
      <iframe
        ref={attach}
        id="zoom-embeddable-phone-iframe"
        className="softphone-frame"
        title="Zoom Phone Smart Embed"
        src={config.smartEmbedUrl}
        allow={FRAME_ALLOW}
        sandbox={FRAME_SANDBOX}
        onLoad={() => bridge.loaded()}
        data-testid="softphone-frame"
      />
    </aside>
  );
}
