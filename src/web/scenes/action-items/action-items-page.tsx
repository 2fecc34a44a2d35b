import { lazy, Suspense, useEffect, useMemo } from 'react';
import { Button, Card, Progress, Segmented, Space, Table, Typography } from 'antd';
import { AppstoreOutlined, LockOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { useActionItems } from '../../api/action-items.ts';
import type { ActionItem, ActionItemFilters } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { useIsMobile } from '../../hooks/use-is-mobile.ts';
import { EmptyState, ErrorState, PageLoading } from '../../components/page-state.tsx';
import { ActionItemStatusTag, OverdueTag } from '../../components/tags.tsx';
import { boardFilters, itemFiltersFromParams, itemViewFromParams, type ItemView } from './item-filters.ts';
import { ItemFilterBar } from './item-filter-bar.tsx';

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
      <Link to={`/action-items/${item.id}`} style={{ fontWeight: 500, display: 'block', overflowWrap: 'anywhere' }}>
        {item.description}
      </Link>
      <Link to={`/collaborations/${item.collaborationId}?tab=actionItems`} style={{ fontSize: 13, color: 'inherit', opacity: 0.65 }}>
        {item.collaborationTopic}
      </Link>
    </div>
  );
}

// The board (with its drag and drop and the update form) loads only when someone switches to it.
const ActionItemsBoard = lazy(async () => ({ default: (await import('./action-items-board.tsx')).ActionItemsBoard }));

/**
 * 行动项: action items across the collaborations the user may read, as a list or a board (?view=board),
 * filtered by the address bar so any view can be shared.
 */
export function ActionItemsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => itemFiltersFromParams(params), [params]);
  const view = itemViewFromParams(params);

  useEffect(() => {
    document.title = `${t('nav.actionItems')} · ${t('app.name')}`;
  }, [t]);

  const set = (changes: Partial<Record<keyof ActionItemFilters, string | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };
  const clear = () => setParams(view === 'board' ? { view } : {}, { replace: true });
  const setView = (next: ItemView) => {
    const copy = new URLSearchParams(params);
    if (next === 'board') copy.set('view', 'board');
    else copy.delete('view');
    setParams(copy, { replace: true });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('nav.actionItems')}
        </Typography.Title>
        <Segmented<ItemView>
          aria-label={t('itemBoard.view')}
          value={view}
          onChange={setView}
          options={[
            { value: 'list', label: t('itemBoard.viewList'), icon: <UnorderedListOutlined /> },
            { value: 'board', label: t('itemBoard.viewBoard'), icon: <AppstoreOutlined /> },
          ]}
        />
      </div>
      {view === 'board' ? <BoardView filters={filters} set={set} clear={clear} /> : <ListView filters={filters} set={set} clear={clear} />}
    </Space>
  );
}

type ViewProps = {
  filters: ActionItemFilters;
  set: (changes: Partial<Record<keyof ActionItemFilters, string | undefined>>) => void;
  clear: () => void;
};

function BoardView({ filters, set, clear }: ViewProps) {
  const columnFilters = boardFilters(filters);
  // The first page of any column names the owner or collaboration of an id taken from the address bar.
  const probe = useActionItems(columnFilters, 1);
  const first = probe.data?.pages[0]?.items[0];
  const names = first && !first.restricted ? { owner: first.owner.name, collaboration: first.collaborationTopic } : { owner: first?.owner.name };
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 16 }}>
      <ItemFilterBar filters={filters} view="board" set={set} clear={clear} names={names} />
      <Suspense fallback={<PageLoading />}>
        <ActionItemsBoard filters={columnFilters} />
      </Suspense>
    </div>
  );
}

function ListView({ filters, set, clear }: ViewProps) {
  const { t } = useI18n();
  const format = useFormat();
  const isMobile = useIsMobile();
  const list = useActionItems(filters);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const first = rows[0];
  const names = first && !first.restricted ? { owner: first.owner.name, collaboration: first.collaborationTopic } : { owner: first?.owner.name };

  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 16 }}>
      <ItemFilterBar filters={filters} view="list" set={set} clear={clear} names={names} />
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
    </div>
  );
}
