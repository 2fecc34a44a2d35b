import { Suspense, useEffect, useState } from 'react';
import { App as AntApp, Button, Drawer, Layout, theme } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation } from 'react-router';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useIsMobile } from '../../hooks/use-is-mobile.ts';
import { useLiveChanges } from '../../hooks/use-live-changes.ts';
import { PageLoading } from '../page-state.tsx';
import { NavMenu } from './nav-menu.tsx';
import { HeaderSearch } from './header-search.tsx';
import { NotificationBell } from './notification-bell.tsx';
import { UserMenu } from './user-menu.tsx';
import { ScrollToHash } from '../scroll-to-hash.tsx';

function Brand({ compact }: { compact?: boolean }) {
  const { t } = useI18n();
  return (
    <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 8, height: 56, padding: '0 20px', color: 'inherit', fontWeight: 600, fontSize: 16 }}>
      <img src="/favicon.svg" alt="" width={24} height={24} />
      {!compact && <span>{t('app.name')}</span>}
    </Link>
  );
}

/**
 * The frame of every signed-in page: the side menu (a drawer under 768 px), and a header with search,
 * the notification bell and the user menu.
 */
export function AppShell() {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  useLiveChanges();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const { token } = theme.useToken();

  useEffect(() => setDrawerOpen(false), [location.pathname]);

  return (
    <AntApp component={false}>
      <Layout style={{ minHeight: '100vh' }}>
        {!isMobile && (
          <Layout.Sider
            theme="light"
            width={220}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}
          >
            <nav aria-label={t('nav.label')}>
              <Brand compact={collapsed} />
              <NavMenu />
            </nav>
          </Layout.Sider>
        )}
        {isMobile && (
          <Drawer
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            placement="left"
            size={260}
            title={t('app.name')}
            styles={{ body: { padding: 0 } }}
          >
            <nav aria-label={t('nav.label')}>
              <NavMenu onNavigate={() => setDrawerOpen(false)} />
            </nav>
          </Drawer>
        )}
        <Layout style={{ minWidth: 0 }}>
          <Layout.Header
            style={{
              position: 'sticky',
              top: 0,
              zIndex: 10,
              display: 'flex',
              alignItems: 'center',
              gap: isMobile ? 4 : 12,
              height: 56,
              lineHeight: 'normal',
              padding: isMobile ? '0 8px' : '0 24px',
              background: token.colorBgContainer,
              borderBottom: `1px solid ${token.colorBorderSecondary}`,
            }}
          >
            {isMobile && <Button type="text" icon={<MenuOutlined />} aria-label={t('shell.openMenu')} onClick={() => setDrawerOpen(true)} />}
            <HeaderSearch />
            {!isMobile && <div style={{ flex: 1 }} />}
            <NotificationBell />
            <UserMenu />
          </Layout.Header>
          <Layout.Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
            {/* Layout.Content is the page's one <main> landmark. */}
            <div style={{ maxWidth: 1200, margin: '0 auto' }}>
              <ScrollToHash />
              <Suspense fallback={<PageLoading />}>
                <Outlet />
              </Suspense>
            </div>
          </Layout.Content>
        </Layout>
      </Layout>
    </AntApp>
  );
}
