import { useEffect } from 'react';
import { Badge, Button, Card, Segmented, Space, Tag, Typography } from 'antd';
import { CheckOutlined, SettingOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotificationPages } from '../../api/notifications.ts';
import type { AppNotification } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { useIsMobile } from '../../hooks/use-is-mobile.ts';
import { EmptyState, ErrorState, PageLoading } from '../../components/page-state.tsx';
import { LinkButton } from '../../components/link-button.tsx';
import { notificationLink, notificationText } from '../../components/notification-text.ts';
import { eventLabel } from '../channels/event-label.ts';

function NotificationRow({ n }: { n: AppNotification }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const format = useFormat();
  const markRead = useMarkNotificationRead();
  const text = notificationText(n, t, format);
  const link = notificationLink(n);
  const topic = typeof n.payload.collaborationTopic === 'string' ? n.payload.collaborationTopic : '';
  const open = () => {
    if (!n.read) markRead.mutate(n.id);
  };
  return (
    <li
      style={{ display: 'flex', gap: 12, padding: '12px 0', borderBottom: '1px solid rgba(5,5,5,0.06)', alignItems: 'flex-start' }}
    >
      <span aria-hidden style={{ flex: 'none', width: 8, height: 8, marginTop: 8, borderRadius: 4, background: n.read ? 'transparent' : '#1677ff' }} />
      <div style={{ flex: 1, minWidth: 0 }}>
        <div style={{ wordBreak: 'break-word' }}>
          {link ? (
            <Link to={link} onClick={open} style={{ fontWeight: n.read ? 400 : 600 }}>
              {text}
            </Link>
          ) : (
            <Typography.Text strong={!n.read}>{text}</Typography.Text>
          )}
          {!n.read && <span className="visually-hidden">{t('notifications.unread')}</span>}
        </div>
        <Space size={[4, 0]} wrap style={{ marginTop: 4 }}>
          <Tag>{eventLabel(t, n.event)}</Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {topic ? `${topic} · ` : ''}
            {format.instant(n.createdAt)}
          </Typography.Text>
        </Space>
      </div>
      {!n.read && (
        <Button
          size="small"
          type="text"
          icon={<CheckOutlined />}
          loading={markRead.isPending}
          onClick={() => markRead.mutate(n.id)}
          aria-label={t('notifPage.markReadNamed', { text })}
          style={{ flex: 'none' }}
        >
          {isMobile ? null : t('notifPage.markRead')}
        </Button>
      )}
    </li>
  );
}

/** 通知: everything the bell has said, newest first; unread ones only on request; each leads to its record. */
export function NotificationsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('filter') === 'unread';
  const pages = useNotificationPages(unreadOnly);
  const markAll = useMarkAllNotificationsRead();
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const unreadCount = pages.data?.pages[0]?.unreadCount ?? 0;

  useEffect(() => {
    document.title = `${t('notifications.title')} · ${t('app.name')}`;
  }, [t]);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('notifications.title')}
        </Typography.Title>
        <LinkButton to="/account/notifications" icon={<SettingOutlined />}>
          {t('notifPage.settings')}
        </LinkButton>
      </div>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Segmented<'all' | 'unread'>
          aria-label={t('notifPage.filter')}
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(value) => setParams(value === 'unread' ? { filter: 'unread' } : {}, { replace: true })}
          options={[
            { value: 'all', label: t('notifPage.all') },
            {
              value: 'unread',
              label: (
                <span>
                  {t('notifPage.unreadOnly')} <Badge count={unreadCount} size="small" overflowCount={99} />
                </span>
              ),
            },
          ]}
        />
        <Button icon={<CheckOutlined />} disabled={unreadCount === 0} loading={markAll.isPending} onClick={() => markAll.mutate()}>
          {t('notifications.markAllRead')}
        </Button>
      </div>
      <Card size="small">
        {pages.isPending ? (
          <PageLoading />
        ) : pages.isError ? (
          <ErrorState error={pages.error} onRetry={() => void pages.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState
            description={unreadOnly ? t('notifPage.noUnread') : t('notifications.empty')}
            action={
              unreadOnly ? (
                <Button onClick={() => setParams({}, { replace: true })}>{t('notifPage.showAll')}</Button>
              ) : (
                <LinkButton to="/account/notifications">{t('notifPage.settings')}</LinkButton>
              )
            }
          />
        ) : (
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('notifications.title')}>
            {rows.map((n) => (
              <NotificationRow key={n.id} n={n} />
            ))}
          </ul>
        )}
        {pages.hasNextPage && (
          <div style={{ textAlign: 'center', paddingTop: 12 }}>
            <Button onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          </div>
        )}
      </Card>
    </Space>
  );
}
