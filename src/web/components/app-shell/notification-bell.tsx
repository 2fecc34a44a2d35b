import { useState } from 'react';
import { Badge, Button, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useMarkAllNotificationsRead, useNotifications } from '../../api/notifications.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { EmptyState, ErrorState, PageLoading } from '../page-state.tsx';
import { NotificationList } from '../notification-list.tsx';

/** The bell: unread count from GET /notifications, opening the recent list. */
export function NotificationBell() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const notifications = useNotifications(20);
  const markAll = useMarkAllNotificationsRead();
  const unread = notifications.data?.unreadCount ?? 0;

  const content = (
    <div style={{ width: 'min(360px, calc(100vw - 32px))' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8, gap: 8 }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        {unread > 0 && (
          <Button size="small" type="link" loading={markAll.isPending} onClick={() => markAll.mutate()}>
            {t('notifications.markAllRead')}
          </Button>
        )}
      </div>
      {notifications.isPending ? (
        <PageLoading />
      ) : notifications.isError ? (
        <ErrorState error={notifications.error} onRetry={() => void notifications.refetch()} />
      ) : notifications.data.items.length === 0 ? (
        <EmptyState description={t('notifications.empty')} />
      ) : (
        <div style={{ maxHeight: 'min(420px, 60vh)', overflowY: 'auto' }}>
          <NotificationList items={notifications.data.items} onNavigate={() => setOpen(false)} />
        </div>
      )}
      <Link to="/notifications" onClick={() => setOpen(false)} style={{ display: 'block', textAlign: 'center', paddingTop: 8 }}>{t('notifications.viewAll')}</Link>
    </div>
  );

  return (
    <Popover trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} content={content} arrow={false}>
      <Button type="text" aria-label={t('notifications.bell', { count: unread })} style={{ height: 40, paddingInline: 8 }}>
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
