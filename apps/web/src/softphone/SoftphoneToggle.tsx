import { useSoftphone } from './SoftphoneContext';

/** The top bar's switch for the softphone pane; absent when the server offers no softphone. */
export function SoftphoneToggle() {
  const { config, on, setOpen } = useSoftphone();
  if (!config) return null;
  return (
    <button type="button" className={`button small softphone-toggle${on ? ' on' : ''}`} aria-pressed={on} onClick={() => setOpen(!on)} data-testid="softphone-toggle">
      <span aria-hidden="true">☎</span> Phone
    </button>
  );
}
