import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireAuth } from './components/require-auth.tsx';
import { PageLoading } from './components/page-state.tsx';
import { RouteError } from './components/route-error.tsx';
import { AllMessages } from './i18n/i18n-provider.tsx';

/** Each page is its own chunk, fetched when first visited (issue 3 item 9: sign-in loads only itself). */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  const Component = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return (
    <Suspense fallback={<PageLoading />}>
      <Component />
    </Suspense>
  );
}

const loadShell = () => import('./components/app-shell/app-shell.tsx');

/** Pages behind sign-in: they need a session and every word of the language (fetched with the shell's chunk). */
const shell = (children: ReactNode) => (
  <RequireAuth>
    <AllMessages preload={loadShell}>{children}</AllMessages>
  </RequireAuth>
);

export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      { path: '/sign-in', element: page(() => import('./scenes/sign-in/sign-in-page.tsx'), 'SignInPage') },
      {
        path: '/',
        element: shell(page(loadShell, 'AppShell')),
        children: [
          { index: true, element: page(() => import('./scenes/dashboard/dashboard-page.tsx'), 'DashboardPage') },
          { path: 'collaborations', element: page(() => import('./scenes/collaborations/collaborations-page.tsx'), 'CollaborationsPage') },
          { path: 'collaborations/new', element: page(() => import('./scenes/collaboration-new/new-collaboration-page.tsx'), 'NewCollaborationPage') },
          { path: 'collaborations/:id', element: page(() => import('./scenes/collaboration/collaboration-page.tsx'), 'CollaborationPage') },
          { path: 'collaborations/:id/meetings/new', element: page(() => import('./scenes/meeting-schedule/schedule-meeting-page.tsx'), 'ScheduleMeetingPage') },
          { path: 'meetings', element: page(() => import('./scenes/meetings/meetings-page.tsx'), 'MeetingsPage') },
          { path: 'meetings/:id', element: page(() => import('./scenes/meeting/meeting-page.tsx'), 'MeetingPage') },
          { path: 'action-items', element: page(() => import('./scenes/action-items/action-items-page.tsx'), 'ActionItemsPage') },
          { path: 'action-items/:id', element: page(() => import('./scenes/action-item/action-item-page.tsx'), 'ActionItemPage') },
          { path: 'search', element: page(() => import('./scenes/search/search-page.tsx'), 'SearchPage') },
          { path: 'archive', element: page(() => import('./scenes/archive/archive-page.tsx'), 'ArchivePage') },
          { path: 'imports', element: page(() => import('./scenes/imports/import-page.tsx'), 'ImportPage') },
          { path: 'review', element: page(() => import('./scenes/review/review-page.tsx'), 'ReviewPage') },
          { path: 'account', element: page(() => import('./scenes/account/account-page.tsx'), 'AccountPage') },
          { path: 'notifications', element: page(() => import('./scenes/notifications/notifications-page.tsx'), 'NotificationsPage') },
          { path: 'account/notifications', element: page(() => import('./scenes/notification-preferences/notification-preferences-page.tsx'), 'NotificationPreferencesPage') },
          { path: 'admin', element: page(() => import('./scenes/admin/admin-only.tsx'), 'AdminIndex') },
          { path: 'admin/departments', element: page(() => import('./scenes/admin/departments-page.tsx'), 'DepartmentsPage') },
          { path: 'admin/users', element: page(() => import('./scenes/admin/users-page.tsx'), 'UsersPage') },
          { path: 'admin/settings', element: page(() => import('./scenes/admin/settings-page.tsx'), 'SettingsPage') },
          { path: 'admin/channels', element: page(() => import('./scenes/admin/channels-page.tsx'), 'OrgChannelsPage') },
          { path: 'admin/deliveries', element: page(() => import('./scenes/admin/deliveries-page.tsx'), 'DeliveriesPage') },
          { path: '*', element: page(() => import('./scenes/not-found/not-found-page.tsx'), 'NotFoundPage') },
        ],
      },
    ],
  },
]);
