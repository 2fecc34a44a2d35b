import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { meKey, useMe } from '../api/auth.ts';
import { onUnauthenticated } from '../api/client.ts';
import { ErrorState, PageLoading } from './page-state.tsx';

/** Where the sign-in page sends the user back to: only a path of this app, never another site. */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/sign-in' || next.startsWith('/sign-in?')) return '/';
  return next;
}

export function signInPath(location: { pathname: string; search: string; hash: string }): string {
  const here = `${location.pathname}${location.search}${location.hash}`;
  return here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`;
}

/** Pages behind sign-in: a visitor without a session goes to the sign-in page and comes back here after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  useEffect(() => {
    // A session that ends while the app is open (expired, signed out in another tab).
    onUnauthenticated(() => {
      queryClient.setQueryData(meKey, null);
      navigate(signInPath(window.location), { replace: true });
    });
  }, [navigate, queryClient]);

  if (me.isPending) return <PageLoading />;
  if (me.isError) {
    return (
      <div style={{ padding: 24 }}>
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  if (!me.data) return <Navigate to={signInPath(location)} replace />;
  return children;
}
