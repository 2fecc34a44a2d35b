import { Menu } from 'antd';
import { CheckSquareOutlined, DashboardOutlined, TeamOutlined } from '@ant-design/icons';
import { Link, useLocation } from 'react-router';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useAdminNavEntries } from '../../scenes/admin/admin-nav.tsx';
import { RECORD_SECTIONS, useRecordsNavEntries } from '../../scenes/archive/records-nav.tsx';

/** The section a path belongs to, so /collaborations/123 keeps 协作 highlighted. */
export function sectionOf(pathname: string): string {
  if (pathname.startsWith('/collaborations') || pathname.startsWith('/meetings')) return '/collaborations';
  if (pathname.startsWith('/action-items')) return '/action-items';
  if (pathname.startsWith('/admin')) return '/admin';
  for (const section of RECORD_SECTIONS) if (pathname.startsWith(section)) return section;
  if (pathname.startsWith('/notifications') || pathname.startsWith('/account') || pathname.startsWith('/search')) return '';
  if (pathname.startsWith('/account')) return '/account';
  return '/';
}

export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useI18n();
  const location = useLocation();
  const entries = [
    { key: '/', icon: <DashboardOutlined />, label: t('nav.dashboard') },
    { key: '/collaborations', icon: <TeamOutlined />, label: t('nav.collaborations') },
    { key: '/action-items', icon: <CheckSquareOutlined />, label: t('nav.actionItems') },
    ...useRecordsNavEntries(),
    ...useAdminNavEntries(),
  ];
  // Real links, so a section opens in a new tab like any link.
  const items = entries.map((e) => ({ ...e, label: <Link to={e.key}>{e.label}</Link> }));
  return (
    <Menu
      mode="inline"
      selectedKeys={[sectionOf(location.pathname)]}
      items={items}
      style={{ borderInlineEnd: 'none' }}
      onClick={() => onNavigate?.()}
    />
  );
}
