import { NavLink } from 'react-router-dom';
import { useCurrentUser } from '../session';

export function SettingsTabs() {
  const user = useCurrentUser();
  return (
    <nav className="tabs" aria-label="Settings">
      <NavLink to="/settings/integrations">Integrations</NavLink>
      <NavLink to="/settings/calling" data-testid="nav-calling">
        Calling
      </NavLink>
      <NavLink to="/settings/booking" data-testid="nav-booking">
        Booking
      </NavLink>
      <NavLink to="/settings/tokens">API tokens</NavLink>
      {user.role === 'admin' && (
        <>
          <NavLink to="/settings/people" data-testid="nav-people">
            People
          </NavLink>
          <NavLink to="/settings/health" data-testid="nav-health">
            Integration health
          </NavLink>
        </>
      )}
    </nav>
  );
}
