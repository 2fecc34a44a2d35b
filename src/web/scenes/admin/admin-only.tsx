import { useEffect, type ReactNode } from 'react';
import { Result, Typography } from 'antd';
import { Navigate } from 'react-router';
import { useCurrentUser } from '../../api/auth.ts';
import { isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { LinkButton } from '../../components/link-button.tsx';
import { ErrorState } from '../../components/page-state.tsx';
import type { MessageKey } from '../../i18n/translate.ts';
import { AdminSectionNav } from './admin-nav.tsx';

/** The page a non-admin reaches by a shared link: what it is, why not, and the way back. */
export function NotAllowed() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={t('admin.notAllowedTitle')}
      subTitle={t('admin.notAllowedHint')}
      extra={
        <LinkButton to="/" type="primary">
          {t('notFound.home')}
        </LinkButton>
      }
    />
  );
}

/** A failed admin load: a refusal shows the not-allowed page, anything else the usual error with a retry. */
export function AdminLoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (isApiError(error, 'FORBIDDEN')) return <NotAllowed />;
  return <ErrorState error={error} onRetry={onRetry} />;
}

/**
 * The organisation's administration: only for those whose abilities say so (the server refuses the
 * others as well). Sets the tab's title and the page heading.
 */
export function AdminPage({ title, actions, children }: { title: MessageKey; actions?: ReactNode; children: ReactNode }) {
  const { t } = useI18n();
  const { abilities } = useCurrentUser();
  useEffect(() => {
    document.title = `${t(title)} · ${t('app.name')}`;
  }, [t, title]);
  if (!abilities.manageOrganization) return <NotAllowed />;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16, width: '100%' }}>
      <AdminSectionNav />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t(title)}
        </Typography.Title>
        {actions}
      </div>
      {children}
    </div>
  );
}

/** /admin: the people, where administration usually starts. */
export function AdminIndex() {
  return <Navigate to="/admin/users" replace />;
}
