import { useApolloClient, useMutation } from '@apollo/client/react';
import { Suspense, useEffect, useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router-dom';
import { sessionEvents } from '../apollo';
import { LOGOUT } from '../graphql';
import { useCurrentUser } from '../session';
import { IncomingCallToast } from '../calls/IncomingCallToast';
import { PageSkeleton } from './Skeleton';
import { SoftphonePane } from '../softphone/SoftphonePane';
import { SoftphoneToggle } from '../softphone/SoftphoneToggle';
import { TodayNavLink } from '../tasks/TodayNavLink';
import { useZoomConnection } from '../zoom/useZoomConnection';

/** The signed-in shell: navigation, who is signed in, and a banner when the server cannot be reached. */
export function Layout() {
  const user = useCurrentUser();
  const client = useApolloClient();
  const navigate = useNavigate();
  const [logout] = useMutation(LOGOUT);
  const [networkError, setNetworkError] = useState<string | null>(null);
  const { connection: zoom } = useZoomConnection();

  useEffect(() => {
    const show = (event: Event) => setNetworkError((event as CustomEvent<string>).detail);
    sessionEvents.addEventListener('network-error', show);
    return () => sessionEvents.removeEventListener('network-error', show);
  }, []);

  const signOut = async () => {
    await logout().catch(() => undefined);
    await client.clearStore();
    navigate('/login', { replace: true });
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/today" className="brand" aria-label="Switchboard home">
          <span className="brand-mark" aria-hidden="true" />
          Switchboard
        </NavLink>
        <nav className="nav" aria-label="Main">
          <TodayNavLink />
          <NavLink to="/contacts">Contacts</NavLink>
          <NavLink to="/deals" data-testid="nav-deals">
            Deals
          </NavLink>
          <NavLink to="/calls/live" data-testid="nav-live-calls">
            Live calls
          </NavLink>
          <NavLink to="/calls/unmatched" data-testid="nav-unmatched">
            Unmatched
          </NavLink>
          <NavLink to="/settings/integrations" data-testid="nav-settings">
            Settings
          </NavLink>
        </nav>
        <div className="whoami">
          <SoftphoneToggle />
          <span className="whoami-name" title={user.email}>
            {user.name} <span className="muted">· {user.organisation.name}</span>
          </span>
          <button type="button" className="button ghost" onClick={signOut} data-testid="signout">
            Sign out
          </button>
        </div>
      </header>
      {networkError && (
        <div className="banner error" role="alert">
          Cannot reach the server ({networkError}). Changes may not be saved.
          <button type="button" className="button ghost small" onClick={() => setNetworkError(null)}>
            Dismiss
          </button>
        </div>
      )}
      {zoom?.status === 'NEEDS_RECONNECT' && (
        <div className="banner error" role="alert" data-testid="zoom-reconnect-banner">
          Your Zoom connection stopped working: new calls and meetings are not arriving.
          <NavLink to="/settings/integrations" className="button small">
            Reconnect Zoom
          </NavLink>
        </div>
      )}
      <main id="main" className="content" tabIndex={-1}>
        <Suspense fallback={<PageSkeleton />}>
          <Outlet />
        </Suspense>
      </main>
      <IncomingCallToast />
      <SoftphonePane />
    </div>
  );
}
