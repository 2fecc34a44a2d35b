import { useRef, useState, type DragEvent } from 'react';
import { App, Button, Card, Dropdown, Modal, Progress, Segmented, Space, Tag, theme, Typography } from 'antd';
import { DownOutlined, LockOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { actionItemKeys, useActionItems, usePatchActionItem } from '../../api/action-items.ts';
import { isApiError } from '../../api/client.ts';
import type { ActionItem, ActionItemFilters } from '../../api/types.ts';
import { ErrorState, PageLoading } from '../../components/page-state.tsx';
import { OverdueTag } from '../../components/tags.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { useIsMobile } from '../../hooks/use-is-mobile.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { ProgressUpdateForm } from '../action-item/progress-update-form.tsx';
import { ReopenModal } from '../action-item/reopen-modal.tsx';
import { allowedTargets, BOARD_COLUMNS, boardMove, type BoardColumn } from './board-moves.ts';

type VisibleItem = Extract<ActionItem, { restricted: false }>;
type Pending = { kind: 'update'; item: VisibleItem; preset: { status: BoardColumn; progress?: number } } | { kind: 'reopen'; item: VisibleItem } | null;

const DRAG_TYPE = 'application/x-liaison-action-item';

function BoardCard({ item, onMove }: { item: ActionItem; onMove: (item: ActionItem, target: BoardColumn) => void }) {
  const { t } = useI18n();
  const format = useFormat();
  const targets = allowedTargets(item);
  const draggable = targets.length > 0;
  if (item.restricted) {
    return (
      <Card size="small">
        <Typography.Text type="secondary">
          <LockOutlined /> {t('item.restricted')}
        </Typography.Text>
        <div style={{ fontSize: 13, marginTop: 4 }}>
          {item.owner.name} · {t('item.due', { date: format.date(item.dueDate) })}
        </div>
      </Card>
    );
  }
  return (
    <Card
      size="small"
      draggable={draggable}
      onDragStart={(event: DragEvent) => {
        event.dataTransfer.setData(DRAG_TYPE, item.id);
        event.dataTransfer.effectAllowed = 'move';
      }}
      style={{ cursor: draggable ? 'grab' : undefined }}
      data-item-id={item.id}
    >
      <Link to={`/action-items/${item.id}`} style={{ fontWeight: 500, display: 'block', overflowWrap: 'anywhere' }}>
        {item.description}
      </Link>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', overflowWrap: 'anywhere' }}>
        {item.collaborationTopic}
      </Typography.Text>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '2px 8px', alignItems: 'center', fontSize: 13, marginTop: 6 }}>
        <span>{item.owner.name}</span>
        <span>{t('item.due', { date: format.date(item.dueDate) })}</span>
        <OverdueTag days={item.daysOverdue} />
        {item.status === 'done' && <Tag color={item.acceptedAt ? 'success' : 'processing'}>{t(item.acceptedAt ? 'itemPage.accepted' : 'itemBoard.awaitingAcceptance')}</Tag>}
      </div>
      <Progress percent={item.progress} size="small" aria-label={t('item.progress')} style={{ margin: '4px 0 0' }} />
      {draggable && (
        <Dropdown
          trigger={['click']}
          menu={{ items: targets.map((target) => ({ key: target, label: t(`itemStatus.${target}`) })), onClick: ({ key }) => onMove(item, key as BoardColumn) }}
        >
          <Button size="small" type="link" style={{ padding: 0, height: 'auto' }} aria-label={t('itemBoard.moveItem', { item: item.description })}>
            {t('itemBoard.moveTo')} <DownOutlined />
          </Button>
        </Dropdown>
      )}
    </Card>
  );
}

type ColumnProps = {
  status: BoardColumn;
  filters: ActionItemFilters;
  onMove: (item: ActionItem, target: BoardColumn) => void;
  /** Every column's items by id, so a drop on one column finds the card dragged from another. */
  registry: Map<string, ActionItem>;
  hideTitle?: boolean;
};

function Column({ status, filters, onMove, registry, hideTitle }: ColumnProps) {
  const { t } = useI18n();
  const list = useActionItems({ ...filters, status });
  const [over, setOver] = useState(false);
  const { token } = theme.useToken();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  for (const item of items) registry.set(item.id, item);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const dragged = registry.get(event.dataTransfer.getData(DRAG_TYPE));
    if (dragged) onMove(dragged, status);
  };

  return (
    <section
      aria-label={t(`itemStatus.${status}`)}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      style={{
        background: over ? token.colorPrimaryBg : token.colorFillTertiary,
        outline: over ? `2px dashed ${token.colorPrimary}` : undefined,
        borderRadius: 8,
        padding: 8,
        minWidth: 0,
        minHeight: 120,
        display: 'flex',
        flexDirection: 'column',
        gap: 8,
      }}
    >
      {!hideTitle && (
        <Typography.Title level={2} style={{ fontSize: 15, margin: '4px 4px 0' }}>
          {t(`itemStatus.${status}`)} <Typography.Text type="secondary">{list.hasNextPage ? `${items.length}+` : items.length}</Typography.Text>
        </Typography.Title>
      )}
      {list.isPending ? (
        <PageLoading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Typography.Text type="secondary" style={{ textAlign: 'center', padding: '24px 0' }}>
          {t('itemBoard.emptyColumn')}
        </Typography.Text>
      ) : (
        items.map((item) => <BoardCard key={item.id} item={item} onMove={onMove} />)
      )}
      {list.hasNextPage && (
        <Button size="small" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </section>
  );
}

/**
 * The board (看板): a column per status — to do, in progress, blocked, done. A card moves by dragging or
 * with its "move to" menu (keyboard, phone). Editors change the status at once; the owner reports the
 * move with a progress update; done always means a 100 % update; a finished item goes back by reopening.
 */
export function ActionItemsBoard({ filters }: { filters: ActionItemFilters }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const { message } = App.useApp();
  const patch = usePatchActionItem();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Pending>(null);
  const [mobileColumn, setMobileColumn] = useState<BoardColumn>('todo');
  const registry = useRef(new Map<string, ActionItem>()).current;

  const move = (item: ActionItem, target: BoardColumn) => {
    const decided = boardMove(item, target);
    if (decided.kind === 'none' || item.restricted) return;
    if (decided.kind === 'forbidden') {
      message.warning(t('itemBoard.cannotMove'));
      return;
    }
    if (decided.kind === 'update') return setPending({ kind: 'update', item, preset: decided.preset });
    if (decided.kind === 'reopen') return setPending({ kind: 'reopen', item });
    patch.mutate(
      { id: item.id, status: decided.status, version: item.version },
      {
        onSuccess: () => message.success(t('itemBoard.moved', { status: t(`itemStatus.${decided.status}`) })),
        onError: (error) => {
          message.error(isApiError(error) ? error.message : t('error.generic'));
          // A refused move (someone changed the item meanwhile) shows the board as it now is.
          void queryClient.invalidateQueries({ queryKey: actionItemKeys.all });
        },
      },
    );
  };

  return (
    <>
      {isMobile ? (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Segmented<BoardColumn>
            block
            value={mobileColumn}
            onChange={setMobileColumn}
            options={BOARD_COLUMNS.map((s) => ({ value: s, label: t(`itemStatus.${s}`) }))}
          />
          <Column key={mobileColumn} status={mobileColumn} filters={filters} onMove={move} registry={registry} hideTitle />
        </Space>
      ) : (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: 12, alignItems: 'start' }}>
          {BOARD_COLUMNS.map((status) => (
            <Column key={status} status={status} filters={filters} onMove={move} registry={registry} />
          ))}
        </div>
      )}
      <Modal
        open={pending?.kind === 'update'}
        title={pending?.kind === 'update' ? t('itemBoard.updateTitle', { status: t(`itemStatus.${pending.preset.status}`) }) : ''}
        footer={null}
        onCancel={() => setPending(null)}
        destroyOnHidden
      >
        {pending?.kind === 'update' && (
          <>
            <Typography.Paragraph strong style={{ overflowWrap: 'anywhere' }}>
              {pending.item.description}
            </Typography.Paragraph>
            <ProgressUpdateForm item={pending.item} preset={pending.preset} onDone={() => setPending(null)} autoFocus />
          </>
        )}
      </Modal>
      {pending?.kind === 'reopen' && <ReopenModal itemId={pending.item.id} open onClose={() => setPending(null)} />}
    </>
  );
}
