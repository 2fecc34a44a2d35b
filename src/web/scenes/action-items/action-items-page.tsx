import { useEffect, useMemo } from 'react';
import { Button, Card, Col, Input, Progress, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { useActionItems } from '../../api/action-items.ts';
import type { ActionItem, ActionItemFilters } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { useIsMobile } from '../../hooks/use-is-mobile.ts';
import { EmptyState, ErrorState, PageLoading } from '../../components/page-state.tsx';
import { ActionItemStatusTag, OverdueTag } from '../../components/tags.tsx';
import { ITEM_STATUSES, itemFiltersFromParams } from './item-filters.ts';

function Description({ item }: { item: ActionItem }) {
  const { t } = useI18n();
  if (item.restricted) {
    return (
      <Typography.Text type="secondary">
        <LockOutlined /> {t('item.restricted')}
      </Typography.Text>
    );
  }
  return (
    <div>
      <div style={{ fontWeight: 500 }}>{item.description}</div>
      <Link to={`/collaborations/${item.collaborationId}?tab=actionItems`} style={{ fontSize: 13 }}>
        {item.collaborationTopic}
      </Link>
    </div>
  );
}

/** 行动项: action items across the collaborations the user may read, filtered by the address bar. */
export function ActionItemsPage() {
  const { t } = useI18n();
  const format = useFormat();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => itemFiltersFromParams(params), [params]);
  const list = useActionItems(filters);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  useEffect(() => {
    document.title = `${t('nav.actionItems')} · ${t('app.name')}`;
  }, [t]);

  const set = (key: keyof ActionItemFilters, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const dateRange = [filters.dueAfter ? t('items.from', { date: format.date(filters.dueAfter) }) : '', filters.dueBefore ? t('items.until', { date: format.date(filters.dueBefore) }) : '']
    .filter(Boolean)
    .join(' ');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('nav.actionItems')}
      </Typography.Title>
      <Row gutter={[8, 8]} role="group" aria-label={t('collaborations.filters')}>
        <Col xs={24} md={8}>
          <Input.Search key={filters.q ?? ''} defaultValue={filters.q} allowClear placeholder={t('items.searchPlaceholder')} aria-label={t('items.searchPlaceholder')} onSearch={(q) => set('q', q.trim() || undefined)} />
        </Col>
        <Col xs={12} md={5}>
          <Select
            style={{ width: '100%' }}
            aria-label={t('items.owner')}
            value={filters.ownerId === 'me' ? 'me' : 'all'}
            onChange={(v) => set('ownerId', v === 'me' ? 'me' : undefined)}
            options={[
              { value: 'me', label: t('items.mine') },
              { value: 'all', label: t('items.everyone') },
            ]}
          />
        </Col>
        <Col xs={12} md={5}>
          <Select
            style={{ width: '100%' }}
            allowClear
            aria-label={t('item.status')}
            placeholder={t('item.status')}
            value={filters.status}
            onChange={(v) => set('status', v)}
            options={ITEM_STATUSES.map((s) => ({ value: s, label: t(s === 'open' ? 'itemStatus.open' : `itemStatus.${s}`) }))}
          />
        </Col>
        <Col xs={24} md={6}>
          <Space size={[4, 4]} wrap>
            {filters.overdue && (
              <Tag closable color="error" onClose={() => set('overdue', undefined)}>
                {t('items.overdueOnly')}
              </Tag>
            )}
            {dateRange && (
              <Tag
                closable
                onClose={() => {
                  const next = new URLSearchParams(params);
                  next.delete('dueAfter');
                  next.delete('dueBefore');
                  setParams(next, { replace: true });
                }}
              >
                {dateRange}
              </Tag>
            )}
          </Space>
        </Col>
      </Row>
      {list.isPending ? (
        <PageLoading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <Card>
          <EmptyState description={Object.keys(filters).length ? t('items.noMatch') : t('items.empty')} />
        </Card>
      ) : isMobile ? (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {rows.map((item) => (
            <Card key={item.id} size="small">
              <Description item={item} />
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 12px', alignItems: 'center', marginTop: 8 }}>
                <span>{item.owner.name}</span>
                <span>{t('item.due', { date: format.date(item.dueDate) })}</span>
                {!item.restricted && <OverdueTag days={item.daysOverdue} />}
                <ActionItemStatusTag status={item.status} />
              </div>
              {!item.restricted && <Progress percent={item.progress} size="small" aria-label={t('item.progress')} />}
            </Card>
          ))}
        </Space>
      ) : (
        <Table<ActionItem>
          rowKey="id"
          dataSource={rows}
          pagination={false}
          columns={[
            { title: t('item.description'), key: 'description', render: (_, item) => <Description item={item} /> },
            { title: t('item.owner'), key: 'owner', width: 140, render: (_, item) => item.owner.name },
            {
              title: t('item.dueDate'),
              key: 'due',
              width: 160,
              render: (_, item) => (
                <Space size={4} wrap>
                  <span>{format.date(item.dueDate)}</span>
                  {!item.restricted && <OverdueTag days={item.daysOverdue} />}
                </Space>
              ),
            },
            { title: t('item.status'), key: 'status', width: 100, render: (_, item) => <ActionItemStatusTag status={item.status} /> },
            { title: t('item.progress'), key: 'progress', width: 140, render: (_, item) => (item.restricted ? '–' : <Progress percent={item.progress} size="small" aria-label={t('item.progress')} />) },
          ]}
        />
      )}
      {list.hasNextPage && (
        <div style={{ textAlign: 'center' }}>
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </div>
      )}
    </Space>
  );
}
