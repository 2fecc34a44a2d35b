import { Typography } from 'antd';
import { Link } from 'react-router';
import { LockOutlined } from '@ant-design/icons';
import type { MeetingActionItem } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { ActionItemStatusTag } from '../../components/tags.tsx';

/** An action item of the minutes with its four elements; a restricted one as a locked line. */
export function ActionItemLine({ item }: { item: MeetingActionItem }) {
  const { t } = useI18n();
  const format = useFormat();
  if (item.restricted || !('description' in item)) {
    return (
      <li style={{ padding: '8px 0' }}>
        <Typography.Text type="secondary">
          <LockOutlined /> {t('item.restricted')}
        </Typography.Text>
      </li>
    );
  }
  return (
    <li style={{ padding: '8px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }}>
      <div style={{ fontWeight: 500 }}>
        {item.sensitive && <LockOutlined aria-label={t('meeting.sensitive')} style={{ marginInlineEnd: 4 }} />}
        <Link to={`/action-items/${item.id}`}>{item.description}</Link>
      </div>
      <div style={{ display: 'flex', gap: '4px 12px', flexWrap: 'wrap', alignItems: 'center', fontSize: 13, color: 'rgba(0,0,0,0.6)' }}>
        <span>{t('minutes.itemOwner', { name: item.ownerName })}</span>
        <span>{t('item.due', { date: format.date(item.dueDate) })}</span>
        <span>{t('item.deliverable', { deliverable: item.deliverable })}</span>
        <ActionItemStatusTag status={item.status} />
        {item.progress > 0 && <span>{t('minutes.itemProgress', { progress: item.progress })}</span>}
      </div>
    </li>
  );
}
