import { Typography } from 'antd';
import { Link } from 'react-router';
import type { AppNotification } from '../api/types.ts';
import { useMarkNotificationRead } from '../api/notifications.ts';
import { useI18n } from '../i18n/i18n-provider.tsx';
import { useFormat } from '../hooks/use-format.ts';
import { notificationLink, notificationText } from './notification-text.ts';

/** Notifications newest first; opening one marks it read. Unread ones carry a dot and bold text. */
export function NotificationList({ items, onNavigate }: { items: AppNotification[]; onNavigate?: () => void }) {
  const { t } = useI18n();
  const format = useFormat();
  const markRead = useMarkNotificationRead();
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('notifications.title')}>
      {items.map((n) => {
        const text = notificationText(n, t, format);
        const link = notificationLink(n);
        const open = () => {
          if (!n.read) markRead.mutate(n.id);
          onNavigate?.();
        };
        const topic = typeof n.payload.collaborationTopic === 'string' ? n.payload.collaborationTopic : '';
        return (
          <li key={n.id} style={{ padding: '8px 0', borderBottom: '1px solid rgba(5,5,5,0.06)', display: 'flex', gap: 8 }}>
            <span
              aria-hidden
              style={{ flex: 'none', width: 8, height: 8, marginTop: 8, borderRadius: 4, background: n.read ? 'transparent' : '#1677ff' }}
            />
            <div style={{ minWidth: 0 }}>
              {link ? (
                <Link to={link} onClick={open} style={{ fontWeight: n.read ? 400 : 600 }}>
                  {text}
                </Link>
              ) : (
                <Typography.Text strong={!n.read}>{text}</Typography.Text>
              )}
              {!n.read && <span className="visually-hidden">{t('notifications.unread')}</span>}
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {topic ? `${topic} · ` : ''}
                  {format.instant(n.createdAt)}
                </Typography.Text>
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
