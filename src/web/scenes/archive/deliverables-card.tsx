import { Card, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { attachmentKeys, type Attachment } from '../../api/attachments.ts';
import type { Collaboration } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { EmptyState, ErrorState, PageLoading } from '../../components/page-state.tsx';
import { AttachmentLink } from '../action-item/attachment-link.tsx';

/**
 * 交付成果 of a frozen record: the files attached to each of its action items (those the reader may see),
 * to open one by one; the whole record with them downloads as .zip from 导出.
 */
export function DeliverablesCard({ collaboration: c }: { collaboration: Collaboration }) {
  const { t } = useI18n();
  const items = c.actionItems.filter((i) => !i.restricted);
  const queries = useQueries({
    queries: items.map((item) => ({
      queryKey: attachmentKeys.list(item.id),
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<{ items: Attachment[] }>(`/action-items/${encodeURIComponent(item.id)}/attachments`, undefined, signal),
    })),
  });
  const pending = queries.some((q) => q.isPending);
  const failed = queries.find((q) => q.isError);
  const rows = items.flatMap((item, i) => (queries[i]?.data?.items ?? []).map((file) => ({ item, file })));
  return (
    <Card title={t('attachments.deliverablesTitle', { count: rows.length })} size="small">
      {pending ? (
        <PageLoading />
      ) : failed ? (
        <ErrorState error={failed.error} onRetry={() => queries.forEach((q) => void q.refetch())} />
      ) : rows.length === 0 ? (
        <EmptyState description={t('attachments.noneInRecord')} />
      ) : (
        <ul aria-label={t('attachments.deliverablesList')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {rows.map(({ item, file }) => (
            <li key={file.id} style={{ padding: '8px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }}>
              <AttachmentLink attachment={file} />
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, overflowWrap: 'anywhere' }}>
                <PaperClipOutlined /> <Link to={`/action-items/${item.id}`}>{'description' in item ? item.description : ''}</Link>
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
