import { Button, Progress, Space, Tag, Timeline, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useProgressUpdates, type ProgressUpdate } from '../../api/action-items.ts';
import { useMe } from '../../api/auth.ts';
import { EmptyState, ErrorState, PageLoading } from '../../components/page-state.tsx';
import { ActionItemStatusTag } from '../../components/tags.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { recordedDelayLabel } from './delay-codes.ts';

function Entry({ update }: { update: ProgressUpdate }) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const { data: me } = useMe();
  const moved = update.previousDueDate && update.newDueDate;
  return (
    <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
      <Space size={[8, 4]} wrap style={{ marginBottom: 4 }}>
        <Typography.Text strong>{update.author.name}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {update.createdAt && <time dateTime={update.createdAt}>{format.instant(update.createdAt)}</time>}
        </Typography.Text>
        <ActionItemStatusTag status={update.status} />
      </Space>
      <Progress percent={update.progress} size="small" style={{ maxWidth: 240, margin: 0 }} aria-label={t('item.progress')} />
      {update.restricted ? (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          <LockOutlined /> {t('itemTimeline.restricted')}
        </Typography.Paragraph>
      ) : (
        update.statusText && <Typography.Paragraph style={{ margin: '4px 0 0' }}>{update.statusText}</Typography.Paragraph>
      )}
      {moved && (
        <div style={{ marginTop: 4 }}>
          <Tag color="warning">{t('itemTimeline.dueMoved', { from: format.date(update.previousDueDate!), to: format.date(update.newDueDate!) })}</Tag>
        </div>
      )}
      {!update.restricted && (update.delayCode || update.delayReason) && (
        <Typography.Paragraph style={{ margin: '4px 0 0' }}>
          <Typography.Text type="secondary">{t('itemTimeline.reason')}</Typography.Text>
          {update.delayCode && <Tag style={{ marginInlineStart: 4 }}>{recordedDelayLabel(update.delayCode, update.delayCodeLabel, me?.settings?.delayReasonCodes ?? [], locale)}</Tag>}
          {update.delayReason}
        </Typography.Paragraph>
      )}
      {!update.restricted && update.remedy && (
        <Typography.Paragraph style={{ margin: '4px 0 0' }}>
          <Typography.Text type="secondary">{t('itemTimeline.remedy')}</Typography.Text>
          {update.remedy}
        </Typography.Paragraph>
      )}
    </div>
  );
}

/** The item's progress timeline, newest first: who reported what, and every due-date move with its reason. */
export function ProgressTimeline({ itemId }: { itemId: string }) {
  const { t } = useI18n();
  const updates = useProgressUpdates(itemId);
  if (updates.isPending) return <PageLoading />;
  if (updates.isError) return <ErrorState error={updates.error} onRetry={() => void updates.refetch()} />;
  const entries = updates.data.pages.flatMap((p) => p.items).reverse();
  if (entries.length === 0) return <EmptyState description={t('itemTimeline.empty')} />;
  return (
    <>
      <Timeline
        items={entries.map((update) => ({
          key: update.id,
          color: update.newDueDate ? 'orange' : update.status === 'done' ? 'green' : update.status === 'blocked' ? 'red' : 'blue',
          content: <Entry update={update} />,
        }))}
      />
      {updates.hasNextPage && (
        <Button onClick={() => void updates.fetchNextPage()} loading={updates.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </>
  );
}
