import { NavLink } from 'react-router-dom';

export function SettingsTabs() {
  return (
    <nav className="tabs" aria-label="Settings">
      <NavLink to="/settings/integrations">Integrations</NavLink>
      <NavLink to="/settings/tokens">API tokens</NavLink>
    </nav>
  );
}
