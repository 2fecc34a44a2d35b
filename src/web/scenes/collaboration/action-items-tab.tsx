import { lazy, Suspense, useState } from 'react';
import { Button, Card, Progress, Space, Table, Typography } from 'antd';
import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { Collaboration, CollaborationActionItem } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { useIsMobile } from '../../hooks/use-is-mobile.ts';
import { EmptyState } from '../../components/page-state.tsx';
import { ActionItemStatusTag, OverdueTag } from '../../components/tags.tsx';

// The form (date picker, person search) loads only when someone opens it.
const CreateActionItemDrawer = lazy(async () => ({ default: (await import('../action-item/create-action-item-drawer.tsx')).CreateActionItemDrawer }));

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
      <Link to={`/action-items/${item.id}`} style={{ fontWeight: 500, display: 'block', overflowWrap: 'anywhere' }}>
        {item.description}
      </Link>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('item.deliverable', { deliverable: item.deliverable })}
      </Typography.Text>
      {item.statusText && <div style={{ fontSize: 13 }}>{t('item.latestStatus', { text: item.statusText })}</div>}
    </div>
  );
}

const progressOf = (item: CollaborationActionItem) => ('progress' in item && typeof item.progress === 'number' ? item.progress : null);

/** The collaboration's action items with the template's four elements; restricted ones as a locked line. */
export function ActionItemsTab({ collaboration }: { collaboration: Collaboration }) {
  const { t } = useI18n();
  const [creating, setCreating] = useState(false);
  const canCreate = collaboration.abilities.createActionItem;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {canCreate && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('createItem.title')}
        </Button>
      )}
      <ItemList collaboration={collaboration} />
      {canCreate && creating && (
        <Suspense fallback={null}>
          <CreateActionItemDrawer collaboration={collaboration} open={creating} onClose={() => setCreating(false)} />
        </Suspense>
      )}
    </Space>
  );
}

function ItemList({ collaboration }: { collaboration: Collaboration }) {
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
        { title: t('item.owner'), key: 'owner', width: 120, render: (_, item) => item.owner.name },
        {
          title: t('item.dueDate'),
          key: 'due',
          width: 145,
          render: (_, item) => (
            <Space size={4} wrap>
              <span>{format.date(item.dueDate)}</span>
              <OverdueTag days={item.daysOverdue} />
            </Space>
          ),
        },
        {
          // Status and progress share a column so the description keeps room in the page's narrower main column.
          title: t('item.status'),
          key: 'status',
          width: 130,
          render: (_, item) => (
            <>
              <ActionItemStatusTag status={item.status} />
              {progressOf(item) !== null && <Progress percent={progressOf(item)!} size="small" aria-label={t('item.progress')} style={{ margin: '4px 0 0' }} />}
            </>
          ),
        },
      ]}
    />
  );
}
