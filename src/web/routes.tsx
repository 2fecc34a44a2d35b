import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireAuth } from './components/require-auth.tsx';
import { PageLoading } from './components/page-state.tsx';
import { RouteError } from './components/route-error.tsx';

/** Each page is its own chunk, fetched when first visited (issue 3 item 9: sign-in loads only itself). */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  const Component = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return (
    <Suspense fallback={<PageLoading />}>
      <Component />
    </Suspense>
  );
}

const shell = (children: ReactNode) => <RequireAuth>{children}</RequireAuth>;

export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      { path: '/sign-in', element: page(() => import('./scenes/sign-in/sign-in-page.tsx'), 'SignInPage') },
      {
        path: '/',
        element: shell(page(() => import('./components/app-shell/app-shell.tsx'), 'AppShell')),
        children: [
          { index: true, element: page(() => import('./scenes/dashboard/dashboard-page.tsx'), 'DashboardPage') },
          { path: 'collaborations', element: page(() => import('./scenes/collaborations/collaborations-page.tsx'), 'CollaborationsPage') },
          { path: 'collaborations/new', element: page(() => import('./scenes/collaboration-new/new-collaboration-page.tsx'), 'NewCollaborationPage') },
          { path: 'collaborations/:id', element: page(() => import('./scenes/collaboration/collaboration-page.tsx'), 'CollaborationPage') },
          { path: 'meetings/:id', element: page(() => import('./scenes/meeting/meeting-page.tsx'), 'MeetingPage') },
          { path: 'action-items', element: page(() => import('./scenes/action-items/action-items-page.tsx'), 'ActionItemsPage') },
          { path: '*', element: page(() => import('./scenes/not-found/not-found-page.tsx'), 'NotFoundPage') },
        ],
      },
    ],
  },
]);
