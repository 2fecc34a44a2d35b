import { Card, Progress, Space, Table, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import type { Collaboration, CollaborationActionItem } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { useIsMobile } from '../../hooks/use-is-mobile.ts';
import { EmptyState } from '../../components/page-state.tsx';
import { ActionItemStatusTag, OverdueTag } from '../../components/tags.tsx';

function Description({ item }: { item: CollaborationActionItem }) {
  const { t } = useI18n();
  if (item.restricted || !('description' in item)) {
    return (
      <Typography.Text type="secondary">
        <LockOutlined /> {t('item.restricted')}
      </Typography.Text>
    );
  }
  return (
    <div>
      <div style={{ fontWeight: 500 }}>{item.description}</div>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('item.deliverable', { deliverable: item.deliverable })}
      </Typography.Text>
    </div>
  );
}

const progressOf = (item: CollaborationActionItem) => ('progress' in item && typeof item.progress === 'number' ? item.progress : null);

/** The collaboration's action items with the template's four elements; restricted ones as a locked line. */
export function ActionItemsTab({ collaboration }: { collaboration: Collaboration }) {
  const { t } = useI18n();
  const format = useFormat();
  const isMobile = useIsMobile();
  const items = collaboration.actionItems;
  if (items.length === 0) return <EmptyState description={t('items.emptyInCollaboration')} />;

  if (isMobile) {
    return (
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        {items.map((item) => (
          <Card key={item.id} size="small">
            <Description item={item} />
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 12px', alignItems: 'center', marginTop: 8 }}>
              <span>{item.owner.name}</span>
              <span>{t('item.due', { date: format.date(item.dueDate) })}</span>
              <OverdueTag days={item.daysOverdue} />
              <ActionItemStatusTag status={item.status} />
            </div>
            {progressOf(item) !== null && <Progress percent={progressOf(item)!} size="small" aria-label={t('item.progress')} />}
          </Card>
        ))}
      </Space>
    );
  }

  return (
    <Table<CollaborationActionItem>
      rowKey="id"
      dataSource={items}
      pagination={false}
      columns={[
        { title: t('item.description'), key: 'description', render: (_, item) => <Description item={item} /> },
        { title: t('item.owner'), key: 'owner', width: 140, render: (_, item) => item.owner.name },
        {
          title: t('item.dueDate'),
          key: 'due',
          width: 150,
          render: (_, item) => (
            <Space size={4} wrap>
              <span>{format.date(item.dueDate)}</span>
              <OverdueTag days={item.daysOverdue} />
            </Space>
          ),
        },
        { title: t('item.status'), key: 'status', width: 100, render: (_, item) => <ActionItemStatusTag status={item.status} /> },
        {
          title: t('item.progress'),
          key: 'progress',
          width: 140,
          render: (_, item) => (progressOf(item) === null ? '–' : <Progress percent={progressOf(item)!} size="small" aria-label={t('item.progress')} />),
        },
      ]}
    />
  );
}
