import { Menu } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { Link, useLocation } from 'react-router';
import { useCurrentUser } from '../../api/auth.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import type { MessageKey } from '../../i18n/translate.ts';

/** The administration pages, in the order an admin sets up an organisation. */
export const ADMIN_SECTIONS: readonly { path: string; title: MessageKey }[] = [
  { path: '/admin/users', title: 'admin.users' },
  { path: '/admin/departments', title: 'admin.departments' },
  { path: '/admin/settings', title: 'admin.settings' },
  { path: '/admin/channels', title: 'admin.channels' },
  { path: '/admin/deliveries', title: 'admin.deliveries' },
];

/** The side menu's 组织管理 entry, for those whose abilities allow it; nobody else sees it. */
export function useAdminNavEntries() {
  const { t } = useI18n();
  const { abilities } = useCurrentUser();
  if (!abilities.manageOrganization) return [];
  return [{ key: '/admin', icon: <SettingOutlined />, label: t('nav.admin') }];
}

/** Between the administration pages: a row of links, folding into "…" where the screen is narrow. */
export function AdminSectionNav() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  return (
    <nav aria-label={t('nav.admin')}>
      <Menu
        mode="horizontal"
        selectedKeys={[pathname]}
        items={ADMIN_SECTIONS.map((s) => ({ key: s.path, label: <Link to={s.path}>{t(s.title)}</Link> }))}
        style={{ background: 'transparent', minWidth: 0 }}
      />
    </nav>
  );
}
