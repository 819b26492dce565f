import { useQuery } from '@apollo/client/react';
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { sessionEvents } from './apollo';
import { ME, type User } from './graphql';

const CurrentUser = createContext<User | null>(null);

export function useCurrentUser(): User {
  const user = useContext(CurrentUser);
  if (!user) throw new Error('useCurrentUser outside RequireSession');
  return user;
}

/** Renders its children for a signed-in user; anyone else goes to /login and comes back afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const location = useLocation();
  const navigate = useNavigate();
  const { data, loading, error } = useQuery<{ me: User }>(ME, { errorPolicy: 'all' });

  useEffect(() => {
    const toLogin = () => navigate('/login', { replace: true, state: { from: location.pathname } });
    sessionEvents.addEventListener('signed-out', toLogin);
    return () => sessionEvents.removeEventListener('signed-out', toLogin);
  }, [navigate, location.pathname]);

  if (loading && !data) return <div className="splash" aria-busy="true">Loading…</div>;
  if (!data?.me) {
    if (error && !/UNAUTHENTICATED|Sign in/i.test(error.message)) {
      return <div className="splash">Switchboard cannot reach its server right now. {error.message}</div>;
    }
    return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  }
  return <CurrentUser.Provider value={data.me}>{children}</CurrentUser.Provider>;
}
