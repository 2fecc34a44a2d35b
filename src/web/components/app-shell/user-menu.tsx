import { App, Avatar, Button, Dropdown } from 'antd';
import { BellOutlined, GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { saveLanguagePreference, useCurrentUser, useLogout } from '../../api/auth.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { LANGUAGE_NAMES, LOCALES, type Locale } from '../../i18n/translate.ts';

/** The first character of a name: 市场部李经理 → 市, in the avatar. */
const initialOf = (name: string) => Array.from(name.trim())[0]?.toUpperCase() ?? '?';

/** Who is signed in, the language switch and sign-out. */
export function UserMenu() {
  const { t, locale, setLocale } = useI18n();
  const { user } = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const switchTo = (next: Locale) => {
    setLocale(next);
    // The account remembers it too (mail and chat messages); the UI does not wait for it.
    saveLanguagePreference(next).catch(() => {});
  };

  const items = [
    { key: 'who', type: 'group' as const, label: `${user.name} · ${user.email}` },
    { type: 'divider' as const },
    { key: 'account', icon: <UserOutlined />, label: t('shell.account') },
    { key: 'notification-settings', icon: <BellOutlined />, label: t('prefs.title') },
    { type: 'divider' as const },
    // The languages in the menu itself, not a flyout: a hover submenu is awkward on a phone and closes when the pointer strays.
    {
      key: 'language',
      type: 'group' as const,
      label: (
        <span>
          <GlobalOutlined /> {t('shell.language')}
        </span>
      ),
      children: LOCALES.map((code) => ({ key: `lang:${code}`, label: <span lang={code}>{LANGUAGE_NAMES[code]}</span> })),
    },
    { type: 'divider' as const },
    { key: 'sign-out', icon: <LogoutOutlined />, label: t('shell.signOut'), danger: true },
  ];

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items,
        selectable: true,
        selectedKeys: [`lang:${locale}`],
        onClick: ({ key }) => {
          if (key.startsWith('lang:')) return switchTo(key.slice(5) as Locale);
          if (key === 'account') return navigate('/account');
          if (key === 'notification-settings') return navigate('/account/notifications');
          if (key === 'sign-out') {
            logout.mutate(undefined, {
              onSuccess: () => navigate('/sign-in', { replace: true }),
              onError: () => message.error(t('shell.signOutFailed')),
            });
          }
        },
      }}
    >
      <Button type="text" aria-label={t('shell.userMenu', { name: user.name })} style={{ paddingInline: 4, height: 40 }}>
        <Avatar size={32} style={{ background: '#1677ff' }}>
          <span translate="no">{initialOf(user.name)}</span>
        </Avatar>
      </Button>
    </Dropdown>
  );
}
